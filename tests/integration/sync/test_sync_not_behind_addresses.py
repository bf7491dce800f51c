"""Issue 9, item 2: an order-list page never waits behind a backlog of address batches."""
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
