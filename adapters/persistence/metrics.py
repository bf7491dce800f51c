"""The gauges read from the database at scrape time, never kept in memory: each scrape runs
three short queries through a read-only connection (``read_only``: no write lock on SQLite).

Per enabled shop: how far its sync lags (now minus the end of its last successful window, the
watermark), when a run of it last met an error that it has not got past, and how many days its
earliest token has left. Globally: the outbox rows the relay has not sent, and the age of the
oldest. Every process that serves metrics reads the same rows: alert on ``max without
(instance)`` (docs/operations.md).
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from datetime import datetime

import sqlalchemy as sa
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy.engine import Engine

from adapters.persistence.engine import read_only
from adapters.persistence.sync_tables import shop_sync_state, sync_runs
from adapters.persistence.tables import outbox, shops
from domain.shop_kinds import ShopStatus
from domain.sync import RunStatus

log = logging.getLogger("erp.telemetry")
NOT_GOT_PAST = (RunStatus.PENDING, RunStatus.RUNNING, RunStatus.WAITING_REAUTH, RunStatus.FAILED)
DAY_S = 86_400.0


class DatabaseCollector(Collector):
    def __init__(self, engine: Engine, now: Callable[[], datetime]) -> None:
        self._engine, self._now = read_only(engine), now
        self._down = False  # one warning per outage, not one per scrape

    def describe(self) -> list:
        return []  # NOTE: no query at registration

    def collect(self) -> Iterator[GaugeMetricFamily]:
        up = GaugeMetricFamily("erp_metrics_database_up", "1 when the database answered this scrape's queries.")
        try:
            with self._engine.connect() as conn:
                families = self._families(conn, self._now())
        except sa.exc.SQLAlchemyError as err:
            if not self._down:
                log.warning("metrics: the database did not answer (%s); per-shop and outbox gauges left out "
                            "until it does", type(err).__name__)
            self._down = True
            up.add_metric([], 0)
            yield up
            return
        if self._down:
            log.info("metrics: the database answers again")
        self._down = False
        up.add_metric([], 1)
        yield up
        yield from families

    def _families(self, conn: sa.Connection, now: datetime) -> list[GaugeMetricFamily]:
        info = GaugeMetricFamily("erp_shop_info", "1 per enabled shop; its name and region.",
                                 labels=("shop", "name", "region"))
        lag = GaugeMetricFamily("erp_shop_sync_lag_seconds", "Now minus the end of the shop's last successful "
                                "sync window; absent until its history sync finished.", labels=("shop",))
        expiry = GaugeMetricFamily("erp_shop_token_expiry_days", "Days until the shop's earliest token expires "
                                   "(negative: expired).", labels=("shop",))
        s, state = shops.c, shop_sync_state.c
        rows = conn.execute(sa.select(s.id, s.name, s.region, s.auth_expires_at, state.watermark)
                            .outerjoin_from(shops, shop_sync_state, state.shop_id == s.id)
                            .where(s.status == ShopStatus.ENABLED))
        for shop_id, name, region, expires_at, watermark in rows:
            info.add_metric([shop_id, name.value, region.value], 1)
            if watermark is not None:
                lag.add_metric([shop_id], (now - watermark).total_seconds())
            if expires_at is not None:
                expiry.add_metric([shop_id], (expires_at - now).total_seconds() / DAY_S)
        return [info, lag, expiry, self._errors(conn), *self._outbox(conn, now)]

    def _errors(self, conn: sa.Connection) -> GaugeMetricFamily:
        errors = GaugeMetricFamily("erp_shop_sync_last_error_timestamp_seconds",
                                   "When a sync run of the shop that has not succeeded last met an error "
                                   "(Unix time).", labels=("shop",))
        r = sync_runs.c
        query = (sa.select(r.shop_id, sa.func.max(r.last_error_at))
                 .where(r.status.in_(NOT_GOT_PAST), r.last_error_at.is_not(None)).group_by(r.shop_id))
        for shop_id, at in conn.execute(query):
            errors.add_metric([shop_id], at.timestamp())
        return errors

    def _outbox(self, conn: sa.Connection, now: datetime) -> list[GaugeMetricFamily]:
        unsent, oldest = conn.execute(sa.select(sa.func.count(), sa.func.min(outbox.c.created_at))
                                      .where(outbox.c.sent_at.is_(None))).one()
        return [GaugeMetricFamily("erp_outbox_unsent_events", "Events stored but not yet sent to the broker.",
                                  value=unsent),
                GaugeMetricFamily("erp_outbox_oldest_unsent_age_seconds", "Age of the oldest unsent event "
                                  "(0 when none).", value=(now - oldest).total_seconds() if oldest else 0.0)]
