"""A run loaded by an earlier unit of work joins a later one without a SELECT, and its version
still guards the write."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

import pytest
from sqlalchemy import event

from domain.errors import ConcurrencyConflict
from domain.sync import RunStatus, SyncRun

from .builders import NOW, stored_shop, sync_run


def saved_run(db) -> SyncRun:
    """A run stored and then loaded, as a worker holds it once its transaction committed."""
    new = sync_run(stored_shop(db).id)
    with db.uow() as uow:
        uow.sync_runs.add(new)
        uow.commit()
    with db.uow() as uow:
        return uow.sync_runs.get(new.id)


@contextmanager
def statements(db) -> Iterator[list[str]]:
    seen: list[str] = []

    def record(_conn, _cursor, statement, *_: object) -> None:
        seen.append(statement.split()[0].upper())

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", record)


def test_an_attached_run_is_written_on_commit_without_being_read_again(db):
    run = saved_run(db)

    with statements(db) as seen, db.uow() as uow:
        attached = uow.sync_runs.attach(run)
        attached.start(NOW + timedelta(seconds=5))
        uow.commit()

    assert "SELECT" not in seen
    assert attached.version == run.version + 1
    with db.uow() as uow:
        stored = uow.sync_runs.get(run.id)
    assert (stored.status, stored.started_at, stored.version) == (RunStatus.RUNNING, NOW + timedelta(seconds=5),
                                                                  run.version + 1)


def test_a_run_attached_again_after_its_commit_takes_the_next_change_too(db):
    run = saved_run(db)
    for page in (1, 2):
        with db.uow() as uow:
            run = uow.sync_runs.attach(run)
            run.note(f"page {page}")
            uow.commit()

    with db.uow() as uow:
        stored = uow.sync_runs.get(run.id)
    assert (stored.errors, stored.version) == (("page 1", "page 2"), 3)


def test_a_run_changed_by_someone_else_since_it_was_loaded_cannot_be_written_through_attach(db):
    run = saved_run(db)
    with db.uow() as uow:
        uow.sync_runs.get(run.id).note("another worker")
        uow.commit()

    with db.uow() as uow:
        uow.sync_runs.attach(run).note("stale worker")
        with pytest.raises(ConcurrencyConflict):
            uow.commit()

    with db.uow() as uow:
        stored = uow.sync_runs.get(run.id)
    assert (stored.errors, stored.version) == (("another worker",), run.version + 1)
