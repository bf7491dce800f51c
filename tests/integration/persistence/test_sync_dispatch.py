"""Which runs the scheduler sends to the workers: new ones, lost ones, and those of a dead worker."""
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

    def to_send(self, now) -> list[str]:
        with self.db.uow() as uow:
            return uow.sync_runs.ids_to_dispatch(now, AGAIN)

    def sent(self, run_ids: list[str], now) -> None:
        with self.db.uow() as uow:
            uow.sync_runs.mark_dispatched(run_ids, now)
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


def test_a_new_run_is_sent_once_then_again_only_after_the_redispatch_delay(db):
    runs = Runs(db)
    first = runs.new()
    second = runs.new(slot_start=at(120), now=at(1))
    assert runs.to_send(at(0)) == [first, second]
    runs.sent([first, second], at(0))
    assert runs.to_send(at(89)) == []
    assert runs.to_send(at(90)) == [first, second]


def test_finished_and_waiting_runs_are_never_sent(db):
    runs = Runs(db)
    done, failed, waiting = (sync_run(runs.shop_id, kind=kind) for kind in (SyncKind.HISTORY, SyncKind.INCREMENTAL,
                                                                            SyncKind.MANUAL))
    done.succeed(NOW)
    failed.fail(NOW, "the shop is disabled or gone")
    waiting.wait_for_reauthorization("SHOP_REAUTHORIZATION_REQUIRED")
    for run in (done, failed, waiting):
        runs.add(run)
    assert runs.to_send(at(1000)) == []


def test_a_run_a_live_worker_is_paging_is_not_sent_again(db):
    runs = Runs(db)
    run_id = runs.new()
    runs.sent([run_id], at(0))
    runs.worker_takes(run_id, at(80))
    assert runs.to_send(at(120)) == []
    runs.worker_lets_go()  # between two batches: the worker sent the run to itself
    assert runs.to_send(at(139)) == []
    assert runs.to_send(at(140)) == [run_id]  # nobody touched it for a lease: that message is lost


def test_a_run_whose_worker_died_is_sent_again_once_its_lease_expires(db):
    runs = Runs(db)
    run_id = runs.new()
    runs.sent([run_id], at(0))
    runs.worker_takes(run_id, at(1))
    assert runs.to_send(at(60)) == []
    assert runs.to_send(at(61)) == [run_id]
    runs.sent([run_id], at(61))
    assert runs.to_send(at(62)) == []
    assert runs.to_send(at(151)) == [run_id]


def test_a_run_blocked_behind_another_run_of_its_shop_waits_while_that_one_is_alive(db):
    runs = Runs(db)
    busy, blocked = runs.new(kind=SyncKind.HISTORY), runs.new(kind=SyncKind.MANUAL, now=at(1))
    runs.sent([busy, blocked], at(0))
    runs.worker_takes(busy, at(100))
    assert runs.to_send(at(150)) == []
    assert runs.to_send(at(160)) == [busy, blocked]
