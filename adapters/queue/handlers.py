"""What each domain event sets going: the one table from event type to handler actors.

Every event the unit of work stores reaches the workers through here, sent by the relay after
its transaction committed. A handler takes the ids the event names and is idempotent: a message
may come twice (Dramatiq redelivers; a relay may stop between sending and marking a row sent).
Events with no handler are stored all the same: they are the record of what happened.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import dramatiq

from adapters.queue.actors import orders, packages, shops, uploads


def _run_actor(payload: dict[str, Any]) -> dramatiq.Actor:
    """A 30-day history goes to its own queue, behind "sync now" and incremental runs."""
    return orders.sync_history if payload.get("kind") == "HISTORY" else orders.sync_run


Handler = dramatiq.Actor | Callable[[dict[str, Any]], dramatiq.Actor]
# event type -> (actor, or what picks it from the payload; the payload field passed as its one
# argument), in sending order
ROUTES: dict[str, tuple[tuple[Handler, str], ...]] = {
    "SyncRunCreated": ((_run_actor, "run_id"),),
    "SyncRunResumed": ((_run_actor, "run_id"),),
    "SyncRunFinished": ((orders.fetch_addresses, "shop_id"),),  # the to-ship orders' addresses
    "ShopReauthorized": ((shops.resume_sync_runs, "shop_id"),),
    "PackageAudited": ((packages.push, "package_id"),),  # the label is bought at once (FUL-4)
    "OrderStoppedOnTemu": ((packages.follow_order, "order_id"),),
    "OrderAddressChanged": ((packages.follow_address, "order_id"),),
    "PackageTracked": ((uploads.follow_tracking, "package_id"),),  # the gate, automatic marking (MARK-1)
    "UploadRequested": ((uploads.send, "upload_id"),),
    "OrderShippedOnTemu": ((uploads.reconcile, "order_id"),),  # shipped outside the ERP (MARK, item 8)
    "TemuCarrierMapped": ((uploads.carrier_mapped, "channel_id"),),  # uploads refused for want of it
}


def send(event_type: str, payload: dict[str, Any]) -> None:
    """Send the event to each of its handlers; raises when the broker refuses a message."""
    for handler, field in ROUTES.get(event_type, ()):
        actor = handler if isinstance(handler, dramatiq.Actor) else handler(payload)
        actor.send(payload[field])
