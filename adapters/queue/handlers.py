"""What each domain event sets going: the one table from event type to handler actors.

Every event the unit of work stores reaches the workers through here, sent by the relay after
its transaction committed. A handler takes the ids the event names and is idempotent: a message
may come twice (Dramatiq redelivers; a relay may stop between sending and marking a row sent).
Events with no handler are stored all the same: they are the record of what happened.
"""
from __future__ import annotations

from typing import Any

import dramatiq

from adapters.queue.actors import orders, packages, shops

# event type -> (actor, the payload field passed as its one argument), in sending order
ROUTES: dict[str, tuple[tuple[dramatiq.Actor, str], ...]] = {
    "SyncRunCreated": ((orders.sync_run, "run_id"),),
    "SyncRunResumed": ((orders.sync_run, "run_id"),),
    "SyncRunFinished": ((orders.fetch_addresses, "shop_id"),),  # the to-ship orders' addresses
    "ShopReauthorized": ((shops.resume_sync_runs, "shop_id"),),
    "PackageAudited": ((packages.push, "package_id"),),  # the label is bought at once (FUL-4)
    "OrderStoppedOnTemu": ((packages.follow_order, "order_id"),),
    "OrderAddressChanged": ((packages.follow_address, "order_id"),),
}


def send(event_type: str, payload: dict[str, Any]) -> None:
    """Send the event to each of its handlers; raises when the broker refuses a message."""
    for actor, field in ROUTES.get(event_type, ()):
        actor.send(payload[field])
