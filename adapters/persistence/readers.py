"""The shop read side: ``ShopView`` DTOs straight from the table, without loading aggregates.

The authorization status shown is the *effective* one at ``now`` (a stored AUTHORIZED or PARTIAL
whose ``auth_expires_at`` has passed reads EXPIRED), and the status filter applies the same rule
in SQL, so a filtered list never disagrees with the rows it shows.
"""
from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.pool import PoolProxiedConnection

from adapters.loop_bridge import can_await
from adapters.persistence.cursors import keyset_page
from adapters.persistence.engine import read_only
from adapters.persistence.loop_reads import loop_reads_for
from adapters.persistence.shop_cache import ShopRowCache
from adapters.persistence.shop_views import CachedShop, to_view
from adapters.persistence.tables import shops
from application.ports.readers import Page, ShopFilter, ShopView
from domain.shop_kinds import AuthStatus

_EXPIRED, _REAUTH = AuthStatus.EXPIRED, AuthStatus.REAUTH_REQUIRED
_VIEW_COLUMNS = [c for c in shops.c if c.key not in ("name_key", "orders_expire_at")]
_BY_ID = sa.select(*_VIEW_COLUMNS).where(shops.c.id == sa.bindparam("shop_id"))


def effective_auth_status_is(status: AuthStatus, now: datetime) -> sa.ColumnElement[bool]:
    """``effective_auth_status(...) == status`` as a SQL condition."""
    c = shops.c
    lapsed = c.auth_expires_at.is_not(None) & (c.auth_expires_at <= now)
    if status is _REAUTH:
        return c.auth_status == _REAUTH
    if status is _EXPIRED:
        return (c.auth_status != _REAUTH) & (lapsed | (c.auth_status == _EXPIRED))
    return (c.auth_status == status) & sa.or_(c.auth_expires_at.is_(None), c.auth_expires_at > now)


class PreparedSelect:
    """A SELECT compiled once for the engine's dialect, run straight on the DBAPI cursor of a
    pooled connection. For the hottest reads (GetShop): SQLAlchemy's per-statement machinery
    costs ten times the query, and its ``Connection`` (events, isolation characteristics)
    as much again. What stays the same: the pool (and its checkout events), the engine's
    isolation level (``read_only``: set on the DBAPI connection for the query, reset after)
    and the columns' types (their result processors). When the driver raises, the connection
    is dropped and the query run again through SQLAlchemy, which raises its own exception
    classes and invalidates dropped connections. On PostgreSQL, called from a bridged greenlet
    on an event loop (:mod:`adapters.loop_bridge`), the query runs on that loop's asynchronous
    connections (:mod:`adapters.persistence.loop_reads`) and the loop is free meanwhile.

    Only bind parameters whose type needs no conversion (strings, numbers), and column types
    whose result processor does not depend on the driver's type code, are supported.
    """

    def __init__(self, engine: Engine, query: sa.Select) -> None:
        self._engine, self._query, dialect = engine, query, engine.dialect
        self._loop_reads = loop_reads_for(engine)
        compiled = query.compile(dialect=dialect)
        self._sql, self._positions = str(compiled), compiled.positiontup if compiled.positional else None
        self._compiled = compiled
        self._isolation = engine.get_execution_options().get("isolation_level")
        columns = list(query.selected_columns)
        self._row = namedtuple("Row", [c.key for c in columns])
        self._processors: list[Callable[[Any], Any] | None] = [
            c.type.dialect_impl(dialect).result_processor(dialect, None) for c in columns]

    def first(self, **values: Any) -> Any | None:
        """The first row (attributes named like the columns), or ``None``."""
        params = self._compiled.construct_params(values)
        if self._positions is not None:
            params = tuple(params[name] for name in self._positions)
        if self._loop_reads is not None and can_await():
            try:
                found = self._loop_reads.fetch_all(self._sql, params)
            except self._engine.dialect.loaded_dbapi.Error:
                found = None  # the connection was dropped; SQLAlchemy's path below reports it
            if found is not None:
                return self._make(found[0]) if found else None
        connection = self._engine.raw_connection()
        try:
            raw = self._fetch_one(connection, params)
        except self._engine.dialect.loaded_dbapi.Error:
            connection.invalidate()
            # NOTE: a read may run twice; SQLAlchemy's own path then reports the failure its
            # way (wrapped exception, a dropped connection invalidated with its pool)
            with self._engine.connect() as conn:
                return conn.execute(self._query, values).first()
        finally:
            connection.close()
        return None if raw is None else self._make(raw)

    def _make(self, raw: tuple) -> Any:
        return self._row._make([v if p is None else p(v) for p, v in zip(self._processors, raw)])

    def _fetch_one(self, connection: PoolProxiedConnection, params: Any) -> tuple | None:
        dialect, dbapi_connection = self._engine.dialect, connection.dbapi_connection
        if self._isolation:
            dialect.set_isolation_level(dbapi_connection, self._isolation)
        rows = self._cursor_on(connection)
        rows.execute(self._sql, params)
        found = rows.fetchall()  # NOTE: to the end: a half-read SQLite statement holds its snapshot
        if self._isolation:
            dialect.reset_isolation_level(dbapi_connection)
        return found[0] if found else None

    def _cursor_on(self, connection: PoolProxiedConnection) -> Any:
        """This statement's cursor on ``connection``, kept with the DBAPI connection across
        checkouts: psycopg sets up a new cursor's loaders on its first result, which costs as
        much as the query. SQLAlchemy clears ``info`` when it replaces a connection."""
        cursor = connection.info.get(self)
        if cursor is None or cursor.connection is not connection.driver_connection:
            cursor = connection.info[self] = connection.cursor()
        return cursor


class SqlShopReader:
    """``cache``: keep the rows read by ``get`` (see :mod:`adapters.persistence.shop_cache`);
    the server passes ``shop_cache_for(engine)``."""

    def __init__(self, engine: Engine, cache: ShopRowCache | None = None) -> None:
        self._engine = read_only(engine)
        self._by_id = PreparedSelect(self._engine, _BY_ID)
        self._cache = cache

    def get(self, shop_id: str, now: datetime) -> ShopView | None:
        if self._cache is None:
            row = self._by_id.first(shop_id=shop_id)
            return to_view(row, now) if row else None
        shop, generation = self._cache.lookup(shop_id)
        if shop is None:
            row = self._by_id.first(shop_id=shop_id)
            if row is None:
                return None
            shop = CachedShop(row)
            self._cache.store(shop_id, shop, generation)
        return shop.view_at(now)

    def list(self, flt: ShopFilter, page_size: int, page_token: str, now: datetime) -> Page:
        """Ordered by name (case-insensitive), then id."""
        return keyset_page(self._engine, sa.select(shops).where(*_conditions(flt, now)),
                           (shops.c.name_key, shops.c.id), flt=flt, page_token=page_token, page_size=page_size,
                           item=lambda r: to_view(r, now), key_of=lambda r: (r.name_key, r.id))


def _conditions(flt: ShopFilter, now: datetime) -> list[sa.ColumnElement[bool]]:
    c, found = shops.c, []
    if flt.owner_id is not None:
        found.append(c.owner_id == flt.owner_id)
    if flt.auth_status is not None:
        found.append(effective_auth_status_is(flt.auth_status, now))
    if flt.status is not None:
        found.append(c.status == flt.status)
    if flt.name_contains:
        found.append(c.name_key.contains(flt.name_contains.casefold(), autoescape=True))
    if flt.expiring_within_days is not None:
        # The same rule as the days_left shown: at most N whole days left, lapsed ones included.
        found.append(c.auth_expires_at < now + timedelta(days=flt.expiring_within_days + 1))
    return found
