"""Per-app rate limiting and the call log that tests and benchmarks read."""
from __future__ import annotations

import threading
import time
from collections import defaultdict, deque
from typing import Any, Callable, NamedTuple

from sandboxes.temu.errors import RATE_LIMITED, SUCCESS

MAX_LOGGED_CALLS = 200_000


class CallRecord(NamedTuple):
    """One call to a gateway. ``time`` is sandbox time (Unix seconds with a fraction), taken
    when the call's quota was checked (on arrival for calls refused before that)."""

    time: float
    app_key: str | None
    type: str | None
    gateway: str
    error_code: int

    def to_json(self) -> dict[str, Any]:
        return self._asdict()


class RateLimiter:
    """A sliding one-second window per app key, on the host's monotonic clock.

    Only admitted calls occupy the window, so a client that slows down to the quota is served
    again at once; refused calls never extend the penalty.
    """

    def __init__(self) -> None:
        self._admitted: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def admit(self, app_key: str, qps: int) -> bool:
        now = time.monotonic()
        with self._lock:
            window = self._admitted[app_key]
            while window and window[0] <= now - 1.0:
                window.popleft()
            if len(window) >= qps:
                return False
            window.append(now)
            return True

    def clear(self) -> None:
        with self._lock:
            self._admitted.clear()


class CallLog:
    """Every gateway call, accepted or refused, newest last (bounded to the last 200,000)."""

    def __init__(self) -> None:
        self._records: deque[CallRecord] = deque(maxlen=MAX_LOGGED_CALLS)
        self._lock = threading.Lock()
        self._listeners: list[Callable[[CallRecord], None]] = []

    def record(self, record: CallRecord) -> None:
        with self._lock:
            self._records.append(record)
        for listener in self._listeners:
            listener(record)

    def records(self, app_key: str | None = None) -> list[CallRecord]:
        with self._lock:
            return [r for r in self._records if app_key is None or r.app_key == app_key]

    def add_listener(self, listener: Callable[[CallRecord], None]) -> None:
        self._listeners.append(listener)

    def clear(self) -> None:
        with self._lock:
            self._records.clear()


def summarize(records: list[CallRecord]) -> dict[str, int]:
    """Counts of a call log: total, succeeded, rate-limited, other errors, and the most calls
    the gateway let through (not rate-limited) within any one second."""
    through = sorted(r.time for r in records if r.error_code != RATE_LIMITED)
    peak, start = 0, 0
    for end, t in enumerate(through):
        while through[start] <= t - 1.0:
            start += 1
        peak = max(peak, end - start + 1)
    succeeded = sum(r.error_code == SUCCESS for r in records)
    limited = len(records) - len(through)
    return {"calls": len(records), "succeeded": succeeded, "rate_limited": limited,
            "failed": len(records) - succeeded - limited, "peak_calls_per_second": peak}
