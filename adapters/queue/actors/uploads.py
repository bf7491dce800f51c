"""Mark-shipped actors: ids only, idempotent. ``uploads.send`` does the next step of one
platform order's upload (nothing for one already done); ``uploads.follow_tracking`` asks the
gate when a package got its tracking number (automatic marking); ``uploads.carrier_mapped`` when a
channel got its Temu carrier.

Temu busy or rate limited: the upload says RETRYING and the actor sends itself again with a
growing delay (the same job going on, as in ``packages.py``)."""
from __future__ import annotations

import logging

import dramatiq

from adapters.queue.actors.packages import backoff
from adapters.queue.runtime import services
from domain.errors import NotFound, PreconditionFailed, ValidationFailed

log = logging.getLogger("erp.worker")
MAX_ATTEMPTS = 60  # about four hours at the longest delay; the upload says why it waits


@dramatiq.actor(actor_name="uploads.send", queue_name="uploads", max_retries=5, min_backoff=1_000,
                max_backoff=60_000, time_limit=120_000, throws=(PreconditionFailed, ValidationFailed, NotFound))
def send(upload_id: str, attempt: int = 0) -> None:
    """Upload one platform order's tracking to Temu (every package, one call)."""
    step = services().send_upload.execute(upload_id)
    if step is not None:
        if attempt >= MAX_ATTEMPTS:
            log.warning("upload %s: Temu still unavailable after %d tries (%s); retry it by hand", upload_id,
                        attempt, step.reason)
            return
        send.send_with_options(args=(upload_id, attempt + 1), delay=int(backoff(step.seconds, attempt) * 1000))


@dramatiq.actor(actor_name="uploads.follow_tracking", queue_name="uploads", max_retries=5, min_backoff=1_000,
                max_backoff=60_000, time_limit=60_000)
def follow_tracking(package_id: str) -> None:
    """A package got tracking: its platform order joins the queue, and uploads itself when the
    shop marks automatically and the gate passes."""
    services().auto_mark.execute(package_id)


@dramatiq.actor(actor_name="uploads.carrier_mapped", queue_name="uploads", max_retries=5, min_backoff=1_000,
                max_backoff=60_000, time_limit=600_000)
def carrier_mapped(channel_id: str) -> None:
    """A channel got its Temu carrier: its uploads refused for want of it go through the gate again."""
    services().carrier_mapped.execute(channel_id)


@dramatiq.actor(actor_name="uploads.reconcile", queue_name="uploads", max_retries=5, min_backoff=1_000,
                max_backoff=60_000, time_limit=60_000)
def reconcile(order_id: str) -> None:
    """Temu shipped a pushed order before this ERP marked it: its upload leaves the queue as
    uploaded elsewhere, unless ours may have reached Temu (the send worker settles that)."""
    services().reconcile.execute(order_id)
