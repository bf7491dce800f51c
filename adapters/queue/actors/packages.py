"""Package actors: they take ids only and are idempotent (``PushPackage`` does the next step a
package needs, or nothing; ``FollowTemu`` finds nothing left to change the second time).

A push that must wait a little (the provider down for seconds, a label still being made) sends
itself again after the wait ``PushPackage`` chose and stored on the package: that is the same
job going on (the rule of ``orders.py``). A longer wait (a 3PL parcel that leaves in days) is
left to the scheduler's sweep, which sends ``push`` when the package is due, and which also
picks up a package whose message was lost (docs/packages.md). Pushed 3PL and FBA packages are
followed by ``track``, a group a message, which the sweep alone sends."""
from __future__ import annotations

import logging

import dramatiq

from adapters.queue.runtime import services
from application.packages.push_package import RetryLater
from domain.errors import ConcurrencyConflict, NotFound, PreconditionFailed, ValidationFailed

log = logging.getLogger("erp.worker")
MAX_DELAY_S = 300.0


def backoff(seconds: float, attempt: int) -> float:
    """The growing delay of an actor that sends itself again (``uploads.py``; a package's own
    waits are chosen by ``PushPackage`` and stored on it)."""
    return min(max(seconds, 1.0) * 1.5 ** attempt, MAX_DELAY_S)


@dramatiq.actor(actor_name="packages.push", queue_name="packages", priority=10, max_retries=5, min_backoff=1_000,
                max_backoff=60_000, time_limit=300_000, throws=(PreconditionFailed, ValidationFailed, NotFound))
def push(package_id: str, attempt: int = 0) -> None:
    """Push an audited package, poll its label or its status, store its document.

    ``attempt`` only counts this message's own resends; the package keeps its own count."""
    try:
        step = services().push_package.execute(package_id)
    except ConcurrencyConflict:  # a user changed its orders meanwhile: read them again soon
        push.send_with_options(args=(package_id, attempt + 1), delay=1_000)
        return
    if isinstance(step, RetryLater) and not step.by_sweep:
        push.send_with_options(args=(package_id, attempt + 1), delay=int(step.seconds * 1000))


@dramatiq.actor(actor_name="packages.track", queue_name="tracking", priority=0, max_retries=5, min_backoff=1_000,
                max_backoff=60_000, time_limit=300_000, throws=(PreconditionFailed, ValidationFailed, NotFound))
def track(package_ids: list[str]) -> None:
    """Follow pushed 3PL and FBA packages of one warehouse in the provider's batch reads; each
    package's next look is stored on it, for the sweep (no message sends itself again)."""
    services().push_package.track(package_ids)


@dramatiq.actor(actor_name="packages.follow_order", queue_name="packages", max_retries=5, min_backoff=1_000,
                max_backoff=60_000, time_limit=60_000)
def follow_order(order_id: str) -> None:
    """Temu cancelled the order or shipped it elsewhere: its packages follow."""
    services().follow_temu.execute(order_id)


@dramatiq.actor(actor_name="packages.follow_address", queue_name="packages", max_retries=5, min_backoff=1_000,
                max_backoff=60_000, time_limit=60_000)
def follow_address(order_id: str) -> None:
    services().follow_temu.execute(order_id, address_changed=True)
