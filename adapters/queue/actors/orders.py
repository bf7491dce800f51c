"""Order sync actors. They take ids only and are idempotent: a redelivered message resumes the
run from its stored cursor (a finished run is a no-op), and the shop lease keeps two deliveries
from syncing at once.

The rule for sending: work that follows a commit goes through the outbox (``handlers.py``); an
actor that has not finished its own job sends itself again directly (``CONTINUE``, ``BUSY``, the
next batch of addresses): that is the same job going on, and a lost message of it is caught by
the scheduler's safety net (``ScheduleSyncs``) or is the next run's work."""
from __future__ import annotations

import dramatiq

from adapters.queue.runtime import services
from adapters.queue.transient import retried_quietly
from application.orders.fetch_addresses import Fetched
from application.orders.run_sync import Outcome, RetryLater
from domain.errors import TokenRevoked, TokenUnreadable, UpstreamRejected

BUSY_RETRY_MS = 3_000


# Priorities (lower first) order the messages a worker has taken from its queues: "sync now",
# incremental and replay pages come before the 30-day histories, which have a queue of their own.
SYNC_OPTIONS = dict(max_retries=10, min_backoff=1_000, max_backoff=120_000, time_limit=600_000,
                    throws=(TokenRevoked, TokenUnreadable, UpstreamRejected))


def _walk(actor: dramatiq.Actor, run_id: str) -> None:
    """Temu being down is the run's own retry (``RetryLater``, shown on its operation), not Dramatiq's."""
    outcome = services().run_sync.execute(run_id)
    if isinstance(outcome, RetryLater):
        actor.send_with_options(args=(run_id,), delay=int(outcome.delay.total_seconds() * 1000))
    elif outcome is Outcome.CONTINUE:
        actor.send(run_id)  # to the back of the queue: other shops get their turn
    elif outcome is Outcome.BUSY:
        actor.send_with_options(args=(run_id,), delay=BUSY_RETRY_MS)


@dramatiq.actor(actor_name="orders.sync_run", queue_name="orders", priority=0, **SYNC_OPTIONS)
def sync_run(run_id: str) -> None:
    _walk(sync_run, run_id)


@dramatiq.actor(actor_name="orders.sync_history", queue_name="history", priority=10, **SYNC_OPTIONS)
def sync_history(run_id: str) -> None:
    _walk(sync_history, run_id)


@dramatiq.actor(actor_name="orders.fetch_addresses", queue_name="addresses", priority=20, max_retries=5, min_backoff=2_000,
                max_backoff=60_000, time_limit=300_000, throws=(TokenRevoked, TokenUnreadable, UpstreamRejected))
def fetch_addresses(shop_id: str) -> None:
    """The to-ship orders' addresses, once each (one job per shop at a time: ``FetchAddresses``)."""
    with retried_quietly(f"addresses of shop {shop_id}"):
        fetched = services().fetch_addresses.execute(shop_id)
    if fetched is Fetched.MORE:
        fetch_addresses.send(shop_id)
