"""The SP-API usage plans, kept on our side so that we rarely meet a 429: one token bucket per
operation (``adapters/rate_buckets.py``) at the documented default rate and burst, then at the
rate Amazon reports for the seller."""
from __future__ import annotations

import threading

from adapters.rate_buckets import RateBuckets

# (requests per second, burst): the "Usage Plan" table of each operation in Amazon's models.
USAGE_PLANS: dict[str, tuple[float, int]] = {
    "getFulfillmentPreview": (2.0, 30),
    "createFulfillmentOrder": (2.0, 30),
    "listAllFulfillmentOrders": (2.0, 30),
    "getFulfillmentOrder": (2.0, 30),
    "cancelFulfillmentOrder": (2.0, 30),
    "getInventorySummaries": (2.0, 2),
}


class OperationRateLimiter(RateBuckets):
    def __init__(self, plans: dict[str, tuple[float, int]] | None = None, **options) -> None:
        super().__init__(plans or USAGE_PLANS, "Amazon", **options)


_shared: dict[str, OperationRateLimiter] = {}
_shared_lock = threading.Lock()


def shared_limiter(seller_key: str) -> OperationRateLimiter:
    """The process-wide buckets of one selling partner: usage plans count per seller and
    application, so two clients of one seller must not each spend the whole plan."""
    with _shared_lock:
        return _shared.setdefault(seller_key, OperationRateLimiter())
