"""Mark-shipped uploads (one per platform order, with the orders merged with it) and each
shop's automatic-marking setting (MARK-1). Same ``MetaData`` as ``tables.py``."""
from __future__ import annotations

import sqlalchemy as sa

from adapters.persistence.tables import ID, metadata
from adapters.persistence.types import StringsJson, UTCDateTime, enum_column_type
from domain.upload import UploadState

uploads = sa.Table(
    "mark_shipped_uploads", metadata,
    sa.Column("id", sa.String(40), primary_key=True),  # ``domain.upload.upload_id``
    sa.Column("shop_id", ID, nullable=False),
    sa.Column("order_id", ID, nullable=False),
    sa.Column("order_ids", StringsJson, nullable=False),
    sa.Column("parent_order_sns", StringsJson, nullable=False),
    sa.Column("send_type", sa.Integer, nullable=False),
    sa.Column("tracking_numbers", StringsJson, nullable=False),
    sa.Column("state", enum_column_type(UploadState), nullable=False),
    sa.Column("reason", sa.String(64), nullable=False),
    sa.Column("message", sa.Text, nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False),
    sa.Column("automatic", sa.Boolean, nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Index(None, "shop_id", "state"),
    sa.Index(None, "updated_at", "id"),  # keyset pages, newest change first
)

mark_shipped_settings = sa.Table(
    "mark_shipped_settings", metadata,
    sa.Column("shop_id", ID, primary_key=True),
    sa.Column("automatic", sa.Boolean, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
)

# TEMU仓库绑定 (MARK-3): an ERP warehouse or channel ships from this Temu warehouse, per shop.
temu_warehouse_bindings = sa.Table(
    "temu_warehouse_bindings", metadata,
    sa.Column("shop_id", ID, primary_key=True),
    sa.Column("target", sa.String(16), primary_key=True),  # ``BindingTarget``: WAREHOUSE or CHANNEL
    sa.Column("target_id", ID, primary_key=True),
    sa.Column("temu_warehouse_id", sa.String(64), nullable=False),
    sa.Column("temu_warehouse_name", sa.String(200), nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
)
