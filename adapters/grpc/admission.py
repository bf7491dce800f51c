"""Who may start a call now: the per-caller request rate, and the drain of a server stopping.

:class:`CallerRateLimit` is a token bucket per principal, kept in this process: with several
server processes behind a load balancer each one allows the configured rate, so a caller's
whole allowance is the rate times the number of processes. That is enough to stop one caller
from flooding the queue (its calls are cheap to refuse); a shared bucket (Redis) would be
needed for an exact cluster-wide rate.
"""
from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from domain.errors import RateLimited, Unavailable

SHUTDOWN_RETRY_AFTER_S = 1.0


class CallerRateLimit:
    """``rate`` requests per second per principal, ``burst`` at once. Thread-safe."""

    def __init__(self, rate: float, burst: int, clock: Callable[[], float] = time.monotonic) -> None:
        if rate <= 0 or burst < 1:
            raise ValueError("rate must be more than 0 and burst at least 1")
        self._rate, self._burst, self._clock = rate, float(burst), clock
        self._buckets: dict[str, tuple[float, float]] = {}  # principal -> (tokens, when)
        self._lock = threading.Lock()

    def admit(self, principal_id: str) -> None:
        """Take one request from the caller's allowance; ``RateLimited`` when it is spent."""
        with self._lock:
            now = self._clock()
            tokens, then = self._buckets.get(principal_id, (self._burst, now))
            tokens = min(self._burst, tokens + (now - then) * self._rate)
            if tokens < 1:
                self._buckets[principal_id] = (tokens, now)
                wait = (1 - tokens) / self._rate
                raise RateLimited(f"Too many requests from this caller; retry in {wait:.1f} s.",
                                  retry_after_s=wait, limit_per_second=f"{self._rate:g}")
            self._buckets[principal_id] = (tokens - 1, now)


class Drain:
    """Counts the calls being served, and refuses new ones once the server is stopping.

    Used on the event loop only (the call interceptor enters and leaves it there).
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._refuse_from: float | None = None
        self._in_flight, self._last_start = 0, clock()

    @contextmanager
    def call(self) -> Iterator[None]:
        """The scope of one call: refused with UNAVAILABLE (and RetryInfo) once closing."""
        self._last_start = now = self._clock()
        if self._refuse_from is not None and now >= self._refuse_from:
            raise Unavailable("The server is shutting down; retry on another one.",
                              reason="SERVER_SHUTTING_DOWN", retry_after_s=SHUTDOWN_RETRY_AFTER_S)
        self._in_flight += 1
        try:
            yield
        finally:
            self._in_flight -= 1

    @property
    def closing(self) -> bool:
        """The server is stopping: long calls (a watch) should end so that it can."""
        return self._refuse_from is not None

    async def close(self, grace: float, settle: float = 0.5, quiet: float = 0.2, poll: float = 0.02) -> None:
        """Refuse calls that start ``settle`` seconds from now or later (those sent before the
        server began to stop may still be on their way to a handler), then return once none
        is being served and none has come for ``quiet`` seconds, or after ``grace`` seconds."""
        now = self._clock()
        self._refuse_from, end = now + min(settle, grace), now + grace
        while self._clock() < end:
            now = self._clock()
            if now >= self._refuse_from and self._in_flight == 0 and now - self._last_start >= quiet:
                return
            await asyncio.sleep(poll)


class Admission:
    """What the call interceptor checks before serving: the drain, and the rate of the caller
    for the ``rated`` methods (those that start work: a sync run, a replay)."""

    def __init__(self, drain: Drain | None = None, rate: CallerRateLimit | None = None,
                 rated: frozenset[str] = frozenset()) -> None:
        self.drain, self._rate, self._rated = drain or Drain(), rate, rated

    def rate_check(self, method: str) -> Callable[[str], None] | None:
        """The check to run with the authenticated principal's id, or ``None``."""
        return self._rate.admit if self._rate is not None and method in self._rated else None
