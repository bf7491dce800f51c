"""Issue 9, item 2: an order-list page never waits behind a backlog of address batches, and a
"sync now" never behind the 30-day histories."""
from __future__ import annotations

import threading

from adapters.queue import runtime
from adapters.queue.actors import bind, orders
from adapters.queue.broker import build_broker, start_consumers
from application.orders.fetch_addresses import Fetched
from application.orders.run_sync import Outcome

THREADS = 4


class BlockedAddresses:
    """Every address batch hangs until released, like batches waiting on a slow Temu."""

    def __init__(self) -> None:
        self.release = threading.Event()

    def execute(self, shop_id: str) -> Fetched:
        self.release.wait(30)
        return Fetched.DONE


class RecordedSync:
    def __init__(self) -> None:
        self.ran = threading.Event()

    def execute(self, run_id: str) -> Outcome:
        self.ran.set()
        return Outcome.DONE


def test_a_sync_page_runs_while_every_address_batch_of_a_long_backlog_is_still_stuck():
    broker = build_broker(None)
    bind(broker)
    addresses, sync = BlockedAddresses(), RecordedSync()
    runtime.configure(runtime.Services(run_sync=sync, schedule_syncs=None, check_token_expiry=None,
                                       fetch_addresses=addresses, resume_runs=None, prune_events=None))
    consumers = start_consumers(broker, THREADS)
    try:
        for i in range(THREADS * 3):
            orders.fetch_addresses.send(f"shop-{i}")
        orders.sync_run.send("run-1")
        sync_ran = sync.ran.wait(20)
        assert sync_ran and not addresses.release.is_set()
    finally:
        addresses.release.set()
        for consumer in consumers:
            consumer.stop(timeout=10_000)
        broker.close()


class OrderedSync:
    """The first run hangs until released (a worker busy on a history page); later runs are
    recorded in the order the worker takes them."""

    def __init__(self) -> None:
        self.release, self.started, self.order = threading.Event(), threading.Event(), []
        self.all_done = threading.Event()

    def execute(self, run_id: str) -> Outcome:
        if not self.started.is_set():
            self.started.set()
            self.release.wait(30)
            return Outcome.DONE
        self.order.append(run_id)
        if len(self.order) == 4:
            self.all_done.set()
        return Outcome.DONE


def test_a_sync_now_goes_before_the_history_pages_already_waiting_for_the_same_worker():
    broker = build_broker(None)
    bind(broker)
    sync = OrderedSync()
    runtime.configure(runtime.Services(run_sync=sync, schedule_syncs=None, check_token_expiry=None,
                                       fetch_addresses=BlockedAddresses(), resume_runs=None))
    consumers = start_consumers(broker, 1)
    try:
        orders.sync_history.send("history-0")
        assert sync.started.wait(20)
        for i in (1, 2, 3):
            orders.sync_history.send(f"history-{i}")
        orders.sync_run.send("sync-now")
        while broker.queues["orders"].qsize():  # the worker has taken it from its queue
            threading.Event().wait(0.01)
        threading.Event().wait(0.2)
        sync.release.set()
        assert sync.all_done.wait(20)
        assert sync.order[0] == "sync-now"
    finally:
        sync.release.set()
        for consumer in consumers:
            consumer.stop(timeout=10_000)
        broker.close()
