"""Warehouses, carrier accounts (with their encrypted secrets), logistics channels, SKU mappings.

Revision ID: 7a3e5c1d9b48
Revises: 43ef0a01cebe
Create Date: 2026-12-02 01:20:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "7a3e5c1d9b48"
down_revision = "43ef0a01cebe"
branch_labels = None
depends_on = None

ID = sa.String(36)
PRINCIPAL_ID = sa.String(64)


def _stamps() -> list[sa.Column]:
    return [sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("version", sa.Integer, nullable=False)]


def upgrade() -> None:
    op.create_table(
        "carrier_accounts",
        sa.Column("id", ID, nullable=False),
        sa.Column("owner_id", PRINCIPAL_ID, nullable=False),
        sa.Column("provider", sa.String(32), nullable=False),
        sa.Column("display_name", sa.String(64), nullable=False),
        sa.Column("base_url", sa.String(255), nullable=False),
        sa.Column("verified_at", sa.DateTime(timezone=True), nullable=False),
        *_stamps(),
        sa.PrimaryKeyConstraint("id", name="pk_carrier_accounts"),
    )
    op.create_index("ix_carrier_accounts_owner_id", "carrier_accounts", ["owner_id"])
    op.create_table(
        "carrier_account_secrets",
        sa.Column("account_id", ID, nullable=False),
        sa.Column("key_id", sa.String(32), nullable=False),
        sa.Column("ciphertext", sa.LargeBinary, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["carrier_accounts.id"], ondelete="CASCADE",
                                name="fk_carrier_account_secrets_account_id_carrier_accounts"),
        sa.PrimaryKeyConstraint("account_id", name="pk_carrier_account_secrets"),
    )
    op.create_index("ix_carrier_account_secrets_key_id", "carrier_account_secrets", ["key_id"])
    op.create_table(
        "warehouses",
        sa.Column("id", ID, nullable=False),
        sa.Column("owner_id", PRINCIPAL_ID, nullable=False),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("address", sa.Text, nullable=True),
        sa.Column("return_address", sa.Text, nullable=True),
        sa.Column("carrier_account_id", ID, nullable=True),
        sa.Column("provider_account_id", sa.String(64), nullable=True),
        sa.Column("provider_warehouse_code", sa.String(64), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        *_stamps(),
        sa.ForeignKeyConstraint(["carrier_account_id"], ["carrier_accounts.id"],
                                name="fk_warehouses_carrier_account_id_carrier_accounts"),
        sa.PrimaryKeyConstraint("id", name="pk_warehouses"),
    )
    op.create_index("ix_warehouses_owner_id", "warehouses", ["owner_id"])
    op.create_index("ix_warehouses_carrier_account_id", "warehouses", ["carrier_account_id"])
    op.create_table(
        "logistics_channels",
        sa.Column("id", ID, nullable=False),
        sa.Column("warehouse_id", ID, nullable=False),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("carrier", sa.String(64), nullable=False),
        sa.Column("service_token", sa.String(128), nullable=False),
        sa.Column("label_format", sa.String(32), nullable=False),
        sa.Column("temu_carriers", sa.Text, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        *_stamps(),
        sa.ForeignKeyConstraint(["warehouse_id"], ["warehouses.id"],
                                name="fk_logistics_channels_warehouse_id_warehouses"),
        sa.PrimaryKeyConstraint("id", name="pk_logistics_channels"),
        sa.UniqueConstraint("warehouse_id", "service_token", name="uq_logistics_channels_warehouse_id_service_token"),
    )
    op.create_table(
        "sku_mappings",
        sa.Column("owner_id", PRINCIPAL_ID, nullable=False),
        sa.Column("shop_id", sa.String(36), nullable=False),
        sa.Column("temu_sku_id", sa.BigInteger, nullable=False, autoincrement=False),
        sa.Column("temu_seller_sku", sa.String(128), nullable=False),
        sa.Column("seller_sku", sa.String(128), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("owner_id", "shop_id", "temu_sku_id", "temu_seller_sku", name="pk_sku_mappings"),
    )


def downgrade() -> None:
    op.drop_table("sku_mappings")
    op.drop_table("logistics_channels")
    op.drop_index("ix_warehouses_carrier_account_id", table_name="warehouses")
    op.drop_index("ix_warehouses_owner_id", table_name="warehouses")
    op.drop_table("warehouses")
    op.drop_index("ix_carrier_account_secrets_key_id", table_name="carrier_account_secrets")
    op.drop_table("carrier_account_secrets")
    op.drop_index("ix_carrier_accounts_owner_id", table_name="carrier_accounts")
    op.drop_table("carrier_accounts")
