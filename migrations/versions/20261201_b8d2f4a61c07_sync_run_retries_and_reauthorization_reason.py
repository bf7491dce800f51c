"""Every stuck sync says why: a sync run's last error time, its retries in a row and its next
attempt; a shop's reason for needing re-authorization.

Revision ID: b8d2f4a61c07
Revises: e6c41b9d2a70
Create Date: 2026-12-01 23:30:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "b8d2f4a61c07"
down_revision = "e6c41b9d2a70"
branch_labels = None
depends_on = None

TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("sync_runs") as batch:
        batch.add_column(sa.Column("last_error_at", TIMESTAMP, nullable=True))
        batch.add_column(sa.Column("retries", sa.Integer, nullable=False, server_default="0"))
        batch.add_column(sa.Column("next_attempt_at", TIMESTAMP, nullable=True))
    with op.batch_alter_table("shops") as batch:
        batch.add_column(sa.Column("reauthorization_reason", sa.Text, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("shops") as batch:
        batch.drop_column("reauthorization_reason")
    with op.batch_alter_table("sync_runs") as batch:
        batch.drop_column("next_attempt_at")
        batch.drop_column("retries")
        batch.drop_column("last_error_at")
