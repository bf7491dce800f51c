"""Under a request's deadline (a gRPC caller waiting, ``adapters.deadline``) the SP-API client
gives up when the caller does: no attempt outlives it, no retry or wait for a usage plan starts
after it."""
from __future__ import annotations

import time

import pytest

from adapters import deadline
from domain.errors import UpstreamUnavailable

SLOW_S = 3.0


def test_a_slow_amazon_is_given_up_when_the_callers_deadline_passes(fba):
    client = fba.client(timeout_s=15.0)
    client.stock(["SKU-1"])  # the access token, fetched before the clock starts
    fba.control("faults", kind="delay", operation="getInventorySummaries", seconds=SLOW_S)
    began = time.monotonic()
    with deadline.within(0.5), pytest.raises(UpstreamUnavailable):
        client.stock(["SKU-1"])
    assert time.monotonic() - began < SLOW_S, "the client waited for Amazon after its caller gave up"
    assert fba.registry.calls[("getInventorySummaries", 200)] == 2, "an attempt was sent after the deadline"


def test_a_wait_for_the_usage_plan_that_would_outlast_the_deadline_is_refused_at_once(fba):
    fba.control("usage-plans", operation="getInventorySummaries", rate=0.5, burst=2)
    client = fba.client()
    for _ in range(2):  # the burst; Amazon reports the seller's rate, 0.5/s: the next token is 2.2 s away
        client.stock(["SKU-1"])
    began = time.monotonic()
    with deadline.within(0.5), pytest.raises(UpstreamUnavailable) as caught:
        client.stock(["SKU-1"])
    assert caught.value.reason == "UPSTREAM_DEADLINE" and time.monotonic() - began < 0.5
    assert fba.registry.calls[("getInventorySummaries", 200)] == 2


def test_no_retry_starts_when_its_backoff_would_end_after_the_deadline(fba):
    client = fba.client()
    client.stock(["SKU-1"])
    fba.control("faults", kind="throttle", operation="getInventorySummaries", times=10)
    with deadline.within(0.3), pytest.raises(UpstreamUnavailable):
        client.stock(["SKU-1"])  # a 429; the plan's 2/s puts the retry 0.5 s or more away
    assert fba.registry.calls[("getInventorySummaries", 429)] == 1
