"""Warehouses, carrier accounts and their secrets, logistics channels, SKU mappings (FUL-3,
FUL-4). Same ``MetaData`` as ``tables.py``.

A warehouse's ``provider_account_id`` stays a plain column (it predates ``provider_accounts``);
the carrier account is a foreign key.
"""
from __future__ import annotations

import sqlalchemy as sa

from adapters.persistence.tables import ID, PRINCIPAL_ID, metadata
from adapters.persistence.types import PostalAddressJson, TemuCarriersJson, UTCDateTime, enum_column_type
from domain.warehouse import LabelFormat, WarehouseKind

carrier_accounts = sa.Table(
    "carrier_accounts", metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("owner_id", PRINCIPAL_ID, nullable=False, index=True),
    sa.Column("provider", sa.String(32), nullable=False),
    sa.Column("display_name", sa.String(64), nullable=False),
    sa.Column("base_url", sa.String(255), nullable=False),
    sa.Column("verified_at", UTCDateTime, nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
)

# The account's API token, encrypted like Temu tokens (vault.py): AES-256-GCM, bound to its row.
carrier_account_secrets = sa.Table(
    "carrier_account_secrets", metadata,
    sa.Column("account_id", ID, sa.ForeignKey("carrier_accounts.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("key_id", sa.String(32), nullable=False, index=True),
    sa.Column("ciphertext", sa.LargeBinary, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
)

# Third-party warehouse and Amazon accounts (issue 11); their credentials, as one encrypted
# JSON document, in ``provider_account_secrets``.
provider_accounts = sa.Table(
    "provider_accounts", metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("owner_id", PRINCIPAL_ID, nullable=False, index=True),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("display_name", sa.String(64), nullable=False),
    sa.Column("marketplace_id", sa.String(16), nullable=False),
    sa.Column("verified_at", UTCDateTime, nullable=False),
    sa.Column("active", sa.Boolean, nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
)

provider_account_secrets = sa.Table(
    "provider_account_secrets", metadata,
    sa.Column("account_id", ID, sa.ForeignKey("provider_accounts.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("key_id", sa.String(32), nullable=False, index=True),
    sa.Column("ciphertext", sa.LargeBinary, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
)

warehouses = sa.Table(
    "warehouses", metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("owner_id", PRINCIPAL_ID, nullable=False, index=True),
    sa.Column("name", sa.String(64), nullable=False),
    sa.Column("kind", enum_column_type(WarehouseKind), nullable=False),
    sa.Column("address", PostalAddressJson, nullable=True),
    sa.Column("return_address", PostalAddressJson, nullable=True),
    sa.Column("carrier_account_id", ID, sa.ForeignKey("carrier_accounts.id"), nullable=True, index=True),
    sa.Column("provider_account_id", sa.String(64), nullable=True),
    sa.Column("provider_warehouse_code", sa.String(64), nullable=False),
    sa.Column("active", sa.Boolean, nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
)

logistics_channels = sa.Table(
    "logistics_channels", metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("warehouse_id", ID, sa.ForeignKey("warehouses.id"), nullable=False),
    sa.Column("name", sa.String(64), nullable=False),
    sa.Column("carrier", sa.String(64), nullable=False),
    sa.Column("service_token", sa.String(128), nullable=False),
    sa.Column("label_format", enum_column_type(LabelFormat), nullable=False),
    sa.Column("temu_carriers", TemuCarriersJson, nullable=False),
    sa.Column("active", sa.Boolean, nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.UniqueConstraint("warehouse_id", "service_token"),  # one channel per service and warehouse
)

# "" and 0 stand for "any shop" and "matched by the other key", so the natural key is a plain
# unique constraint on both databases (NULLs would never clash).
sku_mappings = sa.Table(
    "sku_mappings", metadata,
    sa.Column("owner_id", PRINCIPAL_ID, primary_key=True),
    sa.Column("shop_id", sa.String(36), primary_key=True),
    sa.Column("temu_sku_id", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("temu_seller_sku", sa.String(128), primary_key=True),
    sa.Column("seller_sku", sa.String(128), nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
)
