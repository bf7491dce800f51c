"""Sync runs keep every field, version their changes, and get one run per (shop, kind, slot)."""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest

from adapters.persistence.sync_tables import sync_runs
from domain.errors import ConcurrencyConflict
from domain.sync import RunStatus, SyncKind, SyncRun

from .builders import NOW, stored_shop, sync_run

THREADS = 20


def fields_of(run: SyncRun) -> dict[str, object]:
    return {k: v for k, v in vars(run).items() if not k.startswith("_sa_")}


def save(db, run: SyncRun) -> None:
    with db.uow() as uow:
        uow.sync_runs.add(run)
        uow.commit()


def test_a_run_comes_back_with_every_field_including_its_cursor_and_errors(db):
    run = sync_run(stored_shop(db).id, kind=SyncKind.HISTORY)
    run.start(NOW + timedelta(seconds=1))
    run.record_page(next_end=run.window_end - 100, next_page=1, total=250, seen=100, created=90, updated=6,
                    skipped=4, page_size=100)
    run.record_page(next_end=run.window_end - 100, next_page=2, total=180, seen=100, created=100, updated=0,
                    skipped=0, page_size=100)
    run.note("PO-1: unknown status 99")
    run.fail(NOW + timedelta(minutes=3), "Temu did not answer")
    save(db, run)

    with db.uow() as uow:
        loaded = uow.sync_runs.get(run.id)
    assert fields_of(loaded) == fields_of(run)
    assert (loaded.cursor_page, loaded.cursor_total, loaded.pages_estimate) == (2, 180, 3)
    assert loaded.errors == ("PO-1: unknown status 99", "Temu did not answer")
    assert loaded.kind is SyncKind.HISTORY and loaded.status is RunStatus.FAILED


def test_each_saved_change_bumps_the_version_and_a_stale_save_is_a_conflict(db):
    run = sync_run(stored_shop(db).id)
    save(db, run)
    with db.uow() as uow:
        uow.sync_runs.get(run.id).start(NOW)
        uow.commit()
    with db.uow() as uow:
        mine = uow.sync_runs.get(run.id)
        assert mine.version == 2
        # Another worker's commit, replayed inside this transaction (SQLite would queue a real one).
        uow._session.execute(sync_runs.update().where(sync_runs.c.id == run.id).values(version=3))
        mine.note("late")
        with pytest.raises(ConcurrencyConflict):
            uow.commit()


def test_a_slot_takes_one_run_and_the_inserted_run_is_tracked_by_the_unit_of_work(db):
    shop_id = stored_shop(db).id
    with db.uow() as uow:
        run = sync_run(shop_id)
        assert uow.sync_runs.add_if_slot_free(run) is True
        run.start(NOW)
        uow.commit()
    with db.uow() as uow:
        assert uow.sync_runs.add_if_slot_free(sync_run(shop_id)) is False
        assert uow.sync_runs.add_if_slot_free(sync_run(shop_id, kind=SyncKind.REPLAY)) is True
        assert uow.sync_runs.get(run.id).status is RunStatus.RUNNING


def test_twenty_schedulers_racing_for_one_slot_create_exactly_one_run(db):
    shop_id = stored_shop(db).id
    start = threading.Barrier(THREADS)

    def schedule(_: int) -> bool:
        run = sync_run(shop_id)
        start.wait()
        with db.uow() as uow:
            added = uow.sync_runs.add_if_slot_free(run)
            uow.commit()
        return added

    with ThreadPoolExecutor(THREADS) as pool:
        outcomes = list(pool.map(schedule, range(THREADS)))
    assert outcomes.count(True) == 1
    with db.uow() as uow:
        assert len(uow.sync_runs.unfinished_for_shop(shop_id)) == 1


def test_two_runs_added_for_one_slot_are_a_retryable_conflict(db):
    shop_id = stored_shop(db).id
    save(db, sync_run(shop_id, kind=SyncKind.MANUAL))
    with pytest.raises(ConcurrencyConflict):
        save(db, sync_run(shop_id, kind=SyncKind.MANUAL))


def test_unfinished_runs_of_a_shop_are_listed_oldest_first_without_finished_ones_or_other_shops(db):
    shop_id, other_id = stored_shop(db).id, stored_shop(db).id
    waiting, pending, done = (sync_run(shop_id, slot_start=NOW + timedelta(minutes=i), now=NOW + timedelta(minutes=i))
                              for i in range(3))
    waiting.wait_for_reauthorization("SHOP_REAUTHORIZATION_REQUIRED")
    done.succeed(NOW)
    for run in (done, pending, waiting, sync_run(other_id)):
        save(db, run)
    with db.uow() as uow:
        assert [r.id for r in uow.sync_runs.unfinished_for_shop(shop_id)] == [waiting.id, pending.id]


def test_problems_are_recorded_against_their_run(db):
    run = sync_run(stored_shop(db).id)
    save(db, run)
    with db.uow() as uow:
        uow.sync_runs.record_problem(run.id, "PO-211-1", "unknown status 99", NOW)
        uow.sync_runs.record_problem(run.id, "?", "no parentOrderSn", NOW)
        uow.commit()
    with db.uow() as uow:
        assert uow.sync_runs.problems(run.id) == [("PO-211-1", "unknown status 99"), ("?", "no parentOrderSn")]
