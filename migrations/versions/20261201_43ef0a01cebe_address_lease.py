"""The address lease: one address fetcher per shop at a time, apart from the sync's lease.

Revision ID: 43ef0a01cebe
Revises: e6c41b9d2a70
Create Date: 2026-12-01 23:30:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "43ef0a01cebe"
down_revision = "b8d2f4a61c07"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("shop_sync_state") as batch:
        batch.add_column(sa.Column("address_lease_owner", sa.String(64), nullable=True))
        batch.add_column(sa.Column("address_lease_until", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("address_wanted", sa.Boolean, nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("shop_sync_state") as batch:
        batch.drop_column("address_wanted")
        batch.drop_column("address_lease_until")
        batch.drop_column("address_lease_owner")
