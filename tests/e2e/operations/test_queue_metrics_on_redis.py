"""Issue 14, item 2: queue depth and the oldest message's age, read from a Redis broker."""
from __future__ import annotations

import os
import time

import pytest

from adapters.queue.broker import build_broker
from adapters.queue.metrics import QueueCollector

pytestmark = pytest.mark.redis


def test_depth_and_age_of_the_waiting_messages_per_queue():
    url = os.environ.get("ERP_TEST_REDIS_URL")
    if not url:
        pytest.skip("ERP_TEST_REDIS_URL is not set")
    broker = build_broker(url)
    from adapters.queue.actors import bind, orders

    bind(broker)
    broker.flush_all()
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
