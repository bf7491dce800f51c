"""The Redis rate limiter: several processes (here: limiter instances) share one budget."""
import threading
import time
import uuid

import pytest

from adapters import deadline
from adapters.temu.rate_limit import PROBE_QPS_PER_S, RedisRateLimiter, rate_after
from domain.errors import UpstreamUnavailable

from tests.redis_db import worker_redis_url

pytestmark = pytest.mark.redis


@pytest.fixture
def redis_client():
    import redis

    client = redis.Redis.from_url(worker_redis_url(flush=False))
    yield client
    client.close()


def test_limiters_of_separate_workers_share_one_budget_per_app_key(redis_client):
    app_key = f"app-{uuid.uuid4()}"
    workers = [RedisRateLimiter(redis_client, qps=20, prefix="test:temu") for _ in range(3)]
    stamps: list[float] = []
    lock = threading.Lock()

    def work(limiter):
        for _ in range(6):
            limiter.acquire(app_key)
            with lock:
                stamps.append(time.monotonic())

    threads = [threading.Thread(target=work, args=(w,)) for w in workers for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    stamps.sort()
    assert len(stamps) == 36
    assert max(sum(1 for s in stamps if t <= s < t + 1.0) for t in stamps) <= 20


def test_other_app_keys_are_not_slowed_by_a_busy_one(redis_client):
    limiter = RedisRateLimiter(redis_client, qps=20, prefix="test:temu")
    busy, idle = f"busy-{uuid.uuid4()}", f"idle-{uuid.uuid4()}"
    for _ in range(5):
        limiter.acquire(busy)
    started = time.monotonic()
    limiter.acquire(idle)
    assert time.monotonic() - started < 0.02


def test_a_queue_longer_than_the_bounded_wait_fails_fast(redis_client):
    limiter = RedisRateLimiter(redis_client, qps=20, max_wait_s=0.1, prefix="test:temu", sleep=lambda s: None)
    app_key = f"app-{uuid.uuid4()}"
    with pytest.raises(UpstreamUnavailable):
        for _ in range(10):
            limiter.acquire(app_key)


def test_a_slot_further_away_than_the_requests_time_left_is_refused_and_not_taken(redis_client):
    waits: list[float] = []
    limiter = RedisRateLimiter(redis_client, qps=20, prefix="test:temu", sleep=waits.append)
    app_key = f"app-{uuid.uuid4()}"
    for _ in range(6):
        limiter.acquire(app_key)  # slots 55 ms apart: the next is about 0.33 s away
    with deadline.within(0.1), pytest.raises(UpstreamUnavailable):
        limiter.acquire(app_key)
    assert len(waits) == 5, "the refused call waited"
    limiter.acquire(app_key)
    assert waits[-1] <= 0.33, "the slot refused was spent instead of left to the next call"


def test_an_unreachable_redis_is_reported_as_unavailable_not_a_crash():
    import redis

    limiter = RedisRateLimiter(redis.Redis(port=1, socket_connect_timeout=0.2), qps=20)
    with pytest.raises(UpstreamUnavailable, match="Redis"):
        limiter.acquire("app")


def test_a_refusal_seen_by_one_worker_slows_every_worker_of_the_app_key(redis_client):
    app_key = f"app-{uuid.uuid4()}"
    slept: list[float] = []
    refused = RedisRateLimiter(redis_client, qps=20, margin=0.0, prefix="test:temu")
    other = RedisRateLimiter(redis_client, qps=20, margin=0.0, prefix="test:temu", sleep=slept.append)
    refused.throttled(app_key)
    refused.throttled(app_key)  # within the second: no second halving
    for _ in range(3):
        other.acquire(app_key)
    pause, first, second = slept
    assert 0.9 < pause <= 1.0  # the pause after the refusal
    assert second - first == pytest.approx(0.1, abs=0.01)  # 10 calls a second, not 20


def test_the_current_rate_shown_by_the_metrics_is_the_shared_one_in_redis(redis_client):
    app_key = f"app-{uuid.uuid4()}"
    one, other = (RedisRateLimiter(redis_client, qps=20, prefix="test:temu") for _ in range(2))
    assert one.current_qps(app_key) == 20.0
    other.throttled(app_key)  # Temu refused a call of another process: every process slows down
    assert 10.0 <= one.current_qps(app_key) < 10.5


def test_a_background_call_takes_no_slot_while_calls_are_queued_and_every_process_sees_it(redis_client):
    app_key = f"app-{uuid.uuid4()}"
    pages = RedisRateLimiter(redis_client, qps=20, margin=0.0, prefix="test:temu", sleep=lambda s: None)
    addresses = RedisRateLimiter(redis_client, qps=20, margin=0.0, prefix="test:temu", sleep=lambda s: None)
    for _ in range(3):
        pages.acquire(app_key)  # three list pages: the bucket is booked 0.15 s ahead
    wait, granted = addresses._reserve(app_key, True)
    assert not granted and 0.05 < wait <= 0.15  # it would wait for the queue, and booked nothing
    next_page_wait, _ = pages._reserve(app_key, False)
    assert abs(next_page_wait - wait) < 0.02  # the next page still gets the slot after the queue


def test_the_shared_rate_climbs_back_as_the_in_process_one_does(redis_client):
    """The Lua scripts and ``AdaptiveRate`` follow one curve (``rate_after``)."""
    app_key = f"app-{uuid.uuid4()}"
    limiter = RedisRateLimiter(redis_client, qps=20, prefix="test:temu")
    limiter.throttled(app_key)  # refused at 20: 10
    rate_key = f"test:temu:{app_key}:rate"
    since = int(redis_client.hget(rate_key, "since"))
    seen = []
    for elapsed in (4, 18):
        redis_client.hset(rate_key, "since", since - elapsed * 1_000_000)
        seen.append((limiter.current_qps(app_key), rate_after(elapsed, 10, 20, 20)))
    assert [got for got, _ in seen] == pytest.approx([want for _, want in seen], abs=0.05)  # Redis's clock ran on
    assert redis_client.pttl(rate_key) > 8_000 + (20 - 18) / PROBE_QPS_PER_S * 1000 - 5_000
