"""The package read side: filtered keyset pages (newest first) and details, without loading
aggregates (``application.ports.package_reader.PackageReader``)."""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from adapters.persistence.cursors import keyset_page
from adapters.persistence.engine import read_only
from adapters.persistence.json_codecs import from_iso, iso
from adapters.persistence.package_tables import package_orders, packages
from adapters.persistence.tables import shops
from application.packages.views import PackageFilter, PackageView
from application.ports.readers import Page



class SqlPackageReader:
    def __init__(self, engine: Engine) -> None:
        self._engine = read_only(engine)

    def get(self, package_id: str) -> PackageView | None:
        with self._engine.connect() as conn:
            row = conn.execute(sa.select(packages).where(packages.c.id == package_id)).first()
        return to_view(row) if row else None

    def list(self, flt: PackageFilter, page_size: int, page_token: str) -> Page:
        return keyset_page(self._engine, sa.select(packages).where(*_conditions(flt)),
                           (packages.c.created_at, packages.c.id), flt=flt, page_token=page_token,
                           page_size=page_size, newest_first=True, item=to_view,
                           key_of=lambda r: (iso(r.created_at), r.id), parse_key=lambda k: (from_iso(k[0]), k[1]))


def to_view(row: sa.Row) -> PackageView:
    return PackageView(
        id=row.id, shop_id=row.shop_id, state=row.state, lines=row.lines, warehouse_id=row.warehouse_id or "",
        channel_id=row.channel_id or "", hold_reason=row.hold_reason, flags=row.flags,
        tracking_numbers=row.tracking_numbers, carrier=row.carrier, provider_ref=row.provider_ref,
        has_label=bool(row.label_id), last_message=row.last_message, created_at=row.created_at,
        updated_at=row.updated_at, version=row.version)


def _conditions(flt: PackageFilter) -> list[sa.ColumnElement[bool]]:
    c, found = packages.c, []
    if flt.shop_ids:
        found.append(c.shop_id.in_(flt.shop_ids))
    if flt.owner_id is not None:
        found.append(c.shop_id.in_(sa.select(shops.c.id).where(shops.c.owner_id == flt.owner_id)))
    if flt.states:
        found.append(c.state.in_(flt.states))
    if flt.order_id:
        found.append(c.id.in_(sa.select(package_orders.c.package_id).where(package_orders.c.order_id == flt.order_id)))
    return found
