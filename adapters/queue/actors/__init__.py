"""Actors, named "<context>.<verb>". ``bind(broker)`` (re)attaches them to the current broker."""
from __future__ import annotations

import dramatiq


def all_actors() -> list[dramatiq.Actor]:
    from adapters.queue.actors import events, orders, packages, shops, uploads

    return [orders.sync_run, orders.sync_history, orders.fetch_addresses, shops.check_token_expiry,
            shops.resume_sync_runs, *packages.PUSH.values(), *packages.TRACK.values(), packages.follow_order,
            packages.follow_address, events.prune, uploads.send, uploads.follow_tracking, uploads.reconcile,
            uploads.carrier_mapped]


def bind(broker: dramatiq.Broker) -> None:
    """NOTE: Dramatiq binds an actor to the broker current when its module is imported; a
    process that builds a new broker (tests, the demo) must move the actors onto it."""
    for actor in all_actors():
        actor.broker = broker
        if actor.actor_name not in broker.actors:
            broker.declare_actor(actor)
