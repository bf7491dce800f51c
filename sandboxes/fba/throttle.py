"""Usage plans: one token bucket per (selling partner, operation), at the documented defaults.

Rate limits run on the host's monotonic clock, so moving the sandbox clock never frees quota.
Callers hold the registry lock.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable

# (rate per second, burst) from each operation's "Usage Plan" table in the models.
USAGE_PLANS: dict[str, tuple[float, int]] = {
    "getFulfillmentPreview": (2.0, 30),
    "createFulfillmentOrder": (2.0, 30),
    "listAllFulfillmentOrders": (2.0, 30),
    "getFulfillmentOrder": (2.0, 30),
    "cancelFulfillmentOrder": (2.0, 30),
    "getPackageTrackingDetails": (2.0, 30),
    "getInventorySummaries": (2.0, 2),
}


@dataclass(slots=True)
class _Bucket:
    tokens: float
    at: float


class Throttle:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.plans = dict(USAGE_PLANS)
        self._buckets: dict[tuple[str, str], _Bucket] = {}
        self._clock = clock

    def set_plan(self, operation: str, rate: float, burst: int) -> None:
        if operation not in USAGE_PLANS:
            raise ValueError(f"Unknown operation {operation!r}: one of {', '.join(USAGE_PLANS)}.")
        if rate <= 0 or burst < 1:
            raise ValueError("rate must be above 0 and burst 1 or more.")
        self.plans[operation] = (float(rate), int(burst))
        self._buckets = {k: b for k, b in self._buckets.items() if k[1] != operation}

    def limit_header(self, operation: str) -> str:
        """The ``x-amzn-RateLimit-Limit`` value: the rate applied, in requests per second."""
        return f"{self.plans[operation][0]:g}"

    def admit(self, seller: str, operation: str) -> bool:
        rate, burst = self.plans[operation]
        now = self._clock()
        bucket = self._buckets.setdefault((seller, operation), _Bucket(float(burst), now))
        bucket.tokens = min(float(burst), bucket.tokens + (now - bucket.at) * rate)
        bucket.at = now
        if bucket.tokens < 1.0:
            return False
        bucket.tokens -= 1.0
        return True

    def reset(self) -> None:
        self.plans = dict(USAGE_PLANS)
        self._buckets.clear()
