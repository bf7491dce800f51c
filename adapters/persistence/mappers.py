"""Imperative mappings: the domain classes stay plain Python; SQLAlchemy learns their shape here.

``map_all()`` is idempotent and returns the ``MetaData`` Alembic compares against. SQLAlchemy
does not call ``__init__`` when it loads an aggregate, so the ``load`` listener re-creates the
transient ``events`` list. Adapter-side details the domain never sees are kept here too:
``shops.name_key`` (the casefolded name), the ``order_skus`` index of seller SKUs, and
``sync_runs.dispatched_at`` (left unmapped: only ``SqlSyncRunRepository`` writes it, by SQL, so
sending a run never bumps its version).
"""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Mapper, Session, registry
from sqlalchemy.orm.attributes import instance_dict

from adapters.persistence.sync_tables import sync_runs
from adapters.persistence.tables import metadata, order_skus, orders, shops
from domain.order import Order
from domain.shop import Shop
from domain.sync import SyncRun

mapper_registry = registry(metadata=metadata)


def map_all() -> sa.MetaData:
    """Map every aggregate once; safe to call from ``server.py``, ``worker.py`` and Alembic."""
    if sa.inspect(Shop, raiseerr=False) is None:
        mapper_registry.map_imperatively(Shop, shops, version_id_col=shops.c.version,
                                         properties={"_name_key": shops.c.name_key})
        mapper_registry.map_imperatively(Order, orders, version_id_col=orders.c.version)
        mapper_registry.map_imperatively(SyncRun, sync_runs, version_id_col=sync_runs.c.version,
                                         exclude_properties=[sync_runs.c.dispatched_at])
        _listen()
    return metadata


def _listen() -> None:
    event.listen(Shop, "load", _start_with_no_events)
    event.listen(Order, "load", _start_with_no_events)
    event.listen(Shop, "before_insert", _keep_name_key)
    event.listen(Shop, "before_update", _keep_name_key)
    event.listen(Session, "after_flush", _index_order_skus)


def _start_with_no_events(target: Shop | Order, _context: object) -> None:
    target.events = []


def _keep_name_key(_mapper: Mapper, _conn: Connection, shop: Shop) -> None:
    shop._name_key = shop.name.key


def _index_order_skus(session: Session, _context: object) -> None:
    """Keep ``order_skus`` in step with the orders a flush wrote: one DELETE and one multi-row
    INSERT per flush (a statement per order made a history sync four times slower)."""
    new = [o for o in session.new if isinstance(o, Order)]
    changed = [o for o in session.dirty if isinstance(o, Order) and sa.inspect(o).attrs.lines.history.has_changes()]
    if changed:
        session.connection().execute(order_skus.delete().where(order_skus.c.order_id.in_([o.id for o in changed])))
    rows = sku_rows([*new, *changed])
    if rows:
        session.connection().execute(order_skus.insert(), rows)


def sku_rows(written: list[Order]) -> list[dict[str, str]]:
    """The ``order_skus`` rows of these orders: each distinct seller SKU once per order."""
    return [{"order_id": o.id, "seller_sku": sku} for o in written
            for sku in sorted({line.seller_sku for line in o.lines if line.seller_sku})]


def order_rows(new: list[Order]) -> list[dict[str, object]]:
    """``orders`` rows for a Core INSERT of these orders, one value per mapped column (the
    column types still turn domain values into database values)."""
    columns = _order_columns()
    return [{name: values[attr] for attr, name in columns} for values in map(instance_dict, new)]


def _order_columns() -> list[tuple[str, str]]:
    return [(prop.key, prop.columns[0].key) for prop in sa.inspect(Order).column_attrs]
