"""The order repository over SQLAlchemy Core, in the unit of work's transaction; how orders map
to rows, and why not through the ORM, is in ``mappers.py``. It does for orders what the ORM does:

- One object per order per unit of work: loading an order twice gives the same object.
- ``add`` and ``add_new`` insert at once (one ``BulkInsert`` for a list); a parent order already
  stored for the shop raises a retryable ``ConcurrencyConflict`` and the transaction is void.
- ``flush()`` (the unit of work calls it before committing) writes each changed order with one
  UPDATE of its changed columns, guarded by the version it was read at: a row changed by someone
  else meanwhile raises ``ConcurrencyConflict``. The ``order_skus`` index follows the lines,
  the ``order_terms`` of the search the columns they come from; ``order_counts`` follows the
  states and exceptions, written last (``write_counts``).
- Each order created or changed gets its entry in the activity log (``activity.py``), written
  with the rest at commit.
"""
from __future__ import annotations

from collections import Counter
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from adapters.persistence.activity import SqlActivityLog
from adapters.persistence.bulk_insert import BulkInsert
from adapters.persistence.errors import DatabaseErrors
from adapters.persistence.mappers import order_from_row, order_to_row
from adapters.persistence import order_counts
from adapters.persistence.order_terms import SOURCES, sku_term_rows, term_rows, terms_of
from adapters.persistence.tables import order_skus, order_terms, orders, sku_terms
from adapters.persistence.upsert import insert_for
from domain.order import Order
from domain.order_amounts import STATUSES_WITH_AMOUNTS
from domain.platform_order import TemuStatus

_INSERT_ORDERS, _INSERT_SKUS, _INSERT_TERMS = BulkInsert(orders), BulkInsert(order_skus), BulkInsert(order_terms)
_DELETE_TERM = order_terms.delete().where(order_terms.c.field == sa.bindparam("f"),
                                          order_terms.c.term == sa.bindparam("t"), order_terms.c.order_id == sa.bindparam("o"))


class SqlOrderRepository:
    def __init__(self, session: Session, errors: DatabaseErrors, seen: list[object],
                 activity: SqlActivityLog | None = None) -> None:
        self._session, self._errors, self._seen = session, errors, seen
        self._activity = activity or SqlActivityLog()
        self._known: dict[str, tuple[Order, dict[str, Any]]] = {}  # id -> (order, its stored values)
        self._count_deltas: Counter = Counter()  # for order_counts, written last (write_counts)

    def add(self, order: Order) -> None:
        self.add_new([order])

    def add_new(self, new: list[Order]) -> None:
        """Insert orders never stored before, in one statement each for rows, SKU index and terms."""
        if not new:
            return
        rows = [order_to_row(o) for o in new]
        with self._errors.translated():
            connection = self._session.connection()
            _INSERT_ORDERS.execute(connection, rows)
            _INSERT_SKUS.execute(connection, sku_rows(new))
            _INSERT_TERMS.execute(connection, term_rows(new))
            self._add_sku_terms([line for o in new for line in o.lines])
        deltas = self._count_deltas
        for o in new:
            order_counts.count_into(deltas, o.shop_id, o.state, o.exceptions)
        for order, row in zip(new, rows):
            self._known[order.id] = (order, row)
            self._activity.order_created(row, order.created_at)
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

    def needing_amounts(self, shop_id: str, limit: int) -> list[Order]:
        """Orders to ship or shipped whose amounts were never fetched, or fetched before Temu last
        changed the order (``Order.needs_amounts``), oldest Temu creation first."""
        c = orders.c
        stale = sa.or_(c.amounts_fetched_at.is_(None), c.amounts_fetched_at < c.temu_updated_at)
        query = (sa.select(orders)
                 .where(c.shop_id == shop_id, c.temu_status.in_(sorted(int(s) for s in STATUSES_WITH_AMOUNTS)), stale)
                 .order_by(c.temu_created_at, c.id).limit(limit))
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
                    self._activity.order_changed(stored, changed, order.updated_at)
                    stored.update(now, version=order.version)

    def write_counts(self) -> None:
        """Add this unit of work's changes to ``order_counts``; the unit of work calls it last,
        after every order row is written, so a transaction locks order rows before count rows,
        as every other transaction does (no deadlock between a sync and a change by hand)."""
        with self._errors.translated():
            order_counts.add(self._session, self._count_deltas)
        self._count_deltas = Counter()

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
            self._add_sku_terms(order.lines)
        if "state" in changed or "exceptions" in changed:
            order_counts.count_into(self._count_deltas, order.shop_id, order.state, order.exceptions)
            order_counts.count_into(self._count_deltas, order.shop_id, stored["state"], stored["exceptions"], -1)
        if any(k in changed for k in SOURCES):  # only the terms that changed: most updates change none
            before, after = terms_of(*(stored[k] for k in SOURCES)), terms_of(*(getattr(order, k) for k in SOURCES))
            if before - after:
                connection.execute(_DELETE_TERM, [{"f": f, "t": t, "o": order.id} for f, t in before - after])
            _INSERT_TERMS.execute(connection, [{"field": f, "term": t, "order_id": order.id} for f, t in after - before])

    def _add_sku_terms(self, lines: list) -> None:
        """The ``sku_terms`` of these lines that are new. Most are known already: reading those
        of the lines' SKUs first costs one indexed read, where inserting every row with ON
        CONFLICT DO NOTHING cost more than the orders' own COPY (bench/README.md)."""
        wanted = sku_term_rows(lines)
        if not wanted:
            return
        c, connection = sku_terms.c, self._session.connection()
        skus = sorted({sku for _, _, sku in wanted})
        known = connection.execute(sa.select(c.field, c.term, c.seller_sku).where(c.seller_sku.in_(skus))).all()
        new = sorted(wanted - {tuple(r) for r in known})
        if new:
            insert = insert_for(self._session, sku_terms).on_conflict_do_nothing()  # another writer may add them too
            connection.execute(insert, [{"field": f, "term": t, "seller_sku": sku} for f, t, sku in new])

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
