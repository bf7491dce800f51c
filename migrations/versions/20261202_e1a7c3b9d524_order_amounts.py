"""Order amounts: what Temu's bg.order.amount.query gave, and when (fetched once, as the address).

Revision ID: e1a7c3b9d524
Revises: 3b8e1f6c2a94
Create Date: 2026-12-02 04:10:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "e1a7c3b9d524"
down_revision = "3b8e1f6c2a94"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable columns without a default: no table rewrite on PostgreSQL, a plain ADD COLUMN on SQLite.
    with op.batch_alter_table("orders") as batch:
        batch.add_column(sa.Column("amounts", sa.Text, nullable=True))
        batch.add_column(sa.Column("amounts_fetched_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("orders") as batch:
        batch.drop_column("amounts_fetched_at")
        batch.drop_column("amounts")
