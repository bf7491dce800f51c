"""The outbox's safety net: which runs the scheduler asks for again (a lost message, a dead worker)."""
from __future__ import annotations

from datetime import timedelta

from domain.sync import SyncKind

from .builders import NOW, stored_shop, sync_run

AGAIN = timedelta(seconds=90)
LEASE = timedelta(seconds=60)


def at(seconds: int):
    return NOW + timedelta(seconds=seconds)


class Runs:
    """One shop with sync state, and shortcuts for the scheduler's and a worker's steps."""

    def __init__(self, db) -> None:
        self.db = db
        self.shop_id = stored_shop(db).id
        with db.uow() as uow:
            uow.sync_states.ensure(self.shop_id, NOW - timedelta(days=30))
            uow.commit()

    def add(self, run) -> str:
        with self.db.uow() as uow:
            uow.sync_runs.add(run)
            uow.commit()
        return run.id

    def new(self, **kw) -> str:
        return self.add(sync_run(self.shop_id, **kw))

    def stalled(self, now) -> list[str]:
        with self.db.uow() as uow:
            return uow.sync_runs.stalled_ids(now, AGAIN)

    def nudged(self, run_ids: list[str], now) -> None:
        with self.db.uow() as uow:
            uow.sync_runs.mark_nudged(run_ids, now)
            uow.commit()

    def worker_takes(self, run_id: str, now, owner: str = "w1") -> None:
        with self.db.uow() as uow:
            assert uow.sync_states.claim(self.shop_id, run_id, owner, now, now + LEASE)
            uow.sync_runs.get(run_id).start(now)
            uow.commit()

    def worker_lets_go(self, owner: str = "w1") -> None:
        with self.db.uow() as uow:
            uow.sync_states.release(self.shop_id, owner)
            uow.commit()


def test_a_new_run_is_asked_for_again_only_once_the_delay_passed_since_it_was_created_or_nudged(db):
    runs = Runs(db)
    first = runs.new()
    second = runs.new(slot_start=at(120), now=at(1))
    assert runs.stalled(at(89)) == []  # the outbox sent the new runs
    assert runs.stalled(at(90)) == [first]
    assert runs.stalled(at(91)) == [first, second]
    runs.nudged([first, second], at(91))
    assert runs.stalled(at(180)) == []
    assert runs.stalled(at(181)) == [first, second]


def test_finished_and_waiting_runs_are_never_sent(db):
    runs = Runs(db)
    done, failed, waiting = (sync_run(runs.shop_id, kind=kind) for kind in (SyncKind.HISTORY, SyncKind.INCREMENTAL,
                                                                            SyncKind.MANUAL))
    done.succeed(NOW)
    failed.fail(NOW, "the shop is disabled or gone")
    waiting.wait_for_reauthorization("SHOP_REAUTHORIZATION_REQUIRED")
    for run in (done, failed, waiting):
        runs.add(run)
    assert runs.stalled(at(1000)) == []


def test_a_run_a_live_worker_is_paging_is_not_sent_again(db):
    runs = Runs(db)
    run_id = runs.new()
    runs.nudged([run_id], at(0))
    runs.worker_takes(run_id, at(80))
    assert runs.stalled(at(120)) == []
    runs.worker_lets_go()  # between two batches: the worker sent the run to itself
    assert runs.stalled(at(139)) == []
    assert runs.stalled(at(140)) == [run_id]  # nobody touched it for a lease: that message is lost


def test_a_run_whose_worker_died_is_sent_again_once_its_lease_expires(db):
    runs = Runs(db)
    run_id = runs.new()
    runs.nudged([run_id], at(0))
    runs.worker_takes(run_id, at(1))
    assert runs.stalled(at(60)) == []
    assert runs.stalled(at(61)) == [run_id]
    runs.nudged([run_id], at(61))
    assert runs.stalled(at(62)) == []
    assert runs.stalled(at(151)) == [run_id]


def test_a_run_blocked_behind_another_run_of_its_shop_waits_while_that_one_is_alive(db):
    runs = Runs(db)
    busy, blocked = runs.new(kind=SyncKind.HISTORY), runs.new(kind=SyncKind.MANUAL, now=at(1))
    runs.nudged([busy, blocked], at(0))
    runs.worker_takes(busy, at(100))
    assert runs.stalled(at(150)) == []
    assert runs.stalled(at(160)) == [busy, blocked]
