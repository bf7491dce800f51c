"""The SQLAlchemy unit of work: one session, one transaction, rolled back unless committed."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from functools import partial
from typing import Self

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from adapters.persistence.activity import SqlActivityLog
from adapters.persistence.desk import SqlDeskRecords
from adapters.persistence.engine import make_session_factory, read_only
from adapters.persistence.errors import DatabaseErrors
from adapters.persistence.carrier_accounts import SqlCarrierAccountRepository
from adapters.persistence.idempotency import SqlIdempotencyKeys
from adapters.persistence.keyring import Keyring
from adapters.persistence.order_repository import SqlOrderRepository
from adapters.persistence.outbox import store_events
from adapters.persistence.package_repository import SqlLabelStore, SqlPackageRepository
from adapters.persistence.upload_repository import SqlUploadRepository
from adapters.persistence.principals import SqlPrincipals
from adapters.persistence.provider_accounts import SqlProviderAccountRepository
from adapters.persistence.repositories import SqlShopRepository
from adapters.persistence.sku_mappings import SqlSkuMappings
from adapters.persistence.sync_runs import SqlSyncRunRepository
from adapters.persistence.sync_states import SqlJobSlots, SqlSyncStates
from adapters.persistence.vault import SqlTokenVault
from adapters.persistence.warehouse_repositories import SqlChannelRepository, SqlWarehouseRepository
from domain.events import Event


class SqlAlchemyUnitOfWork:
    """``with uow: ...; uow.commit()``. The only place a transaction begins or ends.

    ``session_factory`` comes from ``engine.make_session_factory``; on SQLite its first statement
    starts ``BEGIN IMMEDIATE``, so units of work that write queue one after another. ``commit``
    and every repository call turn database errors into domain errors (see ``errors.py``).
    ``commit`` stores the events the aggregates it handed out recorded in the outbox, in the same
    transaction: what follows a change is sent only once the change is durable, and always. The
    activity log's entries (``activity``) are written in that transaction too.
    """

    shops: SqlShopRepository
    vault: SqlTokenVault
    idempotency: SqlIdempotencyKeys
    principals: SqlPrincipals
    orders: SqlOrderRepository
    sync_runs: SqlSyncRunRepository
    sync_states: SqlSyncStates
    job_slots: SqlJobSlots
    warehouses: SqlWarehouseRepository
    channels: SqlChannelRepository
    carrier_accounts: SqlCarrierAccountRepository
    provider_accounts: SqlProviderAccountRepository
    sku_mappings: SqlSkuMappings
    desk: SqlDeskRecords
    activity: SqlActivityLog
    packages: SqlPackageRepository
    labels: SqlLabelStore
    uploads: SqlUploadRepository

    def __init__(self, session_factory: sessionmaker, keyring: Keyring) -> None:
        self._session_factory = session_factory
        self._keyring = keyring
        self._seen: list[object] = []

    def __enter__(self) -> Self:
        self._session: Session = self._session_factory()
        self._errors = DatabaseErrors(self._session, self._session_factory)
        self._seen = []
        self.shops = SqlShopRepository(self._session, self._errors, self._seen)
        self.vault = SqlTokenVault(self._session, self._keyring, flush=self.shops.flush)
        self.idempotency = SqlIdempotencyKeys(self._session, self._errors)
        self.principals = SqlPrincipals(self._session, self._errors)
        self.activity = SqlActivityLog()
        self.desk = SqlDeskRecords(self._session, self._errors)
        self.orders = SqlOrderRepository(self._session, self._errors, self._seen, self.activity)
        self.sync_runs = SqlSyncRunRepository(self._session, self._errors, self._seen)
        self.sync_states = SqlSyncStates(self._session, self._errors)
        self.job_slots = SqlJobSlots(self._session, self._errors)
        self.warehouses = SqlWarehouseRepository(self._session, self._errors)
        self.channels = SqlChannelRepository(self._session, self._errors, self._seen)
        self.carrier_accounts = SqlCarrierAccountRepository(self._session, self._errors, self._keyring,
                                                            flush=self.shops.flush)
        self.provider_accounts = SqlProviderAccountRepository(self._session, self._errors, self._keyring,
                                                              flush=self.shops.flush)
        self.sku_mappings = SqlSkuMappings(self._session, self._errors)
        self.packages = SqlPackageRepository(self._session, self._errors, self._seen)
        self.labels = SqlLabelStore(self._session, self._errors)
        self.uploads = SqlUploadRepository(self._session, self._errors, self._seen)
        return self

    def __exit__(self, *exc: object) -> None:
        # NOTE: close() rolls back an open transaction but, unlike rollback(), leaves the objects
        # readable (detached, not expired), so a caller may still read what it loaded.
        self._session.close()

    def db_now(self) -> datetime:
        """The database clock, aware UTC, read in this unit of work's transaction."""
        with self._errors.translated():
            return database_now(self._session)

    def commit(self) -> None:
        self.orders.flush()
        self.orders.write_counts()
        with self._errors.translated():
            self.activity.write(self._session)
            store_events(self._session, self._new_events())
            self._session.commit()

    def rollback(self) -> None:
        self._session.rollback()

    def _new_events(self) -> Iterator[Event]:
        """Each event once, though an aggregate may have been handed out more than once."""
        for aggregate in self._seen:
            events = getattr(aggregate, "events", [])
            while events:
                yield events.pop(0)


# SQLite's CURRENT_TIMESTAMP has whole seconds; this is the same UTC clock to the millisecond.
_SQLITE_NOW = sa.text("SELECT strftime('%Y-%m-%d %H:%M:%f', 'now')")
_POSTGRES_NOW = sa.text("SELECT statement_timestamp()")


def database_now(session: Session) -> datetime:
    """SQLite answers naive UTC text; PostgreSQL the time of this statement, aware (not ``now()``,
    the transaction's start, which may lie before a lock this transaction waited for)."""
    if session.get_bind().dialect.name == "sqlite":
        return datetime.fromisoformat(session.execute(_SQLITE_NOW).scalar_one()).replace(tzinfo=timezone.utc)
    return session.execute(_POSTGRES_NOW).scalar_one().astimezone(timezone.utc)


def uow_factory(engine: Engine, keyring: Keyring, *, reads_only: bool = False) -> Callable[[], SqlAlchemyUnitOfWork]:
    """The ``UnitOfWorkFactory`` that ``bootstrap`` hands to the use cases.

    ``reads_only=True`` suits use cases that never write (``Authenticate``): on SQLite they skip
    the write lock, so they never queue behind writers. A write through such a unit of work may
    fail with "database is locked" on SQLite, so keep writers on the default factory.
    """
    if reads_only:
        engine = read_only(engine)
    sessions = make_session_factory(engine)
    return partial(SqlAlchemyUnitOfWork, sessions, keyring)
