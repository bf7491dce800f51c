"""The SP-API usage plans, kept on our side so that we rarely meet a 429.

One token bucket per operation at the documented default rate and burst, then at the rate
Amazon reports for the seller. ``throttled()`` empties an operation's bucket when Amazon still
said 429 (another process may spend the same quota), so every thread slows down, not just the
one told. Refills run ``margin`` slower than the plan (20 %: at most 83 % of it), so that
requests delayed unevenly on the way cannot reach Amazon closer together than its bucket allows.
"""
from __future__ import annotations

import threading
import time
from typing import Callable

# (requests per second, burst): the "Usage Plan" table of each operation in Amazon's models.
USAGE_PLANS: dict[str, tuple[float, int]] = {
    "getFulfillmentPreview": (2.0, 30),
    "createFulfillmentOrder": (2.0, 30),
    "listAllFulfillmentOrders": (2.0, 30),
    "getFulfillmentOrder": (2.0, 30),
    "cancelFulfillmentOrder": (2.0, 30),
    "getInventorySummaries": (2.0, 2),
}


class OperationRateLimiter:
    def __init__(self, plans: dict[str, tuple[float, int]] | None = None, *, margin: float = 0.2,
                 clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep):
        self._plans = dict(plans or USAGE_PLANS)
        self._tokens = {op: float(burst) for op, (_, burst) in self._plans.items()}
        self._at = {op: clock() for op in self._plans}
        self._clock, self._sleep, self._margin = clock, sleep, margin
        self._lock = threading.Lock()

    def rate(self, operation: str) -> float:
        return self._plans[operation][0]

    def acquire(self, operation: str) -> None:
        """Block until a call of ``operation`` fits its plan, then spend one token."""
        with self._lock:
            rate, burst = self._plans[operation]
            rate /= 1.0 + self._margin
            now = self._clock()
            tokens = min(float(burst), self._tokens[operation] + (now - self._at[operation]) * rate)
            wait = max(0.0, (1.0 - tokens) / rate)
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


_shared: dict[str, OperationRateLimiter] = {}
_shared_lock = threading.Lock()


def shared_limiter(seller_key: str) -> OperationRateLimiter:
    """The process-wide buckets of one selling partner: usage plans count per seller and
    application, so two clients of one seller must not each spend the whole plan."""
    with _shared_lock:
        return _shared.setdefault(seller_key, OperationRateLimiter())
