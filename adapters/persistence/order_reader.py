"""The order read side: filtered keyset pages (newest Temu creation time first) and details."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from adapters.persistence.cursors import keyset_page
from adapters.persistence.engine import read_only
from adapters.persistence.row_by_key import RowByKey
from adapters.persistence.json_codecs import from_iso, iso
from adapters.persistence.desk_tables import order_tags
from adapters.persistence.tables import order_skus, orders, shops
from application.orders.views import OrderDetail, OrderFilter, OrderSummary
from application.ports.readers import Page

_SUMMARY_COLUMNS = [orders.c[name] for name in OrderSummary.__dataclass_fields__]
_BY_ID = sa.select(orders).where(orders.c.id == sa.bindparam("order_id"))


class SqlOrderReader:
    """Implements ``application.ports.readers.OrderReader``. ``OrderFilter.owner_id`` limits the
    list to that owner's shops; ``Page.total_size`` counts every match, not just the page."""

    def __init__(self, engine: Engine) -> None:
        self._engine = read_only(engine)
        self._by_id = RowByKey(self._engine, _BY_ID)

    def get(self, order_id: str) -> OrderDetail | None:
        row = self._by_id.first(order_id=order_id)
        return OrderDetail(**row._asdict()) if row else None

    def list(self, flt: OrderFilter, page_size: int, page_token: str) -> Page:
        return keyset_page(self._engine, sa.select(*_SUMMARY_COLUMNS).where(*_conditions(flt)),
                           (orders.c.temu_created_at, orders.c.id), flt=flt, page_token=page_token,
                           page_size=page_size, newest_first=True, item=lambda r: OrderSummary(**r._asdict()),
                           key_of=lambda r: (iso(r.temu_created_at), r.id), parse_key=lambda k: (from_iso(k[0]), k[1]))

    def batches(self, flt: OrderFilter, size: int) -> Iterator[list[OrderSummary]]:
        """Every match in list order, ``size`` at a time, each batch read on its own (no long
        transaction, no count): what an export walks."""
        key = sa.tuple_(orders.c.temu_created_at, orders.c.id)
        query = (sa.select(*_SUMMARY_COLUMNS).where(*_conditions(flt))
                 .order_by(orders.c.temu_created_at.desc(), orders.c.id.desc()).limit(size))
        after = None
        while True:
            with self._engine.connect() as conn:
                rows = conn.execute(query if after is None else query.where(key < after)).all()
            if rows:
                yield [OrderSummary(**r._asdict()) for r in rows]
            if len(rows) < size:
                return
            after = (rows[-1].temu_created_at, rows[-1].id)


def _conditions(flt: OrderFilter) -> list[sa.ColumnElement[bool]]:
    c, found = orders.c, []
    if flt.shop_ids:
        found.append(c.shop_id.in_(flt.shop_ids))
    if flt.owner_id is not None:
        found.append(c.shop_id.in_(sa.select(shops.c.id).where(shops.c.owner_id == flt.owner_id)))
    if flt.states:
        found.append(c.state.in_(flt.states))
    if flt.temu_statuses:
        found.append(c.temu_status.in_(flt.temu_statuses))
    found += _range(c.temu_created_at, flt.created_from, flt.created_to)
    found += _range(c.temu_updated_at, flt.updated_from, flt.updated_to)
    if flt.seller_sku:
        found.append(c.id.in_(sa.select(order_skus.c.order_id).where(order_skus.c.seller_sku == flt.seller_sku)))
    if flt.parent_order_sn:
        found.append(c.parent_order_sn == flt.parent_order_sn)
    if flt.ship_by_before is not None:
        found.append(c.ship_by < flt.ship_by_before)
    if flt.tag_ids:
        found.append(c.id.in_(sa.select(order_tags.c.order_id).where(order_tags.c.tag_id.in_(flt.tag_ids))))
    return found


def _range(column: sa.Column, start: datetime | None, end: datetime | None) -> list[sa.ColumnElement[bool]]:
    return ([column >= start] if start else []) + ([column < end] if end else [])
