"""Packages, the orders each holds, and their label documents.

Revision ID: d5a9c2e7f130
Revises: 7d3a9c5e1f20
Create Date: 2026-12-02 01:40:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "d5a9c2e7f130"
down_revision = "7d3a9c5e1f20"  # chained after main's outbox trace context (merge of packages into mark-shipped)
branch_labels = None
depends_on = None

ID = sa.String(36)
WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "packages",
        sa.Column("id", ID, nullable=False),
        sa.Column("shop_id", ID, nullable=False),
        sa.Column("state", sa.String(32), nullable=False),
        sa.Column("lines", sa.Text, nullable=False),
        sa.Column("warehouse_id", ID, nullable=True),
        sa.Column("channel_id", ID, nullable=True),
        sa.Column("hold_reason", sa.Text, nullable=False),
        sa.Column("flags", sa.Text, nullable=False),
        sa.Column("tracking_numbers", sa.Text, nullable=False),
        sa.Column("carrier", sa.String(64), nullable=False),
        sa.Column("provider_ref", sa.String(128), nullable=False),
        sa.Column("label_id", sa.String(36), nullable=False),
        sa.Column("last_message", sa.Text, nullable=False),
        sa.Column("push_attempt", sa.Integer, nullable=False),
        sa.Column("audited_at", WHEN, nullable=True),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("updated_at", WHEN, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_packages"),
    )
    op.create_index("ix_packages_shop_id_state", "packages", ["shop_id", "state"])
    op.create_index("ix_packages_created_at_id", "packages", ["created_at", "id"])
    op.create_table(
        "package_orders",
        sa.Column("package_id", ID, nullable=False),
        sa.Column("order_id", ID, nullable=False),
        sa.PrimaryKeyConstraint("package_id", "order_id", name="pk_package_orders"),
    )
    op.create_index("ix_package_orders_order_id", "package_orders", ["order_id"])
    op.create_table(
        "package_labels",
        sa.Column("id", ID, nullable=False),
        sa.Column("package_id", ID, nullable=False),
        sa.Column("reference", sa.String(64), nullable=False),
        sa.Column("media_type", sa.String(64), nullable=False),
        sa.Column("content", sa.LargeBinary, nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_package_labels"),
        sa.UniqueConstraint("reference", name="uq_package_labels_reference"),
    )
    op.create_index("ix_package_labels_package_id", "package_labels", ["package_id"])


def downgrade() -> None:
    op.drop_table("package_labels")
    op.drop_table("package_orders")
    op.drop_table("packages")
