"""Repositories: aggregates in and out of the unit of work's session.

Every method runs inside ``DatabaseErrors.translated()`` because any query may autoflush pending
changes, and a clash must surface as a domain error wherever it happens. Each aggregate handed
out is remembered in ``seen`` so the unit of work can collect its events.
"""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from adapters.persistence.errors import DatabaseErrors
from adapters.persistence.tables import shops
from domain.shop import Shop
from domain.shop_kinds import AuthStatus, Region

_ALREADY_MARKED = (AuthStatus.EXPIRED, AuthStatus.REAUTH_REQUIRED)


class SqlShopRepository:
    def __init__(self, session: Session, errors: DatabaseErrors, seen: list[object]) -> None:
        self._session, self._errors, self._seen = session, errors, seen

    def add(self, shop: Shop) -> None:
        self._session.add(shop)
        self._seen.append(shop)

    def get(self, shop_id: str) -> Shop | None:
        with self._errors.translated():
            return self._track(self._session.get(Shop, shop_id))

    def get_for_update(self, shop_id: str) -> Shop | None:
        """Row-locked on PostgreSQL; on SQLite the whole write transaction is already exclusive."""
        with self._errors.translated():
            return self._track(self._session.get(Shop, shop_id, with_for_update=True))

    def get_by_mall(self, mall_id: int, region: Region) -> Shop | None:
        return self._one(sa.select(Shop).where(shops.c.mall_id == mall_id, shops.c.region == region))

    def get_by_name(self, name_key: str) -> Shop | None:
        return self._one(sa.select(Shop).where(shops.c.name_key == name_key))

    def other_regions_of(self, mall_id: int, region: Region) -> list[Shop]:
        query = sa.select(Shop).where(shops.c.mall_id == mall_id, shops.c.region != region)
        with self._errors.translated():
            found = list(self._session.scalars(query.order_by(shops.c.region)))
        self._seen.extend(found)
        return found

    def ids_expiring_before(self, moment: datetime) -> list[str]:
        """Shops whose authorization expires at or before ``moment`` and is not yet marked so."""
        query = (sa.select(shops.c.id)
                 .where(shops.c.auth_expires_at <= moment, shops.c.auth_status.not_in(_ALREADY_MARKED))
                 .order_by(shops.c.auth_expires_at, shops.c.id))
        with self._errors.translated():
            return list(self._session.scalars(query))

    def flush(self) -> None:
        with self._errors.translated():
            self._session.flush()

    def _one(self, query: sa.Select) -> Shop | None:
        with self._errors.translated():
            return self._track(self._session.scalars(query).first())

    def _track(self, shop: Shop | None) -> Shop | None:
        if shop is not None:
            self._seen.append(shop)
        return shop
