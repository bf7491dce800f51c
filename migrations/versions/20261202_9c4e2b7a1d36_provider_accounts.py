"""Provider accounts (Goodcang, Amazon SP-API) and their encrypted credentials (issue 11).

Revision ID: 9c4e2b7a1d36
Revises: 7d3a9c5e1f20
Create Date: 2026-12-02 02:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "9c4e2b7a1d36"
down_revision = "7d3a9c5e1f20"
branch_labels = None
depends_on = None

ID = sa.String(36)
PRINCIPAL_ID = sa.String(64)


def upgrade() -> None:
    op.create_table(
        "provider_accounts",
        sa.Column("id", ID, nullable=False),
        sa.Column("owner_id", PRINCIPAL_ID, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("display_name", sa.String(64), nullable=False),
        sa.Column("marketplace_id", sa.String(16), nullable=False),
        sa.Column("verified_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_provider_accounts"),
    )
    op.create_index("ix_provider_accounts_owner_id", "provider_accounts", ["owner_id"])
    op.create_table(
        "provider_account_secrets",
        sa.Column("account_id", ID, nullable=False),
        sa.Column("key_id", sa.String(32), nullable=False),
        sa.Column("ciphertext", sa.LargeBinary, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["provider_accounts.id"], ondelete="CASCADE",
                                name="fk_provider_account_secrets_account_id_provider_accounts"),
        sa.PrimaryKeyConstraint("account_id", name="pk_provider_account_secrets"),
    )
    op.create_index("ix_provider_account_secrets_key_id", "provider_account_secrets", ["key_id"])


def downgrade() -> None:
    op.drop_index("ix_provider_account_secrets_key_id", table_name="provider_account_secrets")
    op.drop_table("provider_account_secrets")
    op.drop_index("ix_provider_accounts_owner_id", table_name="provider_accounts")
    op.drop_table("provider_accounts")
