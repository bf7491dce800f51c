"""Under a request's deadline (a gRPC caller waiting, ``adapters.deadline``) the Goodcang client
gives up when the caller does: no attempt outlives it, no retry or rate wait starts after it."""
from __future__ import annotations

import time

import pytest

from adapters import deadline
from adapters.threepl.goodcang import GoodcangClient
from adapters.threepl.goodcang_config import GoodcangConfig
from domain.errors import UpstreamUnavailable
from sandboxes.goodcang import DEMO_APP_KEY, DEMO_APP_TOKEN, GoodcangSandbox

WAREHOUSES = "base_data/get_warehouse"
SLOW_S = 3.0


def patient_client(sandbox: GoodcangSandbox, **options) -> GoodcangClient:
    """A client whose own timeouts are far longer than the caller's deadline in these tests."""
    return GoodcangClient(GoodcangConfig(DEMO_APP_KEY, DEMO_APP_TOKEN, base_url=sandbox.base_url, timeout_s=15.0,
                                         deadline_s=60.0, max_retries=5, **options))


def test_a_slow_goodcang_is_given_up_when_the_callers_deadline_passes(sandbox: GoodcangSandbox) -> None:
    sandbox.registry.inject_fault("delay", path=WAREHOUSES, seconds=SLOW_S)
    client = patient_client(sandbox, qps=1000)
    began = time.monotonic()
    with deadline.within(0.5), pytest.raises(UpstreamUnavailable):
        client.warehouses()
    assert time.monotonic() - began < SLOW_S, "the client waited for Goodcang after its caller gave up"
    assert len(sandbox.registry.calls(WAREHOUSES)) == 1, "an attempt was sent after the caller's deadline"
    client.close()


def test_no_retry_starts_when_goodcang_asks_for_a_wait_longer_than_the_time_left(sandbox: GoodcangSandbox) -> None:
    sandbox.registry.inject_fault("rate_limit", path=WAREHOUSES, times=None)  # Retry-After: 1
    client = patient_client(sandbox, qps=1000)
    with deadline.within(0.5), pytest.raises(UpstreamUnavailable):
        client.warehouses()
    assert len(sandbox.registry.calls(WAREHOUSES)) == 1
    client.close()


def test_a_wait_for_the_accounts_rate_that_would_outlast_the_deadline_is_refused_at_once(
        sandbox: GoodcangSandbox) -> None:
    sandbox.registry.add_account(DEMO_APP_KEY, "slow-rate-token", qps=1)
    client = GoodcangClient(GoodcangConfig(DEMO_APP_KEY, "slow-rate-token", base_url=sandbox.base_url, qps=0.5))
    client.warehouses()  # the bucket's one token: the next call may go 2.2 s later
    began = time.monotonic()
    with deadline.within(0.5), pytest.raises(UpstreamUnavailable) as caught:
        client.warehouses()
    assert caught.value.reason == "UPSTREAM_DEADLINE" and time.monotonic() - began < 0.5
    assert len(sandbox.registry.calls(WAREHOUSES)) == 1
    client.close()
