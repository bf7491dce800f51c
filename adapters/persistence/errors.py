"""Database errors become domain errors here, and only here.

- A unique-key clash on ``shops`` becomes ``AlreadyExists`` naming the ERP shop that holds the
  key (looked up after the rollback, in a fresh session), so AUTH-9 errors are actionable.
- A second sync run of one shop, kind and slot (two "sync now" calls in one instant) becomes
  ``ConcurrencyConflict`` too.
- A stale version (``version_id_col``) or a PostgreSQL serialization failure or deadlock
  (SQLSTATE 40001/40P01) becomes ``ConcurrencyConflict``: the caller may retry.
- Any other database error propagates; the gRPC edge maps operational ones to UNAVAILABLE.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from adapters.persistence.engine import READ_ONLY
from adapters.persistence.tables import shops
from domain.errors import AlreadyExists, ConcurrencyConflict, DomainError
from domain.shop import Shop, shop_already_authorized, shop_name_taken
from domain.shop_kinds import Region

SERIALIZATION_FAILURES = frozenset({"40001", "40P01"})
MALL_KEY, NAME_KEY = "uq_shops_mall_id_region", "uq_shops_name_key"
REQUEST_KEY, ORDER_KEY = "pk_idempotency_keys", "uq_orders_shop_id_parent_order_sn"
SYNC_SLOT_KEY = "uq_sync_runs_shop_id_kind_slot_start"
CHANNEL_KEY = "uq_logistics_channels_warehouse_id_service_token"

# SQLite names the columns of a failed UNIQUE constraint, not the constraint.
_SQLITE_UNIQUE = {
    "shops.mall_id, shops.region": MALL_KEY,
    "shops.name_key": NAME_KEY,
    "idempotency_keys.principal_id, idempotency_keys.method, idempotency_keys.request_id": REQUEST_KEY,
    "orders.shop_id, orders.parent_order_sn": ORDER_KEY,
    "sync_runs.shop_id, sync_runs.kind, sync_runs.slot_start": SYNC_SLOT_KEY,
    "logistics_channels.warehouse_id, logistics_channels.service_token": CHANNEL_KEY,
}


@dataclass(frozen=True, slots=True)
class _Claim:
    """A shop of the failed transaction, and the keys it tried to hold."""

    id: str
    mall_id: int
    region: Region
    name_key: str


class DatabaseErrors:
    """``with errors.translated(): ...`` around every flush, commit and statement of a session."""

    def __init__(self, session: Session, session_factory: sessionmaker) -> None:
        self._session = session
        self._session_factory = session_factory
        self._claims: list[_Claim] = []
        event.listen(session, "before_flush", self._remember_claims)

    @contextmanager
    def translated(self) -> Iterator[None]:
        try:
            yield
        except IntegrityError as exc:
            self._session.rollback()
            error = self._unique_clash(constraint_name(exc), self._claims)
            if error is None:
                raise
            raise error from exc
        except StaleDataError as exc:
            raise ConcurrencyConflict("The record was changed by another request at the same time: "
                                      "reload it and try again.") from exc
        except DBAPIError as exc:
            if getattr(exc.orig, "sqlstate", None) not in SERIALIZATION_FAILURES:
                raise
            raise ConcurrencyConflict("The database could not serialize this change with a concurrent "
                                      "one: try again.") from exc

    def _remember_claims(self, session: Session, *_: object) -> None:
        """Before each flush: a failed flush forgets its pending objects, and we need their keys."""
        changed = [*session.new, *session.dirty]
        self._claims = [_Claim(s.id, s.mall_id, s.region, s.name.key) for s in changed if isinstance(s, Shop)]

    def _unique_clash(self, constraint: str | None, claims: list[_Claim]) -> DomainError | None:
        if constraint == MALL_KEY:
            return self._already_authorized(claims)
        if constraint == NAME_KEY:
            return self._name_taken(claims)
        if constraint == REQUEST_KEY:
            return ConcurrencyConflict("Another call with the same request_id was being processed: "
                                       "retry it to get that call's answer.")
        if constraint == ORDER_KEY:
            return ConcurrencyConflict("Another sync stored the same order at the same time: try again.")
        if constraint == SYNC_SLOT_KEY:
            return ConcurrencyConflict("Another sync of this shop started at the same moment: try again.")
        if constraint == CHANNEL_KEY:
            return AlreadyExists("This service was enabled as a channel of the warehouse by another request "
                                 "at the same time.", reason="CHANNEL_ALREADY_ENABLED", field="service_token")
        return None

    def _already_authorized(self, claims: list[_Claim]) -> AlreadyExists:
        for claim in claims:
            found = self._other_shop(claim, (shops.c.mall_id == claim.mall_id) & (shops.c.region == claim.region))
            if found is not None:
                return shop_already_authorized(found.id, found.name.value, claim.mall_id, claim.region)
        return AlreadyExists("This Temu shop and region is already authorized in the ERP: re-authorize "
                             "the existing shop instead.", reason="SHOP_ALREADY_AUTHORIZED")

    def _name_taken(self, claims: list[_Claim]) -> AlreadyExists:
        for claim in claims:
            found = self._other_shop(claim, shops.c.name_key == claim.name_key)
            if found is not None:
                return shop_name_taken(found.id, found.name.value)
        return AlreadyExists("This shop name is already used by another shop: choose another name.",
                             reason="SHOP_NAME_TAKEN")

    def _other_shop(self, claim: _Claim, where: sa.ColumnElement[bool]) -> sa.Row | None:
        query = sa.select(shops.c.id, shops.c.name).where(where, shops.c.id != claim.id)
        with self._session_factory() as fresh:
            fresh.connection(execution_options={READ_ONLY: True})
            return fresh.execute(query).first()


def constraint_name(exc: IntegrityError) -> str | None:
    """The violated constraint: PostgreSQL names it; SQLite lists its columns."""
    diag = getattr(exc.orig, "diag", None)
    if diag is not None and getattr(diag, "constraint_name", None):
        return diag.constraint_name
    match = re.search(r"UNIQUE constraint failed: (.+)$", str(exc.orig))
    return _SQLITE_UNIQUE.get(match.group(1).strip()) if match else None
