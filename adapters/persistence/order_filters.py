"""An ``OrderFilter`` as SQL conditions on ``orders``, the same for a page, its total and the
counts per state. Text searches go through the ``order_terms`` index (``order_terms.py``)."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from adapters.persistence import order_terms as terms
from adapters.persistence.tables import order_skus, orders, shops
from application.orders.views import OrderFilter


def conditions(flt: OrderFilter) -> list[sa.ColumnElement[bool]]:
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
    if flt.seller_sku:
        found.append(c.id.in_(sa.select(order_skus.c.order_id).where(order_skus.c.seller_sku == flt.seller_sku)))
    if flt.parent_order_sn:  # the number's terms find the row: orders' own key starts with the shop
        found += [c.parent_order_sn == flt.parent_order_sn, c.id.in_(terms.with_term(terms.SN, [flt.parent_order_sn]))]
    return found + _searches(flt)


def _searches(flt: OrderFilter) -> list[sa.ColumnElement[bool]]:
    ids, found = orders.c.id, []
    for field, values in ((terms.SN, flt.order_sns), (terms.LABEL, flt.labels), (terms.WARNING, flt.warnings),
                          (terms.FULFILLMENT, flt.fulfillment_types), (terms.EXCEPTION, flt.exception_reasons)):
        if values:
            found.append(ids.in_(terms.with_term(field, values)))
    for field, prefix in ((terms.NAME, flt.recipient_name), (terms.PRODUCT, flt.product_name),
                          (terms.SKU, flt.seller_sku_prefix)):
        if prefix:
            found.append(ids.in_(terms.with_prefix(field, prefix)))
    return found


def _range(column: sa.Column, start: datetime | None, end: datetime | None) -> list[sa.ColumnElement[bool]]:
    return ([column >= start] if start else []) + ([column < end] if end else [])
