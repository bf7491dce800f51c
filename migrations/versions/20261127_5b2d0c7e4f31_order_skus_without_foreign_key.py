"""The seller-SKU index of orders drops its foreign key to orders.

``order_skus`` is derived data: the order repository writes an order's rows in the transaction
that writes the order, and nothing else writes them. On PostgreSQL the foreign key's check locked
the just-inserted order row once per SKU row, which cost a quarter of a history sync's inserts.

Revision ID: 5b2d0c7e4f31
Revises: a7cb209c869a
Create Date: 2026-11-27 05:05:00
"""
from __future__ import annotations

from alembic import op

revision = "5b2d0c7e4f31"
down_revision = "a7cb209c869a"
branch_labels = None
depends_on = None

FOREIGN_KEY = "fk_order_skus_order_id_orders"


def upgrade() -> None:
    with op.batch_alter_table("order_skus") as batch:
        batch.drop_constraint(FOREIGN_KEY, type_="foreignkey")


def downgrade() -> None:
    op.execute("DELETE FROM order_skus WHERE order_id NOT IN (SELECT id FROM orders)")
    with op.batch_alter_table("order_skus") as batch:
        batch.create_foreign_key(FOREIGN_KEY, "orders", ["order_id"], ["id"], ondelete="CASCADE")
