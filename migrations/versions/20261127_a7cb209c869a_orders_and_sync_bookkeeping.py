"""Orders with their seller-SKU index, and the order sync's bookkeeping (runs, shop leases, job slots).

Revision ID: a7cb209c869a
Revises: 29179c6631d5
Create Date: 2026-11-27 01:40:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "a7cb209c869a"
down_revision = "29179c6631d5"
branch_labels = None
depends_on = None

TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    _create_orders()
    _create_sync_tables()


def _create_orders() -> None:
    op.create_table(
        "orders",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("shop_id", sa.String(36), nullable=False),
        sa.Column("parent_order_sn", sa.String(64), nullable=False),
        sa.Column("temu_status", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(32), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=True),
        sa.Column("temu_created_at", TIMESTAMP, nullable=False),
        sa.Column("temu_updated_at", TIMESTAMP, nullable=False),
        sa.Column("ship_by", TIMESTAMP, nullable=True),
        sa.Column("lines", sa.Text(), nullable=False),
        sa.Column("labels", sa.Text(), nullable=False),
        sa.Column("warnings", sa.Text(), nullable=False),
        sa.Column("exceptions", sa.Text(), nullable=False),
        sa.Column("address", sa.Text(), nullable=True),
        sa.Column("address_fetched_at", TIMESTAMP, nullable=True),
        sa.Column("history", sa.Text(), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("updated_at", TIMESTAMP, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["shop_id"], ["shops.id"], name=op.f("fk_orders_shop_id_shops")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_orders")),
        sa.UniqueConstraint("shop_id", "parent_order_sn", name=op.f("uq_orders_shop_id_parent_order_sn")),
    )
    op.create_index(op.f("ix_orders_ship_by"), "orders", ["ship_by"])
    op.create_index(op.f("ix_orders_shop_id_state"), "orders", ["shop_id", "state"])
    op.create_index(op.f("ix_orders_shop_id_temu_status"), "orders", ["shop_id", "temu_status"])
    op.create_index(op.f("ix_orders_shop_id_temu_updated_at"), "orders", ["shop_id", "temu_updated_at"])
    op.create_index(op.f("ix_orders_shop_id_temu_created_at_id"), "orders", ["shop_id", "temu_created_at", "id"])
    op.create_index(op.f("ix_orders_temu_created_at_id"), "orders", ["temu_created_at", "id"])
    op.create_table(
        "order_skus",
        sa.Column("order_id", sa.String(36), nullable=False),
        sa.Column("seller_sku", sa.String(255), nullable=False),
        sa.ForeignKeyConstraint(["order_id"], ["orders.id"], name=op.f("fk_order_skus_order_id_orders"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("order_id", "seller_sku", name=op.f("pk_order_skus")),
    )
    op.create_index(op.f("ix_order_skus_seller_sku"), "order_skus", ["seller_sku"])


def _create_sync_tables() -> None:
    op.create_table(
        "shop_sync_state",
        sa.Column("shop_id", sa.String(36), nullable=False),
        sa.Column("watermark", TIMESTAMP, nullable=True),
        sa.Column("history_from", TIMESTAMP, nullable=True),
        sa.Column("lease_run_id", sa.String(36), nullable=True),
        sa.Column("lease_owner", sa.String(64), nullable=True),
        sa.Column("lease_until", TIMESTAMP, nullable=True),
        sa.ForeignKeyConstraint(["shop_id"], ["shops.id"], name=op.f("fk_shop_sync_state_shop_id_shops"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("shop_id", name=op.f("pk_shop_sync_state")),
    )
    op.create_index(op.f("ix_shop_sync_state_watermark"), "shop_sync_state", ["watermark"])
    _create_sync_runs()
    op.create_table(
        "sync_problems",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("run_id", sa.String(36), nullable=False),
        sa.Column("parent_order_sn", sa.String(64), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("at", TIMESTAMP, nullable=False),
        sa.ForeignKeyConstraint(["run_id"], ["sync_runs.id"], name=op.f("fk_sync_problems_run_id_sync_runs"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_problems")),
    )
    op.create_index(op.f("ix_sync_problems_run_id"), "sync_problems", ["run_id"])
    op.create_table(
        "job_slots",
        sa.Column("job", sa.String(64), nullable=False),
        sa.Column("slot_start", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("job", "slot_start", name=op.f("pk_job_slots")),
    )


def _create_sync_runs() -> None:
    op.create_table(
        "sync_runs",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("shop_id", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("slot_start", TIMESTAMP, nullable=False),
        *(sa.Column(name, sa.BigInteger(), nullable=False) for name in ("window_start", "window_end", "cursor_end")),
        sa.Column("cursor_page", sa.Integer(), nullable=False),
        sa.Column("cursor_total", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        *(sa.Column(name, sa.Integer(), nullable=False)
          for name in ("pages_done", "pages_estimate", "orders_seen", "created", "updated", "skipped")),
        sa.Column("errors", sa.Text(), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("started_at", TIMESTAMP, nullable=True),
        sa.Column("finished_at", TIMESTAMP, nullable=True),
        sa.Column("dispatched_at", TIMESTAMP, nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["shop_id"], ["shops.id"], name=op.f("fk_sync_runs_shop_id_shops"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_runs")),
        sa.UniqueConstraint("shop_id", "kind", "slot_start", name=op.f("uq_sync_runs_shop_id_kind_slot_start")),
    )
    op.create_index(op.f("ix_sync_runs_shop_id_status"), "sync_runs", ["shop_id", "status"])
    op.create_index(op.f("ix_sync_runs_status_dispatched_at"), "sync_runs", ["status", "dispatched_at"])


def downgrade() -> None:
    op.drop_table("job_slots")
    op.drop_table("sync_problems")
    op.drop_table("sync_runs")
    op.drop_table("shop_sync_state")
    op.drop_table("order_skus")
    op.drop_table("orders")
