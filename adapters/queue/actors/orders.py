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


@dramatiq.actor(actor_name="orders.sync_run", queue_name="orders", max_retries=10, min_backoff=1_000,
                max_backoff=120_000, time_limit=600_000, throws=(TokenRevoked, TokenUnreadable, UpstreamRejected))
def sync_run(run_id: str) -> None:
    """Temu being down is the run's own retry (``RetryLater``, shown on its operation), not Dramatiq's."""
    outcome = services().run_sync.execute(run_id)
    if isinstance(outcome, RetryLater):
        sync_run.send_with_options(args=(run_id,), delay=int(outcome.delay.total_seconds() * 1000))
    elif outcome is Outcome.CONTINUE:
        sync_run.send(run_id)  # to the back of the queue: other shops get their turn
    elif outcome is Outcome.BUSY:
        sync_run.send_with_options(args=(run_id,), delay=BUSY_RETRY_MS)


@dramatiq.actor(actor_name="orders.fetch_addresses", queue_name="addresses", max_retries=5, min_backoff=2_000,
                max_backoff=60_000, time_limit=300_000, throws=(TokenRevoked, TokenUnreadable, UpstreamRejected))
def fetch_addresses(shop_id: str) -> None:
    """The to-ship orders' addresses, once each (one job per shop at a time: ``FetchAddresses``)."""
    with retried_quietly(f"addresses of shop {shop_id}"):
        fetched = services().fetch_addresses.execute(shop_id)
    if fetched is Fetched.MORE:
        fetch_addresses.send(shop_id)
