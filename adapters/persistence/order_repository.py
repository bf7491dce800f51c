"""The order repository over SQLAlchemy Core, in the unit of work's transaction; how orders map
to rows, and why not through the ORM, is in ``mappers.py``. It does for orders what the ORM does:

- One object per order per unit of work: loading an order twice gives the same object.
- ``add`` and ``add_new`` insert at once (one ``BulkInsert`` for a list); a parent order already
  stored for the shop raises a retryable ``ConcurrencyConflict`` and the transaction is void.
- ``flush()`` (the unit of work calls it before committing) writes each changed order with one
  UPDATE of its changed columns, guarded by the version it was read at: a row changed by someone
  else meanwhile raises ``ConcurrencyConflict``. The ``order_skus`` index follows the lines.
"""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from adapters.persistence.bulk_insert import BulkInsert
from adapters.persistence.errors import DatabaseErrors
from adapters.persistence.mappers import order_from_row, order_to_row
from adapters.persistence.tables import order_skus, orders
from domain.order import Order
from domain.platform_order import TemuStatus

_INSERT_ORDERS, _INSERT_SKUS = BulkInsert(orders), BulkInsert(order_skus)


class SqlOrderRepository:
    def __init__(self, session: Session, errors: DatabaseErrors, seen: list[object]) -> None:
        self._session, self._errors, self._seen = session, errors, seen
        self._known: dict[str, tuple[Order, dict[str, Any]]] = {}  # id -> (order, its stored values)

    def add(self, order: Order) -> None:
        self.add_new([order])

    def add_new(self, new: list[Order]) -> None:
        """Insert orders never stored before, in one statement each for rows and SKU index."""
        if not new:
            return
        rows = [order_to_row(o) for o in new]
        with self._errors.translated():
            connection = self._session.connection()
            _INSERT_ORDERS.execute(connection, rows)
            _INSERT_SKUS.execute(connection, sku_rows(new))
        for order, row in zip(new, rows):
            self._known[order.id] = (order, row)
        self._seen.extend(new)

    def get(self, order_id: str) -> Order | None:
        found = self._load(sa.select(orders).where(orders.c.id == order_id))
        return found[0] if found else None

    def get_many(self, order_ids: list[str], *, for_update: bool = False) -> dict[str, Order]:
        """``for_update``: row-locked on PostgreSQL until the transaction ends, in id order, so
        two changes of one order's packing take turns (SQLite's write lock already does that)."""
        if not order_ids:
            return {}
        query = sa.select(orders).where(orders.c.id.in_(sorted(set(order_ids)))).order_by(orders.c.id)
        return {o.id: o for o in self._load(query.with_for_update() if for_update else query)}

    def get_by_sn(self, shop_id: str, parent_order_sn: str) -> Order | None:
        return self.get_many_by_sn(shop_id, [parent_order_sn]).get(parent_order_sn)

    def get_many_by_sn(self, shop_id: str, parent_order_sns: list[str]) -> dict[str, Order]:
        if not parent_order_sns:
            return {}
        query = sa.select(orders).where(orders.c.shop_id == shop_id, self._sn_among(sorted(set(parent_order_sns))))
        return {o.parent_order_sn: o for o in self._load(query)}

    def _sn_among(self, sns: list[str]) -> sa.ColumnElement[bool]:
        """``parent_order_sn IN (...)``; on PostgreSQL ``= ANY(array)``: one statement text
        whatever the count, so the driver parses it once (an IN list of a page's 100 numbers
        is new text every time) and the server can keep it prepared."""
        if self._session.get_bind().dialect.name == "postgresql":
            return orders.c.parent_order_sn == sa.any_(sa.literal(sns, postgresql.ARRAY(sa.String)))
        return orders.c.parent_order_sn.in_(sns)

    def needing_address(self, shop_id: str, limit: int) -> list[Order]:
        """To-ship orders whose address was never fetched, or fetched before Temu last changed
        the order (``Order.needs_address``), oldest Temu creation first."""
        stale = sa.or_(orders.c.address_fetched_at.is_(None), orders.c.address_fetched_at < orders.c.temu_updated_at)
        query = (sa.select(orders)
                 .where(orders.c.shop_id == shop_id, orders.c.temu_status == TemuStatus.UN_SHIPPING, stale)
                 .order_by(orders.c.temu_created_at, orders.c.id).limit(limit))
        return self._load(query)

    def flush(self) -> None:
        """Write what changed in the orders this unit of work holds."""
        with self._errors.translated():
            for order, stored in self._known.values():
                now = order_to_row(order)
                if now == stored:  # the common case, compared in C
                    continue
                changed = {k: v for k, v in now.items() if k != "version" and v != stored[k]}
                if changed:
                    self._update(order, stored, changed)
                    stored.update(now, version=order.version)

    def _update(self, order: Order, stored: dict[str, Any], changed: dict[str, Any]) -> None:
        connection = self._session.connection()
        version = stored["version"]
        result = connection.execute(orders.update()
                                    .where(orders.c.id == order.id, orders.c.version == version)
                                    .values(**changed, version=version + 1))
        if result.rowcount != 1:
            raise StaleDataError(f"order {order.id} changed since it was read at version {version}")
        order.version = version + 1
        if "lines" in changed:
            connection.execute(order_skus.delete().where(order_skus.c.order_id == order.id))
            _INSERT_SKUS.execute(connection, sku_rows([order]))

    def _load(self, query: sa.Select) -> list[Order]:
        with self._errors.translated():
            self.flush()
            rows = self._session.connection().execute(query).mappings().all()
        return [self._adopt(row) for row in rows]

    def _adopt(self, row: sa.RowMapping) -> Order:
        known = self._known.get(row["id"])
        if known is not None:
            return known[0]
        order = order_from_row(row)
        self._known[order.id] = (order, dict(row))
        self._seen.append(order)
        return order


def sku_rows(written: list[Order]) -> list[dict[str, str]]:
    """The ``order_skus`` rows of these orders: each distinct seller SKU once per order."""
    return [{"order_id": o.id, "seller_sku": sku} for o in written
            for sku in sorted({line.seller_sku for line in o.lines if line.seller_sku})]
