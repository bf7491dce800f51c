"""The unit of work: one transaction over every repository."""
from __future__ import annotations

from datetime import datetime
from typing import Protocol, Self

from application.ports.repositories import (
    IdempotencyKeys, JobSlots, OrderRepository, Principals, ShopRepository, SyncRunRepository, SyncStates,
    TokenVault,
)
from domain.shop import Shop


class UnitOfWork(Protocol):
    shops: ShopRepository
    vault: TokenVault
    idempotency: IdempotencyKeys
    principals: Principals
    orders: OrderRepository
    sync_runs: SyncRunRepository
    sync_states: SyncStates
    job_slots: JobSlots

    def db_now(self) -> datetime:
        """The database clock: watermarks and slots come from it, not from a worker's clock."""
        ...

    def __enter__(self) -> Self: ...
    def __exit__(self, *exc: object) -> None: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...


class UnitOfWorkFactory(Protocol):
    def __call__(self) -> UnitOfWork: ...


class ShopHook(Protocol):
    """Work done in the same transaction as a shop change (e.g. scheduling its history sync).
    Returns the ids of the jobs it created, sent to the workers once the change is committed."""

    def __call__(self, uow: UnitOfWork, shop: Shop, now: datetime) -> list[str]: ...
