"""The unit of work: one transaction over every repository."""
from __future__ import annotations

from datetime import datetime
from typing import Protocol, Self

from application.ports.desk import ActivityLog, DeskRecords
from application.ports.repositories import (
    CarrierAccountRepository, ChannelRepository, IdempotencyKeys, JobSlots, LabelStore, OrderRepository,
    PackageRepository, Principals, ProviderAccountRepository, ShopRepository, SkuMappings, SyncRunRepository,
    SyncStates, TokenVault, UploadRepository, WarehouseRepository,
)


class UnitOfWork(Protocol):
    shops: ShopRepository
    vault: TokenVault
    idempotency: IdempotencyKeys
    principals: Principals
    orders: OrderRepository
    sync_runs: SyncRunRepository
    sync_states: SyncStates
    job_slots: JobSlots
    warehouses: WarehouseRepository
    channels: ChannelRepository
    carrier_accounts: CarrierAccountRepository
    provider_accounts: ProviderAccountRepository
    sku_mappings: SkuMappings
    desk: DeskRecords
    activity: ActivityLog
    packages: PackageRepository
    labels: LabelStore
    uploads: UploadRepository

    def db_now(self) -> datetime:
        """The database clock: watermarks and slots come from it, not from a worker's clock."""
        ...

    def __enter__(self) -> Self: ...
    def __exit__(self, *exc: object) -> None: ...
    def commit(self) -> None:
        """Commit the changes and, in the same transaction, the events the aggregates recorded
        (the outbox): the work that follows a change is sent after, and only after, it commits."""
        ...
    def rollback(self) -> None: ...


class UnitOfWorkFactory(Protocol):
    def __call__(self) -> UnitOfWork: ...

