"""The order read side: filtered keyset pages in the order asked for, counts per state, details."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from adapters.persistence.cursors import keyset_page
from adapters.persistence.engine import read_only
from adapters.persistence.json_codecs import from_iso, iso
from adapters.persistence.order_filters import Resolved, among, conditions, resolve
from adapters.persistence.order_terms import EXCEPTION, SN
from adapters.persistence.row_by_key import RowByKey
from adapters.persistence.sort_keys import ShipByKey
from adapters.persistence import order_counts
from adapters.persistence.tables import order_terms, orders, shops
from application.orders.search import OrderSort, SortField
from application.orders.views import OrderCounts, OrderDetail, OrderFilter, OrderSummary
from application.ports.readers import Page
from domain.order_states import OrderState

_SUMMARY_COLUMNS = [orders.c[name] for name in OrderSummary.__dataclass_fields__ if name in orders.c]
_BY_ID = sa.select(orders).where(orders.c.id == sa.bindparam("order_id"))
# Each sort: its key, unique with the id, as the index of the same columns has it.
_SORT_KEYS: dict[SortField, sa.ColumnElement] = {
    SortField.CREATE_TIME: orders.c.temu_created_at,
    SortField.UPDATE_TIME: orders.c.temu_updated_at,
    SortField.SHIP_BY_TIME: ShipByKey(orders.c.ship_by),
}


class SqlOrderReader:
    """Implements ``application.ports.readers.OrderReader``. ``OrderFilter.owner_id`` limits the
    list to that owner's shops; ``Page.total_size`` counts every match, not just the page."""

    def __init__(self, engine: Engine) -> None:
        self._engine = read_only(engine)
        self._by_id = RowByKey(self._engine, _BY_ID)
        # The counts of every shop and of one owner's, as most CountOrders calls ask: compiled once
        self._counts_of_all = RowByKey(self._engine, order_counts.counted(None))
        self._counts_of_owner = RowByKey(self._engine, order_counts.counted(
            sa.select(shops.c.id).where(shops.c.owner_id == sa.bindparam("owner_id"))))

    def get(self, order_id: str) -> OrderDetail | None:
        row = self._by_id.first(order_id=order_id)
        return OrderDetail(**row._asdict()) if row else None

    def list(self, flt: OrderFilter, page_size: int, page_token: str, sort: OrderSort = OrderSort()) -> Page:
        with self._engine.connect() as conn:
            found = resolve(flt, conn)
            missing = self._missing(flt, found, conn)
        key = _SORT_KEYS[sort.field].label("sort_key")
        page = keyset_page(self._engine, sa.select(*_SUMMARY_COLUMNS, key).where(*found.where),
                           (key, orders.c.id), flt=(flt, sort), page_token=page_token, page_size=page_size,
                           newest_first=sort.descending, item=_summary, key_of=lambda r: (iso(r.sort_key), r.id),
                           parse_key=lambda k: (from_iso(k[0]), k[1]),
                           total=self._kept_counts(flt).total if _by_shop_only(flt) else None,
                           count_with_page=found.few)
        return Page(page.items, page.next_page_token, page.total_size, missing)

    def batches(self, flt: OrderFilter, size: int) -> Iterator[list[OrderSummary]]:
        """Every match, newest first, ``size`` at a time, each batch read on its own (no long
        transaction, no count): what an export walks. The filter's conditions are worked out
        once, before the first batch (a search resolved to its ids is not looked up again for
        each batch)."""
        key = sa.tuple_(orders.c.temu_created_at, orders.c.id)
        after = None
        with self._engine.connect() as conn:
            query = (sa.select(*_SUMMARY_COLUMNS).where(*conditions(flt, conn))
                     .order_by(orders.c.temu_created_at.desc(), orders.c.id.desc()).limit(size))
        while True:
            with self._engine.connect() as conn:
                rows = conn.execute(query if after is None else query.where(key < after)).all()
            if rows:
                yield [OrderSummary(**r._asdict()) for r in rows]
            if len(rows) < size:
                return
            after = (rows[-1].temu_created_at, rows[-1].id)

    def count(self, flt: OrderFilter) -> OrderCounts:
        if _by_shop_only(flt):
            return self._kept_counts(flt)
        t = order_terms.c
        with self._engine.connect() as conn:
            where = conditions(flt, conn)
            by_state = sa.select(orders.c.state, sa.func.count()).where(*where).group_by(orders.c.state)
            by_reason = sa.select(t.term, sa.func.count()).where(t.field == EXCEPTION).group_by(t.term)
            if where:
                by_reason = by_reason.where(t.order_id.in_(sa.select(orders.c.id).where(*where)))
            states = dict(conn.execute(by_state).all())
            reasons = conn.execute(by_reason).all()
        return OrderCounts({s: states.get(s, 0) for s in OrderState},
                           dict(sorted(reasons, key=lambda r: (-r[1], r[0]))))

    def _kept_counts(self, flt: OrderFilter) -> OrderCounts:
        """The counts of whole shops, as the repository keeps them (``order_counts.py``)."""
        if not flt.shop_ids:
            rows = (self._counts_of_all.all() if flt.owner_id is None
                    else self._counts_of_owner.all(owner_id=flt.owner_id))
        else:
            shop_ids: sa.Select | tuple[str, ...] = flt.shop_ids
            if flt.owner_id is not None:
                shop_ids = sa.select(shops.c.id).where(shops.c.owner_id == flt.owner_id, shops.c.id.in_(flt.shop_ids))
            with self._engine.connect() as conn:
                rows = conn.execute(order_counts.counted(shop_ids)).all()
        states = {key: int(n) for kind, key, n in rows if kind == order_counts.STATE}
        reasons = [(key, int(n)) for kind, key, n in rows if kind == order_counts.EXCEPTION and n]
        return OrderCounts({s: states.get(s.value, 0) for s in OrderState},
                           dict(sorted(reasons, key=lambda r: (-r[1], r[0]))))

    @staticmethod
    def _missing(flt: OrderFilter, found: Resolved, conn: Connection) -> tuple[str, ...]:
        """The ``order_sns`` no order of the filter carries."""
        if not flt.order_sns:
            return ()
        if found.sns_found is not None:
            return tuple(sn for sn in flt.order_sns if sn not in found.sns_found)
        t = order_terms.c
        found = (sa.select(t.term).join(orders, orders.c.id == t.order_id)
                 .where(t.field == SN, among(t.term, flt.order_sns, conn.dialect.name),
                        *conditions(replace(flt, order_sns=()), conn)))
        seen = set(conn.execute(found).scalars())
        return tuple(sn for sn in flt.order_sns if sn not in seen)


def _by_shop_only(flt: OrderFilter) -> bool:
    """Whether ``flt`` selects whole shops (or every shop), nothing narrower."""
    return replace(flt, shop_ids=(), owner_id=None) == OrderFilter()


_SUMMARY_WIDTH = len(_SUMMARY_COLUMNS)


def _summary(row: sa.Row) -> OrderSummary:
    """The summary columns lead the row, in the dataclass's order (a sort key and a count may follow)."""
    return OrderSummary(*row[:_SUMMARY_WIDTH])
