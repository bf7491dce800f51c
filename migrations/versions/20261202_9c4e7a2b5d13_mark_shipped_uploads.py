"""Mark-shipped uploads and each shop's automatic-marking setting (issue 12).

Revision ID: 9c4e7a2b5d13
Revises: d5a9c2e7f130
Create Date: 2026-12-02 02:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "9c4e7a2b5d13"
down_revision = "7d3a5c19e0b4"
branch_labels = None
depends_on = None

ID = sa.String(36)
WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "mark_shipped_uploads",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("shop_id", ID, nullable=False),
        sa.Column("order_id", ID, nullable=False),
        sa.Column("order_ids", sa.Text, nullable=False),
        sa.Column("parent_order_sns", sa.Text, nullable=False),
        sa.Column("send_type", sa.Integer, nullable=False),
        sa.Column("tracking_numbers", sa.Text, nullable=False),
        sa.Column("state", sa.String(32), nullable=False),
        sa.Column("reason", sa.String(64), nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("automatic", sa.Boolean, nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("updated_at", WHEN, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_mark_shipped_uploads"),
    )
    op.create_index("ix_mark_shipped_uploads_shop_id_state", "mark_shipped_uploads", ["shop_id", "state"])
    op.create_index("ix_mark_shipped_uploads_updated_at_id", "mark_shipped_uploads", ["updated_at", "id"])
    op.create_table(
        "mark_shipped_settings",
        sa.Column("shop_id", ID, nullable=False),
        sa.Column("automatic", sa.Boolean, nullable=False),
        sa.Column("updated_at", WHEN, nullable=False),
        sa.PrimaryKeyConstraint("shop_id", name="pk_mark_shipped_settings"),
    )


def downgrade() -> None:
    op.drop_table("mark_shipped_settings")
    op.drop_table("mark_shipped_uploads")
