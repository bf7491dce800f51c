"""Packages, the orders each holds, and the label documents bought for them (FUL-3, FUL-4).
Same ``MetaData`` as ``tables.py``.

``package_orders`` is derived from a package's lines by ``SqlPackageRepository.add`` (a
package's orders never change: a split or merge makes new packages), so "the packages of these
orders" is an index look-up. Labels are bytes in a table of their own, written once, so a
reprint never buys again and listing packages never reads documents.
"""
from __future__ import annotations

import sqlalchemy as sa

from adapters.persistence.tables import ID, metadata
from adapters.persistence.types import PackageLinesJson, StringsJson, UTCDateTime, enum_column_type
from domain.package import PackageState

packages = sa.Table(
    "packages", metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("shop_id", ID, nullable=False),
    sa.Column("state", enum_column_type(PackageState), nullable=False),
    sa.Column("lines", PackageLinesJson, nullable=False),
    sa.Column("warehouse_id", ID, nullable=True),
    sa.Column("channel_id", ID, nullable=True),
    sa.Column("hold_reason", sa.Text, nullable=False),
    sa.Column("flags", StringsJson, nullable=False),
    sa.Column("tracking_numbers", StringsJson, nullable=False),
    sa.Column("carrier", sa.String(64), nullable=False),
    sa.Column("provider_ref", sa.String(128), nullable=False),
    sa.Column("label_id", sa.String(36), nullable=False),
    sa.Column("last_message", sa.Text, nullable=False),
    sa.Column("push_attempt", sa.Integer, nullable=False),
    sa.Column("audited_at", UTCDateTime, nullable=True),
    sa.Column("next_check_at", UTCDateTime, nullable=True),  # in flight: when the sweep sends it to the worker
    sa.Column("check_attempt", sa.Integer, nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Index(None, "shop_id", "state"),
    sa.Index(None, "created_at", "id"),  # keyset pages
    sa.Index(None, "next_check_at"),  # the sweep: due packages, oldest first
)

package_orders = sa.Table(
    "package_orders", metadata,
    sa.Column("package_id", ID, primary_key=True),
    sa.Column("order_id", ID, primary_key=True, index=True),
)

package_labels = sa.Table(
    "package_labels", metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("package_id", ID, nullable=False, index=True),
    sa.Column("reference", sa.String(64), nullable=False),  # the push it was bought by
    sa.Column("media_type", sa.String(64), nullable=False),
    sa.Column("content", sa.LargeBinary, nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.UniqueConstraint("reference"),  # one document per push: a retried fetch stores none twice
)
