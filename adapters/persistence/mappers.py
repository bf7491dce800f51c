"""How each aggregate is persisted: the one place that says it.

- **Shops and sync runs**: SQLAlchemy's imperative mapping (``map_all``); the domain classes stay
  plain Python. SQLAlchemy does not call ``__init__`` when it loads an aggregate, so a ``load``
  listener re-creates the transient ``events`` list. Adapter-side details the domain never sees
  are kept here too: ``shops.name_key`` (the casefolded name) and ``sync_runs.dispatched_at`` (left
  unmapped: only ``SqlSyncRunRepository`` writes it, by SQL, so asking for a run again never bumps its version).
- **Warehouses, logistics channels, carrier and provider accounts**: imperative mappings too; an
  account's secret is kept in ``carrier_account_secrets`` / ``provider_account_secrets`` by its
  repository, never mapped.
  SKU mappings are value objects written by ``SqlSkuMappings`` over Core.
- **Packages**: imperative mapping too; ``package_orders`` (which orders a package holds) is
  written by ``SqlPackageRepository.add``, label documents by ``SqlLabelStore``.
- **Orders**: rows over SQLAlchemy Core, through ``order_to_row`` and ``order_from_row`` below,
  which read one table of which ``Order`` attribute each column holds (a column left out fails
  at import, an attribute left out fails ``test_order_repository.py``). ``SqlOrderRepository``
  keeps the identity map and the version check the ORM would: an order is read by a SELECT and,
  once changed, written by one UPDATE of its changed columns. Orders are stored by the thousand,
  and the ORM's per-object bookkeeping cost more than the domain's own work.
- **Bulk insert, the other way**: orders never stored before (all of a sync page's new orders),
  their ``order_skus`` and search-term rows, activity entries and outbox events are inserted by
  ``BulkInsert``: a prepared ``executemany`` on SQLite, ``COPY`` on PostgreSQL (bench/README.md
  has what each saves).

``map_all()`` is idempotent and returns the ``MetaData`` Alembic compares against.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Mapper, registry

from adapters.persistence import desk_tables  # noqa: F401  (its tables join the MetaData map_all returns)
from adapters.persistence.package_tables import packages
from adapters.persistence.upload_tables import uploads
from adapters.persistence.sync_tables import sync_runs
from adapters.persistence.tables import metadata, orders, shops
from adapters.persistence.warehouse_tables import carrier_accounts, logistics_channels, provider_accounts, warehouses
from domain.carrier_account import CarrierAccount
from domain.channel import LogisticsChannel
from domain.order import Order
from domain.provider_account import ProviderAccount
from domain.package import Package
from domain.upload import Upload
from domain.shop import Shop
from domain.sync import SyncRun
from domain.warehouse import Warehouse

mapper_registry = registry(metadata=metadata)


def map_all() -> sa.MetaData:
    """Map every ORM aggregate once; safe to call from ``server.py``, ``worker.py`` and Alembic."""
    if sa.inspect(Shop, raiseerr=False) is None:
        mapper_registry.map_imperatively(Shop, shops, version_id_col=shops.c.version,
                                         properties={"_name_key": shops.c.name_key})
        mapper_registry.map_imperatively(SyncRun, sync_runs, version_id_col=sync_runs.c.version,
                                         exclude_properties=[sync_runs.c.dispatched_at])
        _map_fulfillment_setup()
        mapper_registry.map_imperatively(Package, packages, version_id_col=packages.c.version)
        mapper_registry.map_imperatively(Upload, uploads, version_id_col=uploads.c.version)
        _listen()
    return metadata


def _map_fulfillment_setup() -> None:
    """Warehouses, channels and carrier accounts (plain imperative mappings; the account's secret
    lives in its own table, written by ``SqlCarrierAccountRepository``)."""
    mapper_registry.map_imperatively(Warehouse, warehouses, version_id_col=warehouses.c.version)
    mapper_registry.map_imperatively(LogisticsChannel, logistics_channels,
                                     version_id_col=logistics_channels.c.version)
    mapper_registry.map_imperatively(CarrierAccount, carrier_accounts, version_id_col=carrier_accounts.c.version)
    mapper_registry.map_imperatively(ProviderAccount, provider_accounts, version_id_col=provider_accounts.c.version)


def _listen() -> None:
    event.listen(Shop, "load", _start_with_no_events)
    event.listen(SyncRun, "load", _start_with_no_events)
    event.listen(Package, "load", _start_with_no_events)
    event.listen(Upload, "load", _start_with_no_events)
    event.listen(LogisticsChannel, "load", _start_with_no_events)
    event.listen(Shop, "before_insert", _keep_name_key)
    event.listen(Shop, "before_update", _keep_name_key)


def _start_with_no_events(target: Shop | SyncRun | Package | Upload | LogisticsChannel, _context: object) -> None:
    target.events = []


def _keep_name_key(_mapper: Mapper, _conn: Connection, shop: Shop) -> None:
    shop._name_key = shop.name.key


# Column of ``orders`` -> attribute of ``Order``: both directions read this one table.
ORDER_FIELDS: dict[str, str] = {
    "id": "id", "shop_id": "shop_id", "parent_order_sn": "parent_order_sn", "temu_status": "temu_status",
    "state": "_state", "region_id": "region_id", "site_id": "site_id", "temu_created_at": "temu_created_at",
    "temu_updated_at": "temu_updated_at", "ship_by": "ship_by", "lines": "lines", "labels": "labels",
    "warnings": "warnings", "exceptions": "exceptions", "address": "address",
    "address_fetched_at": "address_fetched_at", "amounts": "amounts", "amounts_fetched_at": "amounts_fetched_at",
    "history": "history", "created_at": "created_at",
    "updated_at": "updated_at", "version": "version",
}
if set(ORDER_FIELDS) != set(orders.c.keys()):
    raise RuntimeError(f"ORDER_FIELDS and the orders table disagree: {set(ORDER_FIELDS) ^ set(orders.c.keys())}")


def order_to_row(order: Order) -> dict[str, Any]:
    fields = order.__dict__
    return {column: fields[attribute] for column, attribute in ORDER_FIELDS.items()}


def order_from_row(row: Mapping[str, Any]) -> Order:
    """Restore a stored order as the ORM would: its state is set back, not re-created by ``__init__``."""
    order = Order.__new__(Order)
    order.__dict__.update({attribute: row[column] for column, attribute in ORDER_FIELDS.items()})
    order.events = []
    return order
