"""The change feed: the stored domain events, in the order they became visible (docs/change-feed.md)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Every field that is set narrows the feed."""

    event_types: tuple[str, ...] = ()  # stored type names (``OrderStateChanged``)
    shop_ids: tuple[str, ...] = ()
    owner_id: str | None = None  # only events of this owner's shops (shop owners)


@dataclass(frozen=True, slots=True)
class StoredEvent:
    id: int  # the outbox row: fixed at insert
    position: int  # its place in the feed: fixed once, after its transaction committed
    event_type: str
    shop_id: str | None
    created_at: datetime
    payload: dict[str, Any]


@dataclass(frozen=True, slots=True)
class FeedPage:
    """``events`` after the position asked for, and ``resume_after``: where the next read starts.
    Past the last event shown, or, when the page is not full, past every event given a position
    so far (those the filter left out included). ``pruned_through``: events at or before it are
    gone (retention); ``head``: the last position given."""

    events: list[StoredEvent]
    resume_after: int
    head: int
    pruned_through: int


class EventFeed(Protocol):
    def read(self, after: int, flt: EventFilter, limit: int) -> FeedPage:
        """At most ``limit`` events with a position after ``after``, in position order."""
        ...

    def head(self) -> int:
        """The last position given."""
        ...

    def prune(self, created_before: datetime) -> int:
        """Delete the sent events stored before ``created_before``, oldest positions first;
        the number deleted."""
        ...
