"""The scheduler's periodic jobs: each sent once per slot, whichever scheduler claims it."""
from __future__ import annotations

from adapters.queue.scheduler import Scheduler


class NoSyncs:
    def execute(self) -> None:
        pass


def test_each_tick_sends_the_expiry_check_and_the_feed_pruning_once_per_slot():
    taken: set = set()
    sent: list[str] = []

    def claim(job, slot) -> bool:
        fresh = (job, slot) not in taken
        taken.add((job, slot))
        return fresh

    scheduler = Scheduler(schedule_syncs=NoSyncs(), claim_job_slot=claim,
                          send_expiry_check=lambda: sent.append("expiry"),
                          send_prune_events=lambda: sent.append("prune"), prune_every_s=3600)
    scheduler.tick()
    scheduler.tick()
    assert set(sent) == {"expiry", "prune"} and len(sent) < 4  # a second send only if a slot ended between
    assert {job for job, _ in taken} == {"shops.check_token_expiry", "events.prune"}
