"""Shops, their encrypted tokens, principals with API keys, and request ids.

Revision ID: 29179c6631d5
Revises:
Create Date: 2026-11-27 01:32:49
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "29179c6631d5"
down_revision = None
branch_labels = None
depends_on = None

TIMESTAMP = sa.DateTime(timezone=True)
ENUM = sa.String(32)


def upgrade() -> None:
    op.create_table(
        "shops",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("name_key", sa.String(256), nullable=False),
        sa.Column("kind", ENUM, nullable=False),
        sa.Column("region", ENUM, nullable=False),
        sa.Column("mall_id", sa.BigInteger(), nullable=False),
        sa.Column("owner_id", sa.String(64), nullable=False),
        sa.Column("status", ENUM, nullable=False),
        sa.Column("auth_status", ENUM, nullable=False),
        sa.Column("auth_expires_at", TIMESTAMP, nullable=True),
        sa.Column("orders_expire_at", TIMESTAMP, nullable=True),
        sa.Column("credentials", sa.Text(), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("updated_at", TIMESTAMP, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shops")),
        sa.UniqueConstraint("mall_id", "region", name=op.f("uq_shops_mall_id_region")),
        sa.UniqueConstraint("name_key", name=op.f("uq_shops_name_key")),
    )
    op.create_index(op.f("ix_shops_auth_expires_at"), "shops", ["auth_expires_at"])
    op.create_index(op.f("ix_shops_owner_id"), "shops", ["owner_id"])

    op.create_table(
        "shop_tokens",
        sa.Column("shop_id", sa.String(36), nullable=False),
        sa.Column("kind", ENUM, nullable=False),
        sa.Column("key_id", sa.String(32), nullable=False),
        sa.Column("ciphertext", sa.LargeBinary(), nullable=False),
        sa.Column("updated_at", TIMESTAMP, nullable=False),
        sa.ForeignKeyConstraint(["shop_id"], ["shops.id"], name=op.f("fk_shop_tokens_shop_id_shops"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("shop_id", "kind", name=op.f("pk_shop_tokens")),
    )
    op.create_index(op.f("ix_shop_tokens_key_id"), "shop_tokens", ["key_id"])

    op.create_table(
        "idempotency_keys",
        sa.Column("principal_id", sa.String(64), nullable=False),
        sa.Column("method", sa.String(64), nullable=False),
        sa.Column("request_id", sa.String(64), nullable=False),
        sa.Column("request_hash", sa.String(128), nullable=False),
        sa.Column("resource_id", sa.String(255), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("principal_id", "method", "request_id", name=op.f("pk_idempotency_keys")),
    )
    op.create_index(op.f("ix_idempotency_keys_created_at"), "idempotency_keys", ["created_at"])

    op.create_table(
        "principals",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("name", sa.String(128), nullable=False),
        sa.Column("role", ENUM, nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_principals")),
    )
    op.create_table(
        "api_keys",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("principal_id", sa.String(64), nullable=False),
        sa.Column("key_hash", sa.String(64), nullable=False),
        sa.Column("prefix", sa.String(16), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("revoked_at", TIMESTAMP, nullable=True),
        sa.ForeignKeyConstraint(["principal_id"], ["principals.id"],
                                name=op.f("fk_api_keys_principal_id_principals"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_keys")),
        sa.UniqueConstraint("key_hash", name=op.f("uq_api_keys_key_hash")),
    )
    op.create_index(op.f("ix_api_keys_principal_id"), "api_keys", ["principal_id"])


def downgrade() -> None:
    op.drop_table("api_keys")
    op.drop_table("principals")
    op.drop_table("idempotency_keys")
    op.drop_table("shop_tokens")
    op.drop_table("shops")
