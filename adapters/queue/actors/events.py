"""Change feed actors."""
from __future__ import annotations

import logging

import dramatiq

from adapters.queue.runtime import services

log = logging.getLogger(__name__)


@dramatiq.actor(actor_name="events.prune", queue_name="shops", max_retries=3, min_backoff=5_000,
                max_backoff=60_000, time_limit=600_000)
def prune() -> None:
    """Idempotent: events already deleted are not counted again."""
    deleted = services().prune_events.execute()
    if deleted:
        log.info("change feed: deleted %d events older than the retention", deleted)
