"""Package actors: they take ids only and are idempotent (``PushPackage`` does the next step a
package needs, or nothing; ``FollowTemu`` finds nothing left to change the second time).

A push that must wait (the provider down, a label still being made) sends itself again with a
growing delay: that is the same job going on (the rule of ``orders.py``)."""
from __future__ import annotations

import logging

import dramatiq

from adapters.queue.runtime import services
from application.packages.push_package import RetryLater
from domain.errors import ConcurrencyConflict, NotFound, PreconditionFailed, ValidationFailed

log = logging.getLogger("erp.worker")
MAX_DELAY_S = 300.0
MAX_ATTEMPTS = 60  # about four hours of waiting at the longest delay; the package says why it waits


def backoff(seconds: float, attempt: int) -> float:
    return min(max(seconds, 1.0) * 1.5 ** attempt, MAX_DELAY_S)


@dramatiq.actor(actor_name="packages.push", queue_name="packages", max_retries=5, min_backoff=1_000,
                max_backoff=60_000, time_limit=300_000, throws=(PreconditionFailed, ValidationFailed, NotFound))
def push(package_id: str, attempt: int = 0) -> None:
    """Push an audited package, poll its label, store its document."""
    try:
        step = services().push_package.execute(package_id)
    except ConcurrencyConflict:  # a user changed its orders meanwhile: read them again soon
        push.send_with_options(args=(package_id, attempt + 1), delay=1_000)
        return
    if isinstance(step, RetryLater):
        if attempt >= MAX_ATTEMPTS:
            log.warning("package %s: still waiting after %d tries (%s); audit it again to retry", package_id,
                        attempt, step.reason)
            return
        push.send_with_options(args=(package_id, attempt + 1), delay=int(backoff(step.seconds, attempt) * 1000))


@dramatiq.actor(actor_name="packages.follow_order", queue_name="packages", max_retries=5, min_backoff=1_000,
                max_backoff=60_000, time_limit=60_000)
def follow_order(order_id: str) -> None:
    """Temu cancelled the order or shipped it elsewhere: its packages follow."""
    services().follow_temu.execute(order_id)


@dramatiq.actor(actor_name="packages.follow_address", queue_name="packages", max_retries=5, min_backoff=1_000,
                max_backoff=60_000, time_limit=60_000)
def follow_address(order_id: str) -> None:
    services().follow_temu.execute(order_id, address_changed=True)
