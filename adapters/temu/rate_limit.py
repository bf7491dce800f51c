"""Temu's budget of 20 requests per second per app key, shared by every shop (docs/temu-protocol.md §8).

Both limiters are token buckets in GCRA form: each call reserves the next free slot of its
app key and sleeps until it. With the default burst of 1 the calls are evenly spaced, and the
spacing is stretched by ``margin`` (10 %: at most 91 % of the quota) so that a thread delayed
between its slot and its request by up to a slot, or network jitter, cannot squeeze ``qps + 1``
calls into one second at Temu's end; rarer, longer delays meet the adaptive rate below.

The configured ``qps`` is a ceiling: Temu may allow an app less. A rate-limit answer halves the
app key's rate (at most once per second: the refusals of calls already under way say nothing
new) and holds every call of the key for a second, since Temu's budget for this second is spent;
calls already waiting for a slot take a new one at the new rate. The rate it was refused at is
remembered: the rate climbs back quickly (``FAST_RECOVERY_QPS_PER_S``) to ``SETTLE`` (90 %) of
it, then probes above it slowly (``PROBE_QPS_PER_S``), so that it stays near Temu's real budget
with a refusal now and then rather than halving and crawling back (issue 9: against a Temu
allowing 5 calls/s, plain AIMD used about 72 % of the budget; this uses about 85 %, with
refusals under 2 % of the calls). Up to the ceiling, never above.

Background calls (the address fetch) yield to the others: they take a slot only when no call is
queued for one, so order-list pages keep the whole budget while a sync pages, and the address
work gets what is left; a background call waits at most ``BACKGROUND_PATIENCE`` slots before it
queues like any other, so it is never starved for long.

A call waits for its slot at most ``max_wait_s``, or the time its request has left when that is
sooner (``adapters.deadline``): a slot it could not use is refused at once and left to others.
"""
from __future__ import annotations

import threading
import time
from typing import Any, Callable, Protocol

import redis

from adapters import deadline
from adapters.temu import metrics
from domain.errors import UpstreamUnavailable

DECREASE = 0.5  # the rate is multiplied by this on a refusal
FAST_RECOVERY_QPS_PER_S = 0.3  # then climbs back this fast
SETTLE = 0.9  # up to this share of the rate Temu refused
PROBE_QPS_PER_S = 0.01  # and above it this slowly
COOLDOWN_S = 1.0  # at most one decrease per second: Temu's budget is per second
PAUSE_S = 1.0  # after a refusal, no call of the key for this long
MIN_QPS = 1.0
MARGIN = 0.1  # calls are spaced for qps / (1 + MARGIN): 91 % of the quota
BACKGROUND_PATIENCE = 100  # slots a background call lets go to others before it queues anyway


class RateLimiter(Protocol):
    def acquire(self, app_key: str, background: bool = False) -> None:
        """Block until a call for ``app_key`` may go out; a ``background`` call lets queued
        calls go first. Raises ``UpstreamUnavailable`` instead of waiting longer than the
        limiter's bounded wait or the request's time left."""
        ...

    def throttled(self, app_key: str) -> None:
        """Temu refused a call of ``app_key`` for its rate: slow down."""
        ...

    def current_qps(self, app_key: str) -> float:
        """The rate ``app_key`` may use now (for the metrics)."""
        ...


def _too_busy(wait_s: float) -> UpstreamUnavailable:
    metrics.RATE_REFUSED.inc()
    return UpstreamUnavailable(
        f"Too many Temu calls are queued for this app key (next slot in {wait_s:.1f} s); try again later.",
        retry_after_s=max(1.0, wait_s))


class AdaptiveRate:
    """The rate an app key may use at time ``now`` (seconds): ``qps`` until a refusal; after one,
    ``floor`` climbing by ``FAST_RECOVERY_QPS_PER_S`` a second to ``SETTLE`` times the rate
    refused (``refused_at``), then by ``PROBE_QPS_PER_S``."""

    def __init__(self, qps: float) -> None:
        self._qps = qps
        self._floor: float | None = None
        self._refused_at = float(qps)
        self._since = 0.0

    def at(self, now: float) -> float:
        if self._floor is None:
            return self._qps
        return rate_after(now - self._since, self._floor, self._refused_at, self._qps)

    def decrease(self, now: float) -> bool:
        """False when the last decrease was less than ``COOLDOWN_S`` ago (nothing changes)."""
        if self._floor is not None and now - self._since < COOLDOWN_S:
            return False
        self._refused_at = self.at(now)
        self._floor, self._since = max(MIN_QPS, self._refused_at * DECREASE), now
        return True


def rate_after(elapsed_s: float, floor: float, refused_at: float, ceiling: float) -> float:
    """The rate ``elapsed_s`` after a decrease to ``floor`` from ``refused_at`` (``_RATE_LUA`` too)."""
    settled = min(ceiling, refused_at * SETTLE)
    climb_s = max(0.0, settled - floor) / FAST_RECOVERY_QPS_PER_S
    if elapsed_s <= climb_s:
        return floor + FAST_RECOVERY_QPS_PER_S * elapsed_s
    return min(ceiling, max(floor, settled) + PROBE_QPS_PER_S * (elapsed_s - climb_s))


class _Limiter:
    """``acquire`` reserves a slot and sleeps until it; when this process slowed the key down
    meanwhile, the slot was spaced for the old rate, so it reserves again."""

    def __init__(self, sleep: Callable[[float], None], max_wait_s: float) -> None:
        self._sleep, self._max_wait_s = sleep, max_wait_s
        self._slowdowns: dict[str, int] = {}
        self._slowdowns_lock = threading.Lock()

    def acquire(self, app_key: str, background: bool = False) -> None:
        deferred = 0
        while True:
            seen = self._slowdowns.get(app_key, 0)
            wait, granted = self._reserve(app_key, background and deferred < BACKGROUND_PATIENCE)
            if not granted:  # calls are queued for the next slots: ask again when it is free
                deferred += 1
                self._sleep(max(0.001, wait))
                continue
            metrics.RATE_WAIT_SECONDS.observe(wait)
            if wait > 0:
                self._sleep(wait)
            if self._slowdowns.get(app_key, 0) == seen:
                return

    def throttled(self, app_key: str) -> None:
        if self._slow_down(app_key):
            with self._slowdowns_lock:
                self._slowdowns[app_key] = self._slowdowns.get(app_key, 0) + 1

    def _reserve(self, app_key: str, yield_: bool) -> tuple[float, bool]:
        """(wait, True): the slot reserved, ``wait`` seconds away; (wait, False) when ``yield_``
        and the next slot is taken: nothing reserved, the bucket is free in ``wait`` seconds.
        A slot further away than ``_max_wait()`` is not reserved: ``_too_busy`` is raised."""
        raise NotImplementedError

    def _max_wait(self) -> float:
        """The longest wait for a slot a call may take now: the bounded wait, or less when its
        request must end sooner."""
        return max(0.0, deadline.bounded(self._max_wait_s))

    def _slow_down(self, app_key: str) -> bool:
        raise NotImplementedError


class AppKeyRateLimiter(_Limiter):
    """In-process, thread-safe: one bucket and one adaptive rate per app key."""

    def __init__(self, qps: int = 20, *, burst: int = 1, margin: float = MARGIN, max_wait_s: float = 5.0,
                 clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep):
        super().__init__(sleep, max_wait_s)
        self._qps, self._burst, self._margin, self._clock = qps, max(1, burst), margin, clock
        self._tat: dict[str, float] = {}  # theoretical arrival time of the next call, per app key
        self._rates: dict[str, AdaptiveRate] = {}
        self._lock = threading.Lock()

    def _slow_down(self, app_key: str) -> bool:
        with self._lock:
            now = self._clock()
            if not self._rate(app_key).decrease(now):
                return False
            self._tat[app_key] = max(self._tat.get(app_key, now), now + PAUSE_S)
            return True

    def current_qps(self, app_key: str) -> float:
        with self._lock:
            return self._rate(app_key).at(self._clock())

    def _rate(self, app_key: str) -> AdaptiveRate:
        return self._rates.setdefault(app_key, AdaptiveRate(self._qps))

    def _reserve(self, app_key: str, yield_: bool) -> tuple[float, bool]:
        with self._lock:
            now = self._clock()
            interval = (1.0 + self._margin) / self._rate(app_key).at(now)
            tat = max(self._tat.get(app_key, now), now)
            wait = max(0.0, tat - (self._burst - 1) * interval - now)
            if yield_ and wait > 0:
                return wait, False
            if wait > self._max_wait():
                raise _too_busy(wait)
            self._tat[app_key] = tat + interval
            return wait, True


_shared: dict[int, AppKeyRateLimiter] = {}
_shared_lock = threading.Lock()


def shared_limiter(qps: int) -> AppKeyRateLimiter:
    """The process-wide limiter for this budget, so that two clients of one app key cannot
    each spend the whole budget."""
    with _shared_lock:
        return _shared.setdefault(qps, AppKeyRateLimiter(qps))


# The adaptive rate of KEYS[2] at Redis's time ``now`` (microseconds), as ``rate_after`` computes
# it; ARGV[1] is the ceiling, ARGV[2] the fast recovery, ARGV[3] the share to settle at, ARGV[4]
# the probe (qps per second). Shared by the scripts below.
_RATE_LUA = """
local ceiling, fast, settle, probe = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local function rate_at(key, now)
  local s = redis.call('HMGET', key, 'floor', 'since', 'refused_at')
  if not s[1] then return ceiling, nil end
  local floor, since = tonumber(s[1]), tonumber(s[2])
  local elapsed = (now - since) / 1000000
  local settled = math.min(ceiling, (tonumber(s[3]) or ceiling) * settle)
  local climb = math.max(0, settled - floor) / fast
  if elapsed <= climb then return floor + fast * elapsed, since end
  return math.min(ceiling, math.max(floor, settled) + probe * (elapsed - climb)), since
end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local rate, since = rate_at(KEYS[2], now)
"""

# KEYS: the bucket, the rate; ARGV: the rate's four, margin, burst, max wait (us), yield (1: let
# queued calls go first). Returns {granted (1) / too busy (0) / yielded (2), wait (us)}. Uses
# Redis's clock, so processes on machines with skewed clocks still share one schedule.
_GCRA_LUA = _RATE_LUA + """
local interval = (1 + tonumber(ARGV[5])) / rate * 1000000
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then tat = now end
local wait = tat - (tonumber(ARGV[6]) - 1) * interval - now
if wait < 0 then wait = 0 end
if ARGV[8] == '1' and wait > 0 then return {2, math.floor(wait)} end
if wait > tonumber(ARGV[7]) then return {0, math.floor(wait)} end
local next_tat = tat + interval
redis.call('SET', KEYS[1], string.format('%d', next_tat), 'PX', math.ceil((next_tat - now) / 1000) + 1000)
return {1, math.floor(wait)}
"""

# KEYS: the bucket, the rate; ARGV: the rate's four. The rate now, as text (Lua numbers
# become whole numbers in a Redis reply).
_CURRENT_LUA = _RATE_LUA + """
return tostring(rate)
"""

# KEYS: the bucket, the rate; ARGV: the rate's four, decrease, cooldown (us), minimum, pause (us).
# The rate's hash expires once the rate is back at the ceiling.
_THROTTLED_LUA = _RATE_LUA + """
if since and now - since < tonumber(ARGV[6]) then return 0 end
local floor = math.max(tonumber(ARGV[7]), rate * tonumber(ARGV[5]))
local settled = math.min(ceiling, rate * settle)
local recovered = math.max(0, settled - floor) / fast + (ceiling - math.max(floor, settled)) / probe
redis.call('HSET', KEYS[2], 'floor', string.format('%.6f', floor), 'since', string.format('%d', now),
           'refused_at', string.format('%.6f', rate))
redis.call('PEXPIRE', KEYS[2], math.ceil(recovered * 1000) + 1000)
local tat = math.max(tonumber(redis.call('GET', KEYS[1]) or '0'), now + tonumber(ARGV[8]))
redis.call('SET', KEYS[1], string.format('%d', tat), 'PX', math.ceil((tat - now) / 1000) + 1000)
return 1
"""


class RedisRateLimiter(_Limiter):
    """The same bucket and adaptive rate kept in Redis and updated by atomic scripts, so worker
    processes on several machines share one budget per app key, and a refusal one process sees
    slows them all down."""

    def __init__(self, redis_client: Any, qps: int = 20, *, burst: int = 1, margin: float = MARGIN,
                 max_wait_s: float = 5.0, prefix: str = "temu:ratelimit",
                 sleep: Callable[[float], None] = time.sleep):
        super().__init__(sleep, max_wait_s)
        rate_args = [qps, FAST_RECOVERY_QPS_PER_S, SETTLE, PROBE_QPS_PER_S]
        self._rate_args = rate_args
        self._acquire_args = [*rate_args, margin, max(1, burst)]
        self._throttled_args = [*rate_args, DECREASE, int(COOLDOWN_S * 1_000_000), MIN_QPS, int(PAUSE_S * 1_000_000)]
        self._acquire = redis_client.register_script(_GCRA_LUA)
        self._throttled = redis_client.register_script(_THROTTLED_LUA)
        self._current = redis_client.register_script(_CURRENT_LUA)
        self._prefix = prefix

    def _reserve(self, app_key: str, yield_: bool) -> tuple[float, bool]:
        args = [*self._acquire_args, int(self._max_wait() * 1_000_000), 1 if yield_ else 0]
        granted, wait_us = self._run(self._acquire, app_key, args)
        if not granted:
            raise _too_busy(wait_us / 1_000_000)
        return wait_us / 1_000_000, granted == 1

    def current_qps(self, app_key: str) -> float:
        return float(self._run(self._current, app_key, self._rate_args))

    def _slow_down(self, app_key: str) -> bool:
        return bool(self._run(self._throttled, app_key, self._throttled_args))

    def _run(self, script: Any, app_key: str, args: list) -> Any:
        keys = [f"{self._prefix}:{app_key}", f"{self._prefix}:{app_key}:rate"]
        try:
            result = script(keys=keys, args=args)
        except redis.RedisError as exc:
            raise UpstreamUnavailable(
                f"The shared Temu rate limiter (Redis) is unreachable: {type(exc).__name__}.",
                retry_after_s=5.0) from None
        return (int(result[0]), int(result[1])) if isinstance(result, list) else result
