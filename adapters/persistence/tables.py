"""The schema, as SQLAlchemy Core tables on one ``MetaData``. Alembic migrations create it;
nothing else does (``tests/integration/persistence/test_migrations.py`` checks they agree)."""
from __future__ import annotations

import sqlalchemy as sa

from adapters.persistence.sort_keys import ShipByKey
from adapters.persistence.types import (
    AddressJson, CredentialsJson, HistoryJson, LabelsJson, OrderAmountsJson, OrderLinesJson, ShopNameType, StringsJson,
    UTCDateTime, enum_column_type,
)
from domain.order_states import OrderState
from domain.principal import Role
from domain.shop_kinds import AuthStatus, Region, ShopKind, ShopStatus, TokenKind

metadata = sa.MetaData(naming_convention={
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})

ID = sa.String(36)

PRINCIPAL_ID = sa.String(64)

shops = sa.Table(
    "shops", metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("name", ShopNameType, nullable=False),
    sa.Column("name_key", sa.String(256), nullable=False),  # casefolded name (AUTH-8)
    sa.Column("kind", enum_column_type(ShopKind), nullable=False),
    sa.Column("region", enum_column_type(Region), nullable=False),
    sa.Column("mall_id", sa.BigInteger, nullable=False),
    sa.Column("owner_id", PRINCIPAL_ID, nullable=False, index=True),
    sa.Column("status", enum_column_type(ShopStatus), nullable=False),
    sa.Column("auth_status", enum_column_type(AuthStatus), nullable=False),
    sa.Column("auth_expires_at", UTCDateTime, nullable=True, index=True),
    sa.Column("orders_expire_at", UTCDateTime, nullable=True),
    sa.Column("credentials", CredentialsJson, nullable=False),
    sa.Column("reauthorization_reason", sa.Text, nullable=True),  # why REAUTH_REQUIRED
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.UniqueConstraint("mall_id", "region"),  # AUTH-9: one Temu shop and region, one ERP shop
    sa.UniqueConstraint("name_key"),
)

shop_tokens = sa.Table(
    "shop_tokens", metadata,
    sa.Column("shop_id", ID, sa.ForeignKey("shops.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("kind", enum_column_type(TokenKind), primary_key=True),
    sa.Column("key_id", sa.String(32), nullable=False, index=True),
    sa.Column("ciphertext", sa.LargeBinary, nullable=False),  # 96-bit nonce + AES-GCM output
    sa.Column("updated_at", UTCDateTime, nullable=False),
)

idempotency_keys = sa.Table(
    "idempotency_keys", metadata,
    sa.Column("principal_id", PRINCIPAL_ID, primary_key=True),
    sa.Column("method", sa.String(64), primary_key=True),
    sa.Column("request_id", sa.String(64), primary_key=True),
    sa.Column("request_hash", sa.String(128), nullable=False),
    sa.Column("resource_id", sa.String(255), nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False, index=True),
)

principals = sa.Table(
    "principals", metadata,
    sa.Column("id", PRINCIPAL_ID, primary_key=True),
    sa.Column("name", sa.String(128), nullable=False),
    sa.Column("role", enum_column_type(Role), nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
)

api_keys = sa.Table(
    "api_keys", metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("principal_id", PRINCIPAL_ID, sa.ForeignKey("principals.id", ondelete="CASCADE"),
              nullable=False, index=True),
    sa.Column("key_hash", sa.String(64), nullable=False, unique=True),  # sha256 hex of the key
    sa.Column("prefix", sa.String(16), nullable=False),  # first 8 characters, for display
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("revoked_at", UTCDateTime, nullable=True),
)

orders = sa.Table(
    "orders", metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("shop_id", ID, sa.ForeignKey("shops.id"), nullable=False),
    sa.Column("parent_order_sn", sa.String(64), nullable=False),
    sa.Column("temu_status", sa.Integer, nullable=False),
    sa.Column("state", enum_column_type(OrderState), nullable=False),
    sa.Column("region_id", sa.Integer, nullable=False),
    sa.Column("site_id", sa.Integer, nullable=True),
    sa.Column("temu_created_at", UTCDateTime, nullable=False),
    sa.Column("temu_updated_at", UTCDateTime, nullable=False),
    sa.Column("ship_by", UTCDateTime, nullable=True, index=True),
    sa.Column("lines", OrderLinesJson, nullable=False),
    sa.Column("labels", LabelsJson, nullable=False),
    sa.Column("warnings", StringsJson, nullable=False),
    sa.Column("exceptions", StringsJson, nullable=False),
    sa.Column("address", AddressJson, nullable=True),
    sa.Column("address_fetched_at", UTCDateTime, nullable=True),
    sa.Column("amounts", OrderAmountsJson, nullable=True),  # Temu's, once fetched (docs/order-amounts.md)
    sa.Column("amounts_fetched_at", UTCDateTime, nullable=True),
    sa.Column("history", HistoryJson, nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.UniqueConstraint("shop_id", "parent_order_sn"),  # a re-sync updates, never duplicates
    sa.Index(None, "shop_id", "state"),
    sa.Index(None, "shop_id", "temu_status"),  # the to-ship orders still needing an address
    sa.Index(None, "shop_id", "temu_updated_at"),
    sa.Index(None, "shop_id", "temu_created_at", "id"),  # keyset pages inside one shop
    sa.Index(None, "temu_created_at", "id"),  # keyset pages across shops
    sa.Index(None, "temu_updated_at", "id"),  # ListOrders by update_time
    sa.Index("ix_orders_ship_by_key_id", ShipByKey(sa.column("ship_by")), "id"),  # ListOrders by ship_by_time
)

# Derived from the order lines by the order repository (order_repository.py), in the transaction
# that writes the order; the domain never sees it. No foreign key: its check would lock the order
# row once per SKU row, in the middle of a history sync's bulk inserts.
order_skus = sa.Table(
    "order_skus", metadata,
    sa.Column("order_id", ID, primary_key=True),
    sa.Column("seller_sku", sa.String(255), primary_key=True, index=True),
)

POSITION = sa.BigInteger().with_variant(sa.Integer, "sqlite")
# The search index of orders (application/orders/search.py says what each field holds), derived
# from the order by the order repository in the transaction that writes it, like order_skus.
# ``term`` compares byte by byte on PostgreSQL too (collation "C"), as SQLite's BINARY does, so
# that a prefix is a range of the primary key whatever the database's collation.
order_terms = sa.Table(
    "order_terms", metadata,
    sa.Column("field", sa.String(16), primary_key=True),
    sa.Column("term", sa.String(128).with_variant(sa.String(128, collation="C"), "postgresql"), primary_key=True),
    sa.Column("order_id", ID, primary_key=True),  # no index of its own: rewritten by key (order_repository.py)
)

# The goods names' words and the seller SKUs of order lines, per seller SKU (order_terms.py says
# why), added by the order repository as orders are written; never removed (a goods name a SKU
# once had still finds its orders).
sku_terms = sa.Table(
    "sku_terms", metadata,
    sa.Column("field", sa.String(16), primary_key=True),
    sa.Column("term", sa.String(128).with_variant(sa.String(128, collation="C"), "postgresql"), primary_key=True),
    sa.Column("seller_sku", sa.String(255), primary_key=True, index=True),  # the terms a SKU has already
)

# Orders per shop and ERP state (kind "state") or exception reason (kind "exception"), derived by
# the order repository in the transaction that writes the orders (order_counts.py says why).
order_counts = sa.Table(
    "order_counts", metadata,
    sa.Column("shop_id", ID, primary_key=True),
    sa.Column("kind", sa.String(16), primary_key=True),
    sa.Column("key", sa.String(128), primary_key=True),
    sa.Column("n", sa.Integer, nullable=False),
)

# The domain events, written by the unit of work in the transaction of the change they report,
# and sent by the relay (adapters/queue/relay.py) in ``id`` order. Sent rows stay (marked): they
# are the change feed (docs/change-feed.md), read in ``position`` order, which the sequencer
# (event_feed.py) sets after they commit; kept for the configured retention.
outbox = sa.Table(
    "outbox", metadata,
    sa.Column("id", POSITION, primary_key=True, autoincrement=True),
    sa.Column("event_type", sa.String(64), nullable=False),
    sa.Column("payload", sa.JSON, nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("sent_at", UTCDateTime, nullable=True),
    sa.Column("trace_context", sa.JSON, nullable=True),  # W3C trace context of the change; None untraced
    sa.Column("position", POSITION, nullable=True),
    sa.Column("shop_id", ID, nullable=True),  # the payload's shop: who may see the event
    sa.Index("ix_outbox_unsent", "id", sqlite_where=sa.text("sent_at IS NULL"),
             postgresql_where=sa.text("sent_at IS NULL")),
    sa.Index("ix_outbox_unsequenced", "id", sqlite_where=sa.text("position IS NULL"),
             postgresql_where=sa.text("position IS NULL")),
    sa.Index("ix_outbox_position", "position", unique=True),
    sa.Index(None, "shop_id", "position"),
)

# One row (id 1): the feed's last position given, and the position up to which it was pruned.
# The sequencer and the pruning lock it, so feed passes take turns.
event_feed = sa.Table(
    "event_feed", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("last_position", POSITION, nullable=False),
    sa.Column("pruned_through", POSITION, nullable=False),
)
