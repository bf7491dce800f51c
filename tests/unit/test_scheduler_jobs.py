"""The scheduler's periodic jobs: each sent once per slot, whichever scheduler claims it."""
from __future__ import annotations

from adapters.queue.scheduler import Scheduler


class NoSyncs:
    def execute(self) -> None:
        pass


def shared_claims():
    taken: set = set()

    def claim(job, slot) -> bool:
        fresh = (job, slot) not in taken
        taken.add((job, slot))
        return fresh
    return claim, taken


def scheduler(claim, sent: list[str]) -> Scheduler:
    return Scheduler(schedule_syncs=NoSyncs(), claim_job_slot=claim,
                     send_expiry_check=lambda: sent.append("expiry"),
                     send_prune_events=lambda: sent.append("prune"), prune_every_s=3600,
                     sweep_packages=lambda: sent.append("sweep"), sweep_every_s=3600)


def test_each_tick_sends_the_expiry_check_the_package_sweep_and_the_feed_pruning_once_per_slot():
    claim, taken = shared_claims()
    sent: list[str] = []
    one = scheduler(claim, sent)
    one.tick()
    one.tick()
    assert set(sent) == {"expiry", "prune", "sweep"} and len(sent) < 6  # a second send only if a slot ended between
    assert {job for job, _ in taken} == {"shops.check_token_expiry", "events.prune", "packages.sweep"}


def test_two_schedulers_sweep_the_packages_once_per_slot():
    claim, taken = shared_claims()
    sent: list[str] = []
    first, second = scheduler(claim, sent), scheduler(claim, sent)
    first.tick()
    second.tick()
    first.tick()
    sweep_slots = {slot for job, slot in taken if job == "packages.sweep"}
    assert sent.count("sweep") == len(sweep_slots)  # one, unless an hour ended between the ticks
