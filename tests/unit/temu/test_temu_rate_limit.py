"""The app-key rate limiter: evenly spaced calls, one budget per app key, a bounded wait, and a
rate that halves when Temu refuses, climbs back quickly to just under the rate refused and
probes above it slowly."""
import threading
import time

import pytest

from adapters import deadline
from adapters.temu.rate_limit import FAST_RECOVERY_QPS_PER_S, PROBE_QPS_PER_S, AppKeyRateLimiter
from domain.errors import UpstreamUnavailable


class FakeTime:
    def __init__(self):
        self.now = 100.0
        self.slept: list[float] = []

    def clock(self):
        return self.now

    def sleep(self, seconds):
        self.slept.append(round(seconds, 6))


def limiter(fake, **kw):
    return AppKeyRateLimiter(20, margin=0.0, clock=fake.clock, sleep=fake.sleep, **kw)


def test_calls_of_one_app_key_are_spaced_one_twentieth_of_a_second_apart():
    fake = FakeTime()
    bucket = limiter(fake)
    for _ in range(4):
        bucket.acquire("app")
    assert fake.slept == [0.05, 0.1, 0.15]


def test_each_app_key_has_its_own_budget():
    fake = FakeTime()
    bucket = limiter(fake)
    bucket.acquire("app-a")
    bucket.acquire("app-b")
    assert fake.slept == []


def test_a_burst_allowance_lets_that_many_calls_through_at_once():
    fake = FakeTime()
    bucket = limiter(fake, burst=3)
    for _ in range(4):
        bucket.acquire("app")
    assert fake.slept == [0.05]


def test_an_idle_bucket_does_not_bank_unused_slots():
    fake = FakeTime()
    bucket = limiter(fake)
    bucket.acquire("app")
    fake.now += 60
    bucket.acquire("app")
    bucket.acquire("app")
    assert fake.slept == [0.05]


def test_a_queue_longer_than_the_bounded_wait_fails_fast_as_unavailable():
    fake = FakeTime()
    bucket = limiter(fake, max_wait_s=0.1)
    for _ in range(3):
        bucket.acquire("app")
    with pytest.raises(UpstreamUnavailable) as caught:
        bucket.acquire("app")
    assert caught.value.retry_after_s >= 1


def test_a_slot_further_away_than_the_requests_time_left_is_refused_at_once_and_left_to_others():
    fake = FakeTime()
    bucket = limiter(fake)
    for _ in range(6):
        bucket.acquire("app")  # the next slot is 0.3 s away
    with deadline.within(0.2), pytest.raises(UpstreamUnavailable):
        bucket.acquire("app")
    assert fake.slept == [0.05, 0.1, 0.15, 0.2, 0.25]  # the refused call did not wait
    bucket.acquire("app")
    assert fake.slept[-1] == 0.3  # the slot it was refused is the next call's


def test_threads_sharing_one_limiter_never_exceed_the_rate_together():
    bucket = AppKeyRateLimiter(50, margin=0.0)
    stamps: list[float] = []
    lock = threading.Lock()

    def worker():
        for _ in range(5):
            bucket.acquire("app")
            with lock:
                stamps.append(time.monotonic())

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    stamps.sort()
    assert stamps[-1] - stamps[0] >= 19 * 0.02 * 0.9


def test_a_refusal_holds_the_key_for_a_second_then_spaces_its_calls_twice_as_far():
    fake = FakeTime()
    bucket = limiter(fake)
    bucket.acquire("app")
    bucket.throttled("app")
    bucket.acquire("app")
    bucket.acquire("app")
    assert fake.slept == [1.0, 1.1]  # the pause, then 10 calls a second


def test_refusals_within_a_second_of_a_slowdown_do_not_slow_down_again():
    fake = FakeTime()
    bucket = limiter(fake)
    bucket.throttled("app")
    fake.now += 0.5
    bucket.throttled("app")  # a call already under way at the old rate
    fake.now += 2.0
    bucket.acquire("app")
    bucket.acquire("app")
    assert fake.slept == [pytest.approx(1 / (10 + FAST_RECOVERY_QPS_PER_S * 2.5), abs=1e-6)]


def test_the_rate_recovers_to_the_configured_budget_and_no_further():
    fake = FakeTime()
    bucket = limiter(fake)
    bucket.throttled("app")
    fake.now += 10_000
    bucket.acquire("app")
    bucket.acquire("app")
    assert fake.slept == [0.05]


def test_after_a_refusal_the_rate_climbs_back_quickly_to_nine_tenths_of_the_rate_refused_then_probes_slowly():
    """Issue 9, item 3: halving and climbing back at 0.1 call/s a second used 72 % of a budget of
    5 calls/s. Temu's budget is about the rate it refused, so the climb to just under it is quick."""
    fake = FakeTime()
    bucket = limiter(fake)
    bucket.throttled("app")  # refused at 20: down to 10, back to 18 quickly
    climb = (18 - 10) / FAST_RECOVERY_QPS_PER_S
    rates = []
    for elapsed in (climb / 2, climb, climb + 10):
        fake.now = 100 + elapsed
        rates.append(bucket.current_qps("app"))
    refused = rates[-1]
    bucket.throttled("app")  # refused at 18.1: down to 9.05, back to 16.29
    fake.now += (0.9 - 0.5) * refused / FAST_RECOVERY_QPS_PER_S + 10
    rates.append(bucket.current_qps("app"))
    assert rates == pytest.approx([14, 18, 18 + 10 * PROBE_QPS_PER_S, 0.9 * refused + 10 * PROBE_QPS_PER_S])


def test_a_slowdown_of_one_app_key_leaves_the_others_at_full_rate():
    fake = FakeTime()
    bucket = limiter(fake)
    bucket.throttled("slow")
    bucket.acquire("fast")
    bucket.acquire("fast")
    assert fake.slept == [0.05]


class AdvancingTime(FakeTime):
    """Sleeping moves the clock; ``on_sleep`` plays another thread acting meanwhile."""

    on_sleep = None

    def sleep(self, seconds):
        super().sleep(seconds)
        self.now += seconds
        if (act := self.on_sleep) is not None:
            self.on_sleep = None
            act()


def test_a_list_page_asked_while_an_address_call_waits_for_a_slot_goes_first():
    fake = AdvancingTime()
    bucket = limiter(fake)
    bucket.acquire("app")  # a list page: the next slot is 50 ms away
    went = {}

    def page_arrives():
        bucket.acquire("app")
        went["page"] = round(fake.now - 100, 6)

    fake.on_sleep = page_arrives  # while the address call waits
    bucket.acquire("app", background=True)
    went["address"] = round(fake.now - 100, 6)
    assert went == {"page": 0.05, "address": 0.1}


def test_a_background_call_on_an_idle_bucket_goes_at_once():
    fake = AdvancingTime()
    bucket = limiter(fake)
    bucket.acquire("app", background=True)
    assert fake.slept == []


def test_a_background_call_queues_like_any_other_once_its_patience_is_spent():
    fake = FakeTime()  # time never moves: the queue never drains
    bucket = limiter(fake)
    bucket.acquire("app")
    bucket.acquire("app", background=True)
    from adapters.temu.rate_limit import BACKGROUND_PATIENCE

    assert len(fake.slept) == BACKGROUND_PATIENCE + 1  # its deferrals, then its reserved slot's wait
