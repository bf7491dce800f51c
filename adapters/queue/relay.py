"""The outbox relay: sends the stored events to the broker, oldest first, each row once.

Runs as a thread in every worker process (and in the server with the embedded broker). A claim
holds its rows until their ``sent_at`` commits, after the broker took the messages, so several
relays at once never send a row twice (``adapters/persistence/outbox.py``). When the broker is
down the rows stay unsent and go once it is back: one warning per outage, not one per row. A
relay that dies between sending and marking sends those rows again: handlers are idempotent.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from typing import Any

from opentelemetry import propagate
from opentelemetry.trace import SpanKind, Tracer
from sqlalchemy.engine import Engine

from adapters.persistence.engine import make_session_factory, read_only
from adapters.persistence.outbox import claim_unsent, has_unsent, mark_sent
from adapters.queue import handlers

log = logging.getLogger(__name__)


class OutboxRelay:
    def __init__(self, engine: Engine, *, batch: int = 100, idle_s: float = 0.1,
                 send: Callable[[str, dict[str, Any]], None] = handlers.send, tracer: Tracer | None = None,
                 heartbeat: Callable[[], None] = lambda: None) -> None:
        self._sessions = make_session_factory(engine)
        self._peek = make_session_factory(read_only(engine))
        self._batch, self._idle_s, self._send = batch, idle_s, send
        self._outage, self._tracer, self._heartbeat = False, tracer, heartbeat

    def relay_once(self) -> int:
        """Send one batch of unsent rows; the number sent (a broker outage ends the batch early)."""
        with self._peek() as peek:  # NOTE: a plain read first: the claim takes SQLite's write lock
            if not has_unsent(peek):
                return 0
        with self._sessions() as session:
            sent: list[int] = []
            try:
                for row_id, event_type, payload, trace_context in claim_unsent(session, self._batch):
                    with self._span(row_id, event_type, trace_context):
                        self._send(event_type, payload)
                    sent.append(row_id)
            except Exception as err:  # the broker refused: what was sent is marked, the rest waits
                self._broker_down(err)
            else:
                self._broker_up()
            mark_sent(session, sent)
            session.commit()
            return len(sent)

    def _span(self, row_id: int, event_type: str, trace_context: dict[str, str] | None) -> AbstractContextManager:
        """With tracing on, the send runs in a span continuing the stored trace, so the messages
        carry it on (``tracing.py``)."""
        if self._tracer is None or not trace_context:
            return nullcontext()
        return self._tracer.start_as_current_span(f"outbox send {event_type}", context=propagate.extract(trace_context),
                                                  kind=SpanKind.PRODUCER, attributes={"erp.outbox.id": row_id})

    def run(self, stop: threading.Event) -> None:
        while not stop.is_set():
            self._heartbeat()
            try:
                full = self.relay_once() >= self._batch
            except Exception:  # the loop must outlive a database hiccup
                log.exception("outbox relay pass failed; trying again")
                full = False
            if not full:
                stop.wait(self._idle_s if not self._outage else 1.0)

    def start_thread(self, stop: threading.Event) -> threading.Thread:
        thread = threading.Thread(target=self.run, args=(stop,), name="erp-outbox-relay", daemon=True)
        thread.start()
        return thread

    def _broker_down(self, err: Exception) -> None:
        if not self._outage:
            log.warning("the broker refused an outbox event (%s: %s); events wait until it is back",
                        type(err).__name__, err)
        self._outage = True

    def _broker_up(self) -> None:
        if self._outage:
            log.warning("the broker is back; sending the waiting outbox events")
        self._outage = False
