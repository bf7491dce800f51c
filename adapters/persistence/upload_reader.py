"""The mark-shipped queue read side: filtered keyset pages, newest first, without aggregates."""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from adapters.persistence.cursors import keyset_page
from adapters.persistence.engine import read_only
from adapters.persistence.json_codecs import from_iso, iso
from adapters.persistence.tables import shops
from adapters.persistence.upload_tables import uploads
from application.mark_shipped.views import UploadFilter, UploadView
from application.ports.readers import Page


class SqlUploadReader:
    def __init__(self, engine: Engine) -> None:
        self._engine = read_only(engine)

    def list(self, flt: UploadFilter, page_size: int, page_token: str) -> Page:
        return keyset_page(self._engine, sa.select(uploads).where(*_conditions(flt)),
                           (uploads.c.created_at, uploads.c.id), flt=flt, page_token=page_token,
                           page_size=page_size, newest_first=True, item=to_view,
                           key_of=lambda r: (iso(r.created_at), r.id), parse_key=lambda k: (from_iso(k[0]), k[1]))


def to_view(row: sa.Row) -> UploadView:
    return UploadView(id=row.id, shop_id=row.shop_id, order_ids=tuple(row.order_ids),
                      parent_order_sns=tuple(row.parent_order_sns), send_type=row.send_type,
                      tracking_numbers=tuple(row.tracking_numbers), state=row.state, reason=row.reason,
                      message=row.message, attempts=row.attempts, automatic=row.automatic,
                      created_at=row.created_at, updated_at=row.updated_at)


def _conditions(flt: UploadFilter) -> list[sa.ColumnElement[bool]]:
    c, found = uploads.c, []
    if flt.shop_ids:
        found.append(c.shop_id.in_(flt.shop_ids))
    if flt.owner_id is not None:
        found.append(c.shop_id.in_(sa.select(shops.c.id).where(shops.c.owner_id == flt.owner_id)))
    if flt.states:
        found.append(c.state.in_(flt.states))
    if flt.changed_after is not None:
        found.append(c.updated_at >= flt.changed_after)
    if flt.changed_before is not None:
        found.append(c.updated_at < flt.changed_before)
    return found
