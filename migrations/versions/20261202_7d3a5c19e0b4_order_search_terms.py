"""The order desk: ``order_terms`` (numbers, names, labels… of each order, derived from it),
``sku_terms`` (the goods names' words and the SKUs of order lines, per seller SKU) and
``order_counts`` (orders per shop and state or exception reason), filled for the orders already
stored; indexes for ListOrders by update and ship-by time.

Revision ID: 7d3a5c19e0b4
Revises: 43ef0a01cebe
Create Date: 2026-12-02 01:20:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from adapters.persistence.bulk_insert import BulkInsert
from adapters.persistence.order_terms import sku_term_rows, terms_of
from adapters.persistence.sort_keys import ShipByKey
from adapters.persistence.tables import order_terms, orders, sku_terms

revision = "7d3a5c19e0b4"
down_revision = "50823e7450f5"
branch_labels = None
depends_on = None

_BATCH = 5000


def upgrade() -> None:
    term = sa.String(128).with_variant(sa.String(128, collation="C"), "postgresql")
    op.create_table(
        "order_terms",
        sa.Column("field", sa.String(16), nullable=False),
        sa.Column("term", term, nullable=False),
        sa.Column("order_id", sa.String(36), nullable=False),
        sa.PrimaryKeyConstraint("field", "term", "order_id", name="pk_order_terms"),
    )
    op.create_index("ix_orders_temu_updated_at_id", "orders", ["temu_updated_at", "id"])
    op.create_index("ix_orders_ship_by_key_id", "orders", [ShipByKey(sa.column("ship_by")), "id"])
    op.create_table(
        "order_counts",
        sa.Column("shop_id", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("key", sa.String(128), nullable=False),
        sa.Column("n", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("shop_id", "kind", "key", name="pk_order_counts"),
    )
    op.create_table(
        "sku_terms",
        sa.Column("field", sa.String(16), nullable=False),
        sa.Column("term", term, nullable=False),
        sa.Column("seller_sku", sa.String(255), nullable=False),
        sa.PrimaryKeyConstraint("field", "term", "seller_sku", name="pk_sku_terms"),
    )
    op.create_index("ix_sku_terms_seller_sku", "sku_terms", ["seller_sku"])
    _fill_terms()
    op.execute("INSERT INTO order_counts (shop_id, kind, key, n) "
               "SELECT shop_id, 'state', state, COUNT(*) FROM orders GROUP BY shop_id, state")
    op.execute("INSERT INTO order_counts (shop_id, kind, key, n) "
               "SELECT o.shop_id, 'exception', t.term, COUNT(*) FROM order_terms t JOIN orders o ON o.id = t.order_id "
               "WHERE t.field = 'exception' GROUP BY o.shop_id, t.term")


def _fill_terms() -> None:
    """The terms of the orders already stored, a batch at a time, in the order of their ids."""
    c, insert, connection, after = orders.c, BulkInsert(order_terms), op.get_bind(), ""
    columns = (c.id, c.parent_order_sn, c.lines, c.labels, c.warnings, c.exceptions, c.address)
    skus: set[tuple[str, str, str]] = set()
    while True:
        rows = connection.execute(sa.select(*columns).where(c.id > after).order_by(c.id).limit(_BATCH)).all()
        if not rows:
            break
        insert.execute(connection, [{"field": f, "term": t, "order_id": r.id}
                                    for r in rows for f, t in sorted(terms_of(*r[1:]))])
        skus |= sku_term_rows(line for r in rows for line in r.lines)
        after = rows[-1].id
    BulkInsert(sku_terms).execute(connection, [{"field": f, "term": t, "seller_sku": s} for f, t, s in sorted(skus)])


def downgrade() -> None:
    op.drop_table("order_counts")
    op.drop_table("sku_terms")
    op.drop_index("ix_orders_ship_by_key_id", table_name="orders")
    op.drop_index("ix_orders_temu_updated_at_id", table_name="orders")
    op.drop_table("order_terms")
