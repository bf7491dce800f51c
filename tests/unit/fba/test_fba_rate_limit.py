"""The adapter's usage-plan buckets, on a fake clock: the burst goes at once, then calls are
spaced no closer than the plan's rate with its safety margin."""
from __future__ import annotations

import pytest

from adapters.fba.rate_limit import OperationRateLimiter


class FakeTime:
    def __init__(self) -> None:
        self.now, self.slept = 0.0, []

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 3))
        self.now += seconds


@pytest.fixture
def fake():
    return FakeTime()


def limiter(fake: FakeTime, **options) -> OperationRateLimiter:
    return OperationRateLimiter(clock=lambda: fake.now, sleep=fake.sleep, **options)


def test_the_burst_goes_at_once_then_calls_follow_the_rate_with_a_margin(fake):
    bucket = limiter(fake)
    for _ in range(4):
        bucket.acquire("getInventorySummaries")  # plan: 2 per second, burst 2
    assert fake.slept == [0.55, 0.55]  # 2/s and 10 % slower


def test_operations_have_separate_buckets(fake):
    bucket = limiter(fake, margin=0.0)
    for _ in range(30):
        bucket.acquire("createFulfillmentOrder")
    bucket.acquire("getFulfillmentOrder")
    assert fake.slept == []
    bucket.acquire("createFulfillmentOrder")
    assert fake.slept == [0.5]


def test_a_429_empties_the_bucket_and_a_reported_rate_replaces_the_default(fake):
    bucket = limiter(fake, margin=0.0)
    bucket.throttled("getFulfillmentOrder")
    bucket.adopt_rate("getFulfillmentOrder", "1")
    bucket.adopt_rate("getFulfillmentOrder", "not a number")
    bucket.acquire("getFulfillmentOrder")
    assert fake.slept == [1.0]
