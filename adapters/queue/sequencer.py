"""The feed sequencer: gives each committed outbox row its place in the change feed.

Runs as a thread next to the outbox relay (every worker process; the server with the embedded
broker). Several at once take turns on the feed row's lock (``adapters/persistence/event_feed.py``),
so a position is given once. Apart from the relay, so that a broker outage does not stop the feed.
"""
from __future__ import annotations

import logging
import threading

from sqlalchemy.engine import Engine

from adapters.persistence.engine import read_only
from adapters.persistence.event_feed import has_unsequenced, sequence_events

log = logging.getLogger(__name__)


class FeedSequencer:
    def __init__(self, engine: Engine, *, batch: int = 1000, idle_s: float = 0.05) -> None:
        self._engine, self._peek = engine, read_only(engine)
        self._batch, self._idle_s = batch, idle_s

    def sequence_once(self) -> int:
        """Give positions to one batch of committed rows; the number given."""
        with self._peek.connect() as peek:  # NOTE: a plain read first: a write takes SQLite's lock
            if not has_unsequenced(peek):
                return 0
        with self._engine.begin() as conn:
            return sequence_events(conn, self._batch)

    def run(self, stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                full = self.sequence_once() >= self._batch
            except Exception:  # the loop must outlive a database hiccup
                log.exception("feed sequencer pass failed; trying again")
                full = False
            if not full:
                stop.wait(self._idle_s)

    def start_thread(self, stop: threading.Event) -> threading.Thread:
        thread = threading.Thread(target=self.run, args=(stop,), name="erp-feed-sequencer", daemon=True)
        thread.start()
        return thread
