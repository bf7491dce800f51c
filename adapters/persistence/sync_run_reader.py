"""The ids of the sync runs ListOperations shows: filtered keyset pages, newest first."""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from adapters.persistence.cursors import keyset_page
from adapters.persistence.engine import read_only
from adapters.persistence.json_codecs import from_iso, iso
from adapters.persistence.sync_tables import sync_runs
from adapters.persistence.tables import shops
from application.ports.readers import Page
from application.orders.views import OperationFilter
from domain.sync import FINISHED


class SqlSyncRunReader:
    """Implements ``application.ports.readers.SyncRunReader``."""

    def __init__(self, engine: Engine) -> None:
        self._engine = read_only(engine)

    def list_ids(self, flt: OperationFilter, page_size: int, page_token: str) -> Page:
        runs = sync_runs.c
        return keyset_page(self._engine, sa.select(runs.id, runs.created_at).where(*_conditions(flt)),
                           (runs.created_at, runs.id), flt=flt, page_token=page_token, page_size=page_size,
                           newest_first=True, item=lambda r: r.id, key_of=lambda r: (iso(r.created_at), r.id),
                           parse_key=lambda k: (from_iso(k[0]), k[1]))


def _conditions(flt: OperationFilter) -> list[sa.ColumnElement[bool]]:
    runs, found = sync_runs.c, []
    if flt.owner_id is not None:
        found.append(runs.shop_id.in_(sa.select(shops.c.id).where(shops.c.owner_id == flt.owner_id)))
    if flt.shop_id is not None:
        found.append(runs.shop_id == flt.shop_id)
    if flt.done is not None:
        found.append(runs.status.in_(FINISHED) if flt.done else runs.status.not_in(FINISHED))
    return found
