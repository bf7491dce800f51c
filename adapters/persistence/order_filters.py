"""An ``OrderFilter`` as SQL conditions on ``orders``, the same for a page, its total and the
counts per state. Text searches go through the ``order_terms`` index (``order_terms.py``).

A search is resolved to the ids of its orders first, when they are few (``FEW_IDS``): given
``id IN (subquery)`` and a sort, a planner reckons the matches are spread evenly over the sort
order and walks the sort's index until a page is full, which reads nearly every order when the
few matches are old. Given the ids themselves, it reads just those rows and sorts them. When a
search matches more than ``FEW_IDS`` orders, the walk is the right plan and the subquery stays.
"""
from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime

import orjson
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Connection

from adapters.persistence import order_terms as terms
from adapters.persistence.desk_tables import order_tags
from adapters.persistence.tables import order_skus, orders, shops
from application.orders.views import OrderFilter

FEW_IDS = 2000


@dataclass(frozen=True, slots=True)
class Resolved:
    """A filter as SQL conditions (``where``), and what resolving its searches learnt on the way:
    ``few``, whether they were resolved to the ids of their few matches (then the matches can
    be counted with their first page, ``cursors.keyset_page``), and ``sns_found``, the
    ``order_sns`` that an order of the filter carries when that is known already (the numbers
    were the filter's only condition), else None."""
    where: list[sa.ColumnElement[bool]]
    few: bool = False
    sns_found: frozenset[str] | None = None


def conditions(flt: OrderFilter, conn: Connection) -> list[sa.ColumnElement[bool]]:
    """Every condition of ``flt``; its searches as their ids when they are few (see above)."""
    return resolve(flt, conn).where


def resolve(flt: OrderFilter, conn: Connection) -> Resolved:
    """``flt`` as conditions; its searches looked up now, and given as their ids when few."""
    dialect, columns = conn.dialect.name, _columns(flt)
    searches = _searches(flt, dialect)
    if not searches:
        return Resolved(columns)
    sns_found = None
    if flt.order_sns and len(searches) == 1:  # a pasted list alone: which number found which order, in one read
        t = terms.order_terms.c
        rows = conn.execute(sa.select(t.order_id, t.term).where(
            t.field == terms.SN, among(t.term, flt.order_sns, dialect)).limit(FEW_IDS + 1)).all()
        ids = list(dict.fromkeys(order_id for order_id, _ in rows))
        if not columns:
            sns_found = frozenset(term for _, term in rows)
    else:
        matching = searches[0] if len(searches) == 1 else sa.intersect(*searches)
        rows = ids = conn.execute(matching.limit(FEW_IDS + 1)).scalars().all()
    if len(rows) > FEW_IDS:
        return Resolved(columns + [orders.c.id.in_(s) for s in searches])
    return Resolved(columns + [among(orders.c.id, ids, dialect)], few=True, sns_found=sns_found)


def among(column: sa.ColumnElement, values: Sequence[str], dialect: str) -> sa.ColumnElement[bool]:
    """``column IN (...)``; on PostgreSQL ``= ANY(array)``: one statement text whatever the count
    (as ``SqlOrderRepository`` does), so the driver need not parse a new text each time.

    The array goes as one text that the server splits (``string_to_array``) when no value holds
    the separator: psycopg quotes an array's items one by one in Python, 2.4 ms for the 500 ids
    of a pasted list's matches on the loaded bench machine (bench/README.md)."""
    if dialect != "postgresql":
        return column.in_(values)
    if all(v and _SEPARATOR not in v for v in values):
        return column == sa.any_(sa.func.string_to_array(sa.literal(_SEPARATOR.join(values)), _SEPARATOR))
    return column == sa.any_(sa.literal(list(values), postgresql.ARRAY(sa.String)))


_SEPARATOR = ","


def among_json(column: sa.ColumnElement, name: str, dialect: str) -> sa.ColumnElement[bool]:
    """``column`` is one of the values of the JSON array bound as ``name`` (``json_list``): a
    condition of one text whatever the values, for a statement compiled once (``RowByKey``)."""
    if dialect == "postgresql":
        values = sa.text(f"SELECT json_array_elements_text(CAST(:{name} AS json))")
    else:
        values = sa.text(f"SELECT value FROM json_each(:{name})")
    return column.in_(values.columns(sa.column("value", sa.String)))


def json_list(values: Collection[str]) -> str:
    """The value of an ``among_json`` parameter."""
    return orjson.dumps(list(values)).decode()


def _columns(flt: OrderFilter) -> list[sa.ColumnElement[bool]]:
    c, found = orders.c, []
    if flt.shop_ids:
        found.append(c.shop_id.in_(flt.shop_ids))
    if flt.owner_id is not None:
        found.append(c.shop_id.in_(sa.select(shops.c.id).where(shops.c.owner_id == flt.owner_id)))
    if flt.states:
        found.append(c.state.in_(flt.states))
    if flt.temu_statuses:
        found.append(c.temu_status.in_(flt.temu_statuses))
    if flt.region_ids:
        found.append(c.region_id.in_(flt.region_ids))
    found += _range(c.temu_created_at, flt.created_from, flt.created_to)
    found += _range(c.temu_updated_at, flt.updated_from, flt.updated_to)
    found += _range(c.ship_by, flt.ship_by_from, flt.ship_by_to)
    if flt.ship_by_before is not None:
        found.append(c.ship_by < flt.ship_by_before)
    if flt.parent_order_sn:
        found.append(c.parent_order_sn == flt.parent_order_sn)
    return found


def _searches(flt: OrderFilter, dialect: str) -> list[sa.Select]:
    """Each search of ``flt`` as the select of its orders' ids."""
    t, found = terms.order_terms.c, []
    if flt.seller_sku:
        found.append(sa.select(order_skus.c.order_id).where(order_skus.c.seller_sku == flt.seller_sku))
    if flt.tag_ids:
        found.append(sa.select(order_tags.c.order_id).where(order_tags.c.tag_id.in_(flt.tag_ids)))
    if flt.parent_order_sn:  # its term finds the row: the key of orders starts with the shop
        found.append(terms.with_term(terms.SN, among(t.term, [flt.parent_order_sn], dialect)))
    for field, values in ((terms.SN, flt.order_sns), (terms.LABEL, flt.labels), (terms.WARNING, flt.warnings),
                          (terms.FULFILLMENT, flt.fulfillment_types), (terms.EXCEPTION, flt.exception_reasons)):
        if values:
            found.append(terms.with_term(field, among(t.term, values, dialect)))
    if flt.recipient_name:
        found.append(terms.with_prefix(terms.NAME, flt.recipient_name))
    for field, prefix in ((terms.PRODUCT, flt.product_name), (terms.SKU, flt.seller_sku_prefix)):
        if prefix:
            found.append(terms.with_sku_prefix(field, prefix))
    return found


def _range(column: sa.Column, start: datetime | None, end: datetime | None) -> list[sa.ColumnElement[bool]]:
    return ([column >= start] if start else []) + ([column < end] if end else [])
