"""Temu's budget of 20 requests per second per app key, shared by every shop (docs/temu-protocol.md §8).

Both limiters are token buckets in GCRA form: each call reserves the next free slot of its
app key and sleeps until it. With the default burst of 1 the calls are evenly spaced, and the
spacing is stretched by ``margin`` (25 %: at most 80 % of the quota) so that a thread delayed
between its slot and its request, or network jitter, cannot squeeze ``qps + 1`` calls into one
second at Temu's end.
"""
from __future__ import annotations

import threading
import time
from typing import Any, Callable, Protocol

import redis

from domain.errors import UpstreamUnavailable


class RateLimiter(Protocol):
    def acquire(self, app_key: str) -> None:
        """Block until a call for ``app_key`` may go out. Raises ``UpstreamUnavailable`` instead
        of waiting longer than the limiter's bounded wait."""
        ...


def _too_busy(wait_s: float) -> UpstreamUnavailable:
    return UpstreamUnavailable(
        f"Too many Temu calls are queued for this app key (next slot in {wait_s:.1f} s); try again later.",
        retry_after_s=max(1.0, wait_s))


class AppKeyRateLimiter:
    """In-process, thread-safe: one bucket per app key."""

    def __init__(self, qps: int = 20, *, burst: int = 1, margin: float = 0.25, max_wait_s: float = 5.0,
                 clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep):
        self._interval = (1.0 + margin) / qps
        self._tolerance = (max(1, burst) - 1) * self._interval
        self._max_wait_s = max_wait_s
        self._clock, self._sleep = clock, sleep
        self._tat: dict[str, float] = {}  # theoretical arrival time of the next call, per app key
        self._lock = threading.Lock()

    def acquire(self, app_key: str) -> None:
        wait = self._reserve(app_key)
        if wait > 0:
            self._sleep(wait)

    def _reserve(self, app_key: str) -> float:
        with self._lock:
            now = self._clock()
            tat = max(self._tat.get(app_key, now), now)
            wait = max(0.0, tat - self._tolerance - now)
            if wait > self._max_wait_s:
                raise _too_busy(wait)
            self._tat[app_key] = tat + self._interval
            return wait


_shared: dict[int, AppKeyRateLimiter] = {}
_shared_lock = threading.Lock()


def shared_limiter(qps: int) -> AppKeyRateLimiter:
    """The process-wide limiter for this budget, so that two clients of one app key cannot
    each spend the whole budget."""
    with _shared_lock:
        return _shared.setdefault(qps, AppKeyRateLimiter(qps))


# KEYS[1]: the bucket; ARGV: interval, tolerance, max wait (microseconds). Uses Redis's clock,
# so processes on machines with skewed clocks still share one schedule.
_GCRA_LUA = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then tat = now end
local wait = tat - tonumber(ARGV[2]) - now
if wait < 0 then wait = 0 end
if wait > tonumber(ARGV[3]) then return {0, wait} end
local next_tat = tat + tonumber(ARGV[1])
redis.call('SET', KEYS[1], string.format('%d', next_tat), 'PX', math.ceil((next_tat - now) / 1000) + 1000)
return {1, wait}
"""


class RedisRateLimiter:
    """The same bucket kept in Redis and updated by one atomic script, so worker processes on
    several machines share one budget per app key."""

    def __init__(self, redis_client: Any, qps: int = 20, *, burst: int = 1, margin: float = 0.25,
                 max_wait_s: float = 5.0, prefix: str = "temu:ratelimit",
                 sleep: Callable[[float], None] = time.sleep):
        interval_us = (1.0 + margin) / qps * 1_000_000
        self._args = (int(interval_us), int((max(1, burst) - 1) * interval_us), int(max_wait_s * 1_000_000))
        self._script = redis_client.register_script(_GCRA_LUA)
        self._prefix, self._sleep = prefix, sleep

    def acquire(self, app_key: str) -> None:
        granted, wait_us = self._run(app_key)
        if not granted:
            raise _too_busy(wait_us / 1_000_000)
        if wait_us > 0:
            self._sleep(wait_us / 1_000_000)

    def _run(self, app_key: str) -> tuple[int, int]:
        try:
            granted, wait_us = self._script(keys=[f"{self._prefix}:{app_key}"], args=list(self._args))
        except redis.RedisError as exc:
            raise UpstreamUnavailable(
                f"The shared Temu rate limiter (Redis) is unreachable: {type(exc).__name__}.",
                retry_after_s=5.0) from None
        return int(granted), int(wait_us)
