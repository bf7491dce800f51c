"""Packages have worker threads of their own, a pool per warehouse kind: a backlog of pushes,
each waiting in its provider's rate bucket (Amazon's stock read and create are 2/s), never holds
the threads an order sync needs nor those of another provider's packages, and a look at pushed
packages goes before the pushes of its kind still waiting (a package tracked to SHIPPED is work
finished; a push starts more)."""
from __future__ import annotations

import threading

from adapters.queue import runtime
from adapters.queue.actors import bind, orders, packages
from adapters.queue.broker import build_broker, start_consumers
from application.packages.push_package import Done, Elsewhere
from domain.warehouse import WarehouseKind
from tests.integration.sync.test_sync_not_behind_addresses import BlockedAddresses, RecordedSync

THREADS = 4  # the packages have as many threads of their own


class ThrottledPushes:
    """Every push waits until released, like pushes queued in Amazon's 2/s bucket; the looks
    at pushed packages are recorded in the order the workers take them."""

    def __init__(self, kinds: dict[str, WarehouseKind] | None = None) -> None:
        self.release, self.waiting = threading.Event(), threading.Semaphore(0)
        self.order: list[str] = []
        self.tracked = threading.Event()
        self.kinds = kinds or {}  # package id -> its warehouse's kind, when not an own warehouse
        self.done = threading.Event()

    def execute(self, package_id: str, kind: WarehouseKind | None = None) -> Done | Elsewhere:
        mine = self.kinds.get(package_id, WarehouseKind.OWN)
        if kind is not None and mine is not kind:
            return Elsewhere(mine)
        if package_id.startswith("free"):
            self.order.append(package_id)
            self.done.set()
            return Done.DONE
        self.order.append(package_id)
        self.waiting.release()
        self.release.wait(30)
        return Done.DONE

    def track(self, package_ids: list[str]) -> None:
        self.order.append(",".join(package_ids))
        self.tracked.set()


def consuming(services: runtime.Services, threads: int):
    broker = build_broker(None)
    bind(broker)
    runtime.configure(services)
    return broker, start_consumers(broker, threads)


def consuming_pushes(pushes: ThrottledPushes, sync: RecordedSync | None = None):
    return consuming(runtime.Services(run_sync=sync or RecordedSync(), schedule_syncs=None, check_token_expiry=None,
                                      fetch_addresses=BlockedAddresses(), resume_runs=None, push_package=pushes),
                     THREADS)


def hold_every_thread(pushes: ThrottledPushes, actor, prefix: str, count: int) -> None:
    """``count`` pushes sent to ``actor``, and every thread of its pool holding one of them."""
    for i in range(count):
        actor.send(f"{prefix}-{i}")
    for _ in range(THREADS):
        assert pushes.waiting.acquire(timeout=20)


def stop(broker, consumers) -> None:
    for consumer in consumers:
        consumer.stop(timeout=10_000)
    broker.close()


def test_a_sync_runs_while_every_package_thread_waits_on_a_provider():
    pushes, sync = ThrottledPushes(), RecordedSync()
    broker, consumers = consuming_pushes(pushes, sync)
    try:
        hold_every_thread(pushes, packages.push, "package", THREADS * 5)
        orders.sync_run.send("run-1")
        assert sync.ran.wait(20) and not pushes.release.is_set()
    finally:
        pushes.release.set()
        stop(broker, consumers)


def test_a_look_at_pushed_packages_goes_before_the_pushes_already_waiting():
    pushes = ThrottledPushes()
    broker, consumers = consuming_pushes(pushes)
    threads = THREADS
    try:
        hold_every_thread(pushes, packages.push_fba, "held", threads)
        for i in range(3):
            packages.push_fba.send(f"later-{i}")
        packages.track_fba.send(["pushed-1", "pushed-2"])
        while broker.queues["tracking_fba"].qsize():
            threading.Event().wait(0.01)  # the workers have taken the look from its queue
        threading.Event().wait(0.2)
        pushes.release.set()
        assert pushes.tracked.wait(20)
        assert pushes.order[threads] == "pushed-1,pushed-2", pushes.order
    finally:
        pushes.release.set()
        stop(broker, consumers)


def test_a_goodcang_push_goes_out_while_every_fba_thread_waits_in_amazons_bucket():
    """The outbox sends every audited package to ``packages.push``; each goes on to its kind's
    workers, so Amazon's backlog holds neither Goodcang's packages nor the own warehouse's."""
    kinds = {f"fba-{i}": WarehouseKind.FBA for i in range(THREADS * 3)} | {"free-3pl": WarehouseKind.THIRD_PARTY}
    pushes = ThrottledPushes(kinds)
    broker, consumers = consuming_pushes(pushes)
    try:
        hold_every_thread(pushes, packages.push, "fba", THREADS * 3)  # every FBA thread holds a push
        packages.push.send("free-3pl")
        assert pushes.done.wait(20), pushes.order
        assert not pushes.release.is_set() and pushes.order[-1] == "free-3pl"
        pushes.done.clear()
        packages.push.send("free-own")
        assert pushes.done.wait(20) and pushes.order[-1] == "free-own"
    finally:
        pushes.release.set()
        stop(broker, consumers)
