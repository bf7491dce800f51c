"""Issue 14, item 2: queue depth and the oldest message's age, read from a Redis broker."""
from __future__ import annotations

import time

import pytest

from adapters.queue.broker import build_broker
from adapters.queue.metrics import QueueCollector
from tests.redis_db import worker_redis_url

pytestmark = pytest.mark.redis


def test_depth_and_age_of_the_waiting_messages_per_queue():
    broker = build_broker(worker_redis_url())
    from adapters.queue.actors import bind, orders

    bind(broker)
    try:
        orders.sync_run.send("run-1")
        orders.sync_run.send("run-2")
        orders.sync_run.send_with_options(args=("run-3",), delay=60_000)  # a retry later: waits by design
        time.sleep(0.05)
        families = {f.name: f for f in QueueCollector(broker).collect()}
        depth = {s.labels["queue"]: s.value for s in families["erp_queue_messages"].samples}
        age = {s.labels["queue"]: s.value for s in families["erp_queue_oldest_message_age_seconds"].samples}
        assert (depth["orders"], depth["orders.DQ"], depth["addresses"]) == (2, 1, 0)
        assert 0.05 <= age["orders"] < 60 and age["addresses"] == 0 and "orders.DQ" not in age
    finally:
        broker.flush_all()
        broker.close()
