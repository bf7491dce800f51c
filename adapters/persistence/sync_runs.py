"""Sync runs in and out of the unit of work's session, and the bookkeeping around them.

A run's ``(shop, kind, slot_start)`` is unique: ``add_if_slot_free`` inserts with ON CONFLICT DO
NOTHING, so of any number of schedulers (threads, processes, machines) exactly one creates the
run of a slot; on PostgreSQL a second insert waits for the first transaction and then does
nothing, on SQLite write transactions never overlap.
"""
from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session, make_transient_to_detached

from adapters.persistence.errors import DatabaseErrors
from adapters.persistence.statements import execute
from adapters.persistence.sync_tables import shop_sync_state, sync_problems, sync_runs
from adapters.persistence.upsert import insert_for
from domain.sync import FINISHED, RunStatus, SyncRun

_SENDABLE = (RunStatus.PENDING, RunStatus.RUNNING)


class SqlSyncRunRepository:
    """Implements ``application.ports.repositories.SyncRunRepository``."""

    def __init__(self, session: Session, errors: DatabaseErrors, seen: list[object]) -> None:
        self._session, self._errors, self._seen = session, errors, seen

    def add(self, run: SyncRun) -> None:
        self._session.add(run)
        self._seen.append(run)

    def add_if_slot_free(self, run: SyncRun) -> bool:
        """Insert unless the slot has a run; when inserted, ``run`` itself is tracked from then on."""
        values = {attr.key: getattr(run, attr.key) for attr in sa.inspect(SyncRun).column_attrs}
        stmt = (insert_for(self._session, sync_runs).values(values)
                .on_conflict_do_nothing(index_elements=["shop_id", "kind", "slot_start"])
                .returning(sync_runs.c.id))
        if self._execute(stmt).scalar_one_or_none() is None:
            return False
        # NOTE: the row exists now; attach the object as if loaded, so later changes are UPDATEs.
        make_transient_to_detached(run)
        self.add(run)
        return True

    def get(self, run_id: str) -> SyncRun | None:
        with self._errors.translated():
            run = self._session.get(SyncRun, run_id)
        if run is not None:
            self._seen.append(run)
        return run

    def attach(self, run: SyncRun) -> SyncRun:
        """A copy of ``run`` joins the session as loaded, with no SELECT; ``run`` itself is left
        as it is. ``run`` must be clean (committed, unchanged since): ``merge(load=False)``
        refuses pending changes. Its version guards the next UPDATE as if just read."""
        copy = self._session.merge(run, load=False)
        self._seen.append(copy)
        return copy

    def unfinished_for_shop(self, shop_id: str) -> list[SyncRun]:
        """Oldest first."""
        query = (sa.select(SyncRun)
                 .where(sync_runs.c.shop_id == shop_id, sync_runs.c.status.not_in(FINISHED))
                 .order_by(sync_runs.c.created_at, sync_runs.c.id))
        with self._errors.translated():
            found = list(self._session.scalars(query))
        self._seen.extend(found)
        return found

    def stalled_ids(self, now: datetime, after: timedelta) -> list[str]:
        """PENDING and RUNNING runs, oldest first, nobody works on: asked for (created, or last
        stamped by ``mark_nudged``) at least ``after`` ago while no worker holds (or held in the
        last lease period) their shop, or still leased by a worker whose lease expired since. A run
        waiting to retry after a transient failure is not stalled until ``after`` past its attempt."""
        runs = sync_runs.c
        query = (sa.select(runs.id)
                 .where(runs.status.in_(_SENDABLE),
                        sa.or_(runs.next_attempt_at.is_(None), runs.next_attempt_at <= now - after),
                        sa.or_(sa.and_(_asked_at() <= now - after, ~_shop_alive(now)), _holder_died(now)))
                 .order_by(runs.created_at, runs.id))
        return list(self._execute(query).scalars())

    def mark_nudged(self, run_ids: list[str], now: datetime) -> None:
        """Plain SQL, version untouched: asking for a run again must not conflict with a worker saving it."""
        if run_ids:
            self._execute(sync_runs.update().where(sync_runs.c.id.in_(run_ids)).values(dispatched_at=now))

    def record_problem(self, run_id: str, parent_order_sn: str, reason: str, now: datetime) -> None:
        self._execute(sync_problems.insert().values(run_id=run_id, parent_order_sn=parent_order_sn[:64],
                                                    reason=reason, at=now))

    def problems(self, run_id: str) -> list[tuple[str, str]]:
        """The (parent order number, reason) pairs recorded for a run, in order."""
        query = (sa.select(sync_problems.c.parent_order_sn, sync_problems.c.reason)
                 .where(sync_problems.c.run_id == run_id).order_by(sync_problems.c.id))
        return [(sn, reason) for sn, reason in self._execute(query)]

    def _execute(self, stmt: sa.Executable) -> sa.Result:
        return execute(self._session, self._errors, stmt)


def _asked_at() -> sa.ColumnElement[datetime]:
    return sa.func.coalesce(sync_runs.c.dispatched_at, sync_runs.c.created_at)


def _shop_alive(now: datetime) -> sa.ColumnElement[bool]:
    """Some run of the run's shop holds the lease, or released it less than a lease ago."""
    state = shop_sync_state.c
    return sa.exists().where(state.shop_id == sync_runs.c.shop_id, state.lease_until > now)


def _holder_died(now: datetime) -> sa.ColumnElement[bool]:
    """This run's lease ran out unreleased, and the run was not sent again since."""
    state, runs = shop_sync_state.c, sync_runs.c
    return sa.exists().where(state.shop_id == runs.shop_id, state.lease_run_id == runs.id,
                             state.lease_owner.is_not(None), state.lease_until <= now,
                             state.lease_until > _asked_at())
