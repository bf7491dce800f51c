"""The outbox table: events in (the unit of work's commit), events out (the relay's claim).
The change feed reads the same rows (``event_feed.py``).

Several relays at once never send a row twice: a claim locks its rows until it commits their
``sent_at``. PostgreSQL: ``FOR UPDATE SKIP LOCKED``, so a second relay takes the next rows
instead of waiting; SQLite: the claim's ``BEGIN IMMEDIATE`` makes claims take turns.

Each row keeps the trace context current when it was stored (OpenTelemetry, W3C
``traceparent``; none when the change was not traced), and the relay sends it on with the
event, so the actors' spans continue the trace of the RPC that caused them.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict
from datetime import datetime, timezone
from typing import Any

import sqlalchemy as sa
from opentelemetry import propagate
from sqlalchemy.orm import Session

from adapters.persistence.bulk_insert import BulkInsert
from adapters.persistence.tables import outbox
from domain.events import Event

# COPY on PostgreSQL (bench/README.md, "History sync on a quiet machine"); the table numbers the
# rows in the order given.
_INSERT = BulkInsert(outbox, ("event_type", "payload", "created_at", "shop_id", "trace_context"))


def store_events(session: Session, events: Iterable[Event]) -> None:
    """Insert the events in the session's transaction, in the order given, with their shop (the
    feed's visibility) and the current trace context."""
    events = list(events)
    if not events:
        return
    now, trace_context = datetime.now(timezone.utc), {}
    propagate.inject(trace_context)
    _INSERT.execute(session.connection(), [
        {"event_type": type(e).__name__, "payload": payload, "created_at": now,
         "shop_id": payload.get("shop_id"), "trace_context": trace_context or None}
        for e in events for payload in (asdict(e),)])


def has_unsent(session: Session) -> bool:
    query = sa.select(outbox.c.id).where(outbox.c.sent_at.is_(None)).limit(1)
    return session.execute(query).first() is not None


def claim_unsent(session: Session, limit: int) -> list[tuple[int, str, dict[str, Any], dict[str, str] | None]]:
    """The oldest unsent rows no other claim holds, locked until the session's transaction ends:
    ``(id, event type, payload, trace context)``."""
    query = (sa.select(outbox.c.id, outbox.c.event_type, outbox.c.payload, outbox.c.trace_context)
             .where(outbox.c.sent_at.is_(None)).order_by(outbox.c.id).limit(limit)
             .with_for_update(skip_locked=True))
    return [tuple(row) for row in session.execute(query)]


def mark_sent(session: Session, ids: list[int]) -> None:
    if ids:
        session.execute(outbox.update().where(outbox.c.id.in_(ids)).values(sent_at=datetime.now(timezone.utc)))
