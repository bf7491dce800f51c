"""Package actors: they take ids only and are idempotent (``PushPackage`` does the next step a
package needs, or nothing; ``FollowTemu`` finds nothing left to change the second time).

A push that must wait a little (the provider down for seconds, a label still being made) sends
itself again after the wait ``PushPackage`` chose and stored on the package: that is the same
job going on (the rule of ``orders.py``). A longer wait (a 3PL parcel that leaves in days) is
left to the scheduler's sweep, which sends ``push`` when the package is due, and which also
picks up a package whose message was lost (docs/packages.md). Pushed 3PL and FBA packages are
followed by ``track``, a group a message, which the sweep alone sends.

Each warehouse kind has its own push and tracking actors, on queues that its own worker threads
consume (``broker.start_consumers``): a push waits in its provider's rate bucket (Amazon's stock
read and create, 2/s each), and with one queue for all, Amazon's backlog held every thread while
Goodcang's packages, allowed 10 calls a second, waited behind it (bench/README.md)."""
from __future__ import annotations

import logging

import dramatiq

from adapters.queue.runtime import services
from application.packages.push_package import Elsewhere, RetryLater
from domain.errors import ConcurrencyConflict, NotFound, PreconditionFailed, ValidationFailed
from domain.warehouse import WarehouseKind

log = logging.getLogger("erp.worker")
MAX_DELAY_S = 300.0


def backoff(seconds: float, attempt: int) -> float:
    """The growing delay of an actor that sends itself again (``uploads.py``; a package's own
    waits are chosen by ``PushPackage`` and stored on it)."""
    return min(max(seconds, 1.0) * 1.5 ** attempt, MAX_DELAY_S)


def _push(kind: WarehouseKind, package_id: str, attempt: int) -> None:
    """Push an audited package, poll its label or its status, store its document.

    ``attempt`` only counts this message's own resends; the package keeps its own count."""
    try:
        step = services().push_package.execute(package_id, kind)
    except ConcurrencyConflict:  # a user changed its orders meanwhile: read them again soon
        PUSH[kind].send_with_options(args=(package_id, attempt + 1), delay=1_000)
        return
    if isinstance(step, Elsewhere):
        PUSH[step.kind].send(package_id)
    elif isinstance(step, RetryLater) and not step.by_sweep:
        PUSH[kind].send_with_options(args=(package_id, attempt + 1), delay=int(step.seconds * 1000))


_OPTIONS = dict(max_retries=5, min_backoff=1_000, max_backoff=60_000, time_limit=300_000,
                throws=(PreconditionFailed, ValidationFailed, NotFound))
_PUSH_OPTIONS = dict(_OPTIONS, priority=10)
_TRACK_OPTIONS = dict(_OPTIONS, priority=0)  # a look at pushed packages goes before a push of its kind


@dramatiq.actor(actor_name="packages.push", queue_name="packages", **_PUSH_OPTIONS)
def push(package_id: str, attempt: int = 0) -> None:
    """Own warehouses' packages; the outbox sends every audited package here, and a 3PL or FBA
    one is handed on to its kind's workers."""
    _push(WarehouseKind.OWN, package_id, attempt)


@dramatiq.actor(actor_name="packages.push_3pl", queue_name="packages_3pl", **_PUSH_OPTIONS)
def push_3pl(package_id: str, attempt: int = 0) -> None:
    _push(WarehouseKind.THIRD_PARTY, package_id, attempt)


@dramatiq.actor(actor_name="packages.push_fba", queue_name="packages_fba", **_PUSH_OPTIONS)
def push_fba(package_id: str, attempt: int = 0) -> None:
    _push(WarehouseKind.FBA, package_id, attempt)


PUSH = {WarehouseKind.OWN: push, WarehouseKind.THIRD_PARTY: push_3pl, WarehouseKind.FBA: push_fba}


@dramatiq.actor(actor_name="packages.track_3pl", queue_name="tracking_3pl", **_TRACK_OPTIONS)
def track_3pl(package_ids: list[str]) -> None:
    """Follow pushed packages of one warehouse in the provider's batch reads; each package's next
    look is stored on it, for the sweep (no message sends itself again)."""
    services().push_package.track(package_ids)


@dramatiq.actor(actor_name="packages.track_fba", queue_name="tracking_fba", **_TRACK_OPTIONS)
def track_fba(package_ids: list[str]) -> None:
    services().push_package.track(package_ids)


TRACK = {WarehouseKind.THIRD_PARTY: track_3pl, WarehouseKind.FBA: track_fba}


@dramatiq.actor(actor_name="packages.follow_order", queue_name="packages", max_retries=5, min_backoff=1_000,
                max_backoff=60_000, time_limit=60_000)
def follow_order(order_id: str) -> None:
    """Temu cancelled the order or shipped it elsewhere: its packages follow."""
    services().follow_temu.execute(order_id)


@dramatiq.actor(actor_name="packages.follow_address", queue_name="packages", max_retries=5, min_backoff=1_000,
                max_backoff=60_000, time_limit=60_000)
def follow_address(order_id: str) -> None:
    services().follow_temu.execute(order_id, address_changed=True)
