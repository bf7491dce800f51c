"""The scheduler loop: creates one sync run per due shop (the outbox sends them), runs the
token expiry check, the package sweep (packages in flight that are due go to the push worker)
and, hourly, the change feed's pruning.

Safe with several scheduler processes on several machines: sync runs are fenced by their unique
(shop, kind, slot) row, and the other jobs by a unique (job, slot) row: one scheduler runs each
slot of each job.
"""
from __future__ import annotations

import logging
import threading
import time
from datetime import datetime, timezone
from typing import Callable

log = logging.getLogger(__name__)


class Scheduler:
    def __init__(self, *, schedule_syncs, claim_job_slot: Callable[[str, datetime], bool],
                 send_expiry_check: Callable[[], None], send_prune_events: Callable[[], None] = lambda: None,
                 tick_s: float = 1.0, expiry_every_s: int = 60, prune_every_s: int = 3600,
                 heartbeat: Callable[[], None] = lambda: None,
                 sweep_packages: Callable[[], None] = lambda: None, sweep_every_s: int = 10) -> None:
        self._schedule_syncs = schedule_syncs
        self._claim = claim_job_slot
        self._send_expiry = send_expiry_check
        self._tick_s = tick_s
        self._expiry_every_s = expiry_every_s
        self._send_prune, self._prune_every_s = send_prune_events, prune_every_s
        self._heartbeat = heartbeat  # liveness: the loop came round
        self._sweep, self._sweep_every_s = sweep_packages, sweep_every_s

    def tick(self) -> None:
        self._schedule_syncs.execute()
        for job, every_s, send in (("shops.check_token_expiry", self._expiry_every_s, self._send_expiry),
                                   ("packages.sweep", self._sweep_every_s, self._sweep),
                                   ("events.prune", self._prune_every_s, self._send_prune)):
            slot = int(time.time()) // every_s * every_s
            if self._claim(job, datetime.fromtimestamp(slot, tz=timezone.utc)):
                send()

    def run(self, stop: threading.Event) -> None:
        while not stop.is_set():
            self._heartbeat()
            started = time.monotonic()
            try:
                self.tick()
            except Exception:  # the loop must outlive a DB or broker hiccup
                log.exception("scheduler tick failed; trying again next tick")
            stop.wait(max(0.0, self._tick_s - (time.monotonic() - started)))

    def start_thread(self, stop: threading.Event) -> threading.Thread:
        thread = threading.Thread(target=self.run, args=(stop,), name="erp-scheduler", daemon=True)
        thread.start()
        return thread
