"""The outbox row carries the trace context of the change that stored it (W3C traceparent), so
the worker's span continues the RPC's trace.

Revision ID: 7d3a9c5e1f20
Revises: 43ef0a01cebe
Create Date: 2026-12-02 01:10:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "7d3a9c5e1f20"
down_revision = "7a3e5c1d9b48"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("trace_context", sa.JSON, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("trace_context")
