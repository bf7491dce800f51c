"""TEMU仓库绑定: each shop's ERP warehouses and channels bound to its Temu warehouses (issue 12, MARK-3).

Revision ID: b3f8d1e6a274
Revises: e1a7c3b9d524
Create Date: 2026-12-02 04:10:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "b3f8d1e6a274"
down_revision = "e1a7c3b9d524"
branch_labels = None
depends_on = None

ID = sa.String(36)


def upgrade() -> None:
    op.create_table(
        "temu_warehouse_bindings",
        sa.Column("shop_id", ID, nullable=False),
        sa.Column("target", sa.String(16), nullable=False),
        sa.Column("target_id", ID, nullable=False),
        sa.Column("temu_warehouse_id", sa.String(64), nullable=False),
        sa.Column("temu_warehouse_name", sa.String(200), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("shop_id", "target", "target_id", name="pk_temu_warehouse_bindings"),
    )


def downgrade() -> None:
    op.drop_table("temu_warehouse_bindings")
