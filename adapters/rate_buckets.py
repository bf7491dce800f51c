"""Token buckets kept on our side, one per operation (or per account), so that a provider that
throttles rarely answers 429: the SP-API's usage plans (``adapters/fba/rate_limit.py``) and a
Goodcang account's rate (``adapters/threepl/goodcang_transport.py``).

Each bucket refills at its plan's rate and holds at most its burst. ``throttled()`` empties an
operation's bucket when the provider still said 429 (another process may spend the same quota),
so every thread slows down, not just the one told. Refills run ``margin`` slower than the plan
(10 %: at most 91 % of it, as for Temu's quota), so that requests delayed unevenly on the way
rarely reach the provider closer together than its bucket allows; the rare 429 empties the bucket
(``throttled``) and the call is retried. (20 % capped an Amazon-bound route at 0.83 of its
ceiling and saved no 429 in the bench against the sandbox's strict buckets: bench/README.md.)
"""
from __future__ import annotations

import threading
import time
from typing import Callable

from adapters import deadline


class RateBuckets:
    def __init__(self, plans: dict[str, tuple[float, int]], provider: str, *, margin: float = 0.1,
                 clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep):
        self._plans, self._provider = dict(plans), provider
        self._tokens = {op: float(burst) for op, (_, burst) in self._plans.items()}
        self._at = {op: clock() for op in self._plans}
        self._clock, self._sleep, self._margin = clock, sleep, margin
        self._lock = threading.Lock()

    def rate(self, operation: str) -> float:
        return self._plans[operation][0]

    def acquire(self, operation: str) -> None:
        """Block until a call of ``operation`` fits its plan, then spend one token. Under a
        request's deadline (``adapters.deadline``) a wait that would outlast it is refused at
        once, the token left for others."""
        with self._lock:
            rate, burst = self._plans[operation]
            rate /= 1.0 + self._margin
            now = self._clock()
            tokens = min(float(burst), self._tokens[operation] + (now - self._at[operation]) * rate)
            wait = max(0.0, (1.0 - tokens) / rate)
            if not deadline.room_for(wait):
                raise deadline.out_of_time(self._provider)
            self._tokens[operation], self._at[operation] = tokens - 1.0, now
        if wait > 0:
            self._sleep(wait)

    def adopt_rate(self, operation: str, header: str | None) -> None:
        """Follow the rate in ``x-amzn-RateLimit-Limit``: the plan Amazon applied to this seller,
        which may differ from the documented default. The burst stays the documented one."""
        try:
            rate = float(header) if header else 0.0
        except ValueError:
            return
        if rate > 0:
            with self._lock:
                self._plans[operation] = (rate, self._plans[operation][1])

    def throttled(self, operation: str) -> None:
        with self._lock:
            self._tokens[operation] = min(self._tokens[operation], 0.0)
            self._at[operation] = self._clock()
