"""Repositories: aggregates in and out of the unit of work's session.

Every method runs inside ``DatabaseErrors.translated()`` because any query may autoflush pending
changes, and a clash must surface as a domain error wherever it happens. Each aggregate handed
out is remembered in ``seen`` so the unit of work can collect its events.
"""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from adapters.persistence.bulk_insert import BulkInsert
from adapters.persistence.errors import DatabaseErrors
from adapters.persistence.mappers import order_rows, sku_rows
from adapters.persistence.tables import order_skus, orders, shops
from domain.order import Order, TemuStatus
from domain.shop import Shop
from domain.shop_kinds import AuthStatus, Region

_ALREADY_MARKED = (AuthStatus.EXPIRED, AuthStatus.REAUTH_REQUIRED)
_INSERT_ORDERS, _INSERT_SKUS = BulkInsert(orders), BulkInsert(order_skus)


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


class SqlOrderRepository:
    def __init__(self, session: Session, errors: DatabaseErrors, seen: list[object]) -> None:
        self._session, self._errors, self._seen = session, errors, seen

    def add(self, order: Order) -> None:
        self._session.add(order)
        self._seen.append(order)

    def add_new(self, new: list[Order]) -> None:
        """Two executemany INSERTs (the orders, their SKU index) instead of the ORM's unit of
        work, which doubled a history sync's time. The orders stay out of the
        session, so a later ``get`` in this unit of work reads them back from the database."""
        if not new:
            return
        with self._errors.translated():
            connection = self._session.connection()
            _INSERT_ORDERS.execute(connection, order_rows(new))
            _INSERT_SKUS.execute(connection, sku_rows(new))
        self._seen.extend(new)

    def get(self, order_id: str) -> Order | None:
        with self._errors.translated():
            order = self._session.get(Order, order_id)
        if order is not None:
            self._seen.append(order)
        return order

    def get_by_sn(self, shop_id: str, parent_order_sn: str) -> Order | None:
        return self.get_many_by_sn(shop_id, [parent_order_sn]).get(parent_order_sn)

    def get_many_by_sn(self, shop_id: str, parent_order_sns: list[str]) -> dict[str, Order]:
        if not parent_order_sns:
            return {}
        query = sa.select(Order).where(orders.c.shop_id == shop_id,
                                       orders.c.parent_order_sn.in_(set(parent_order_sns)))
        with self._errors.translated():
            found = list(self._session.scalars(query))
        self._seen.extend(found)
        return {o.parent_order_sn: o for o in found}

    def needing_address(self, shop_id: str, limit: int) -> list[Order]:
        """To-ship orders whose address was never fetched, or fetched before Temu last changed
        the order (``Order.needs_address``), oldest Temu creation first."""
        stale = sa.or_(orders.c.address_fetched_at.is_(None), orders.c.address_fetched_at < orders.c.temu_updated_at)
        query = (sa.select(Order)
                 .where(orders.c.shop_id == shop_id, orders.c.temu_status == TemuStatus.UN_SHIPPING, stale)
                 .order_by(orders.c.temu_created_at, orders.c.id).limit(limit))
        with self._errors.translated():
            found = list(self._session.scalars(query))
        self._seen.extend(found)
        return found

    def flush(self) -> None:
        with self._errors.translated():
            self._session.flush()
