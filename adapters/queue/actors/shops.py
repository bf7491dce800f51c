"""Shop actors."""
from __future__ import annotations

import dramatiq

from adapters.queue.runtime import services


@dramatiq.actor(actor_name="shops.check_token_expiry", queue_name="shops", max_retries=3, min_backoff=5_000,
                max_backoff=60_000, time_limit=120_000)
def check_token_expiry() -> None:
    services().check_token_expiry.execute()


@dramatiq.actor(actor_name="shops.resume_sync_runs", queue_name="shops", max_retries=5, min_backoff=1_000,
                max_backoff=60_000, time_limit=60_000)
def resume_sync_runs(shop_id: str) -> None:
    """Idempotent: only runs still waiting for re-authorization are resumed."""
    services().resume_runs.execute(shop_id)
