"""Imperative mappings: the domain classes stay plain Python; SQLAlchemy learns their shape here.

``map_all()`` is idempotent and returns the ``MetaData`` Alembic compares against. SQLAlchemy
does not call ``__init__`` when it loads an aggregate, so the ``load`` listener re-creates the
transient ``events`` list. Adapter-side details the domain never sees are kept here too:
``shops.name_key`` (the casefolded name) and ``sync_runs.dispatched_at`` (left unmapped: only
``SqlSyncRunRepository`` writes it, by SQL, so asking for a run again never bumps its version).

Orders are not mapped: ``order_repository.py`` reads and writes them over Core.
"""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Mapper, registry

from adapters.persistence.sync_tables import sync_runs
from adapters.persistence.tables import metadata, shops
from domain.shop import Shop
from domain.sync import SyncRun

mapper_registry = registry(metadata=metadata)


def map_all() -> sa.MetaData:
    """Map every ORM aggregate once; safe to call from ``server.py``, ``worker.py`` and Alembic."""
    if sa.inspect(Shop, raiseerr=False) is None:
        mapper_registry.map_imperatively(Shop, shops, version_id_col=shops.c.version,
                                         properties={"_name_key": shops.c.name_key})
        mapper_registry.map_imperatively(SyncRun, sync_runs, version_id_col=sync_runs.c.version,
                                         exclude_properties=[sync_runs.c.dispatched_at])
        _listen()
    return metadata


def _listen() -> None:
    event.listen(Shop, "load", _start_with_no_events)
    event.listen(SyncRun, "load", _start_with_no_events)
    event.listen(Shop, "before_insert", _keep_name_key)
    event.listen(Shop, "before_update", _keep_name_key)


def _start_with_no_events(target: Shop | SyncRun, _context: object) -> None:
    target.events = []


def _keep_name_key(_mapper: Mapper, _conn: Connection, shop: Shop) -> None:
    shop._name_key = shop.name.key
