"""The order desk: the merchant's tags, order tags, notes on orders, and the activity log.

Revision ID: d5a7e3c91b48
Revises: 43ef0a01cebe
Create Date: 2026-12-02 01:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "d5a7e3c91b48"
down_revision = "9c4e2b7a1d36"
branch_labels = None
depends_on = None

TIMESTAMP = sa.DateTime(timezone=True)
ID = sa.String(36)
PRINCIPAL_ID = sa.String(64)


def upgrade() -> None:
    op.create_table(
        "tags",
        sa.Column("id", ID, nullable=False),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("name_key", sa.String(256), nullable=False),
        sa.Column("color", sa.String(7), nullable=True),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("updated_at", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tags")),
        sa.UniqueConstraint("name_key", name=op.f("uq_tags_name_key")),
    )
    op.create_table(
        "order_tags",
        sa.Column("order_id", ID, nullable=False),
        sa.Column("tag_id", ID, nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.ForeignKeyConstraint(["tag_id"], ["tags.id"], name=op.f("fk_order_tags_tag_id_tags"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("order_id", "tag_id", name=op.f("pk_order_tags")),
    )
    op.create_index(op.f("ix_order_tags_tag_id"), "order_tags", ["tag_id"])
    op.create_table(
        "order_notes",
        sa.Column("id", ID, nullable=False),
        sa.Column("order_id", ID, nullable=False),
        sa.Column("author_id", PRINCIPAL_ID, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_order_notes")),
    )
    op.create_index(op.f("ix_order_notes_order_id_created_at_id"), "order_notes", ["order_id", "created_at", "id"])
    op.create_table(
        "activity",
        sa.Column("id", ID, nullable=False),
        sa.Column("at", TIMESTAMP, nullable=False),
        sa.Column("actor_id", PRINCIPAL_ID, nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("subject", sa.String(128), nullable=False),
        sa.Column("shop_id", ID, nullable=True),
        sa.Column("order_id", ID, nullable=True),
        sa.Column("changes", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activity")),
    )
    for columns in (["order_id", "id"], ["shop_id", "id"], ["actor_id", "id"]):
        op.create_index(op.f(f"ix_activity_{'_'.join(columns)}"), "activity", columns)


def downgrade() -> None:
    for columns in (["order_id", "id"], ["shop_id", "id"], ["actor_id", "id"]):
        op.drop_index(op.f(f"ix_activity_{'_'.join(columns)}"), table_name="activity")
    op.drop_table("activity")
    op.drop_index(op.f("ix_order_notes_order_id_created_at_id"), table_name="order_notes")
    op.drop_table("order_notes")
    op.drop_index(op.f("ix_order_tags_tag_id"), table_name="order_tags")
    op.drop_table("order_tags")
    op.drop_table("tags")
