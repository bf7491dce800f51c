"""ListEvents and WatchEvents: the feed after a position, as the caller may see it."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from application.events.catalog import public_type, stored_types
from application.events.tokens import feed_position, feed_token
from application.ports.clock import Clock
from application.ports.event_feed import EventFeed, EventFilter, FeedPage
from domain.errors import PreconditionFailed
from domain.principal import Principal

MAX_PAGE_SIZE = 1000
DEFAULT_PAGE_SIZE = 100


@dataclass(frozen=True, slots=True)
class EventQuery:
    principal: Principal
    resume_token: str = ""  # empty: from the oldest event kept
    shop_ids: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()  # public names or families (``order.*``)
    page_size: int = DEFAULT_PAGE_SIZE
    from_now: bool = False  # start after the newest event (``after`` is ignored)


@dataclass(frozen=True, slots=True)
class EventView:
    id: int
    resume_token: str
    type: str  # the public name (``order.state_changed``)
    shop_id: str | None
    time: datetime
    data: dict[str, Any]


@dataclass(frozen=True, slots=True)
class EventPage:
    events: list[EventView]
    resume_after: int  # the position to read after next time
    resume_token: str  # the same, for the caller
    caught_up: bool  # every event given a position so far was read (or left out by the filter)


class ReadEvents:
    """- A shop owner reads only their shops' events; an administrator every event.
    - Events come in feed order (the order they became visible), each once, from after the
      position asked for; reading again from a page's ``resume_after`` misses none.
    - A position the pruning has passed is refused (EVENTS_PRUNED): events after it are gone,
      and the reader must start again from its own records (e.g. ListOrders).
    """

    def __init__(self, feed: EventFeed) -> None:
        self._feed = feed

    def start(self, q: EventQuery) -> int:
        """The position reading begins after (checks the token and the filter first)."""
        after = feed_position(q.resume_token) if q.resume_token else 0
        _filter(q)
        return self._feed.head() if q.from_now else after

    def execute(self, q: EventQuery, after: int) -> EventPage:
        size = min(max(q.page_size, 0) or DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
        page = self._feed.read(after, _filter(q), size)
        if after < page.pruned_through and (q.resume_token or q.from_now or after > 0):
            raise events_pruned(after, page)
        return EventPage([_view(e) for e in page.events], page.resume_after, feed_token(page.resume_after),
                         caught_up=page.resume_after >= page.head)


def _filter(q: EventQuery) -> EventFilter:
    return EventFilter(event_types=stored_types(q.event_types), shop_ids=q.shop_ids,
                       owner_id=None if q.principal.is_admin else q.principal.id)


def _view(e) -> EventView:
    return EventView(e.id, feed_token(e.position), public_type(e.event_type), e.shop_id, e.created_at, e.payload)


def events_pruned(after: int, page: FeedPage) -> PreconditionFailed:
    return PreconditionFailed(
        "The events after this resume token were deleted (they are kept for ERP_EVENT_RETENTION_DAYS): "
        "read the current state again (ListOrders, ListShops) and watch from now on (from_now).",
        subject="resume_token", violation_type="EVENTS_PRUNED", reason="EVENTS_PRUNED",
        position=str(after), pruned_through=str(page.pruned_through))


class PruneEvents:
    """The worker's daily job: events older than the retention go (sent ones only)."""

    def __init__(self, feed: EventFeed, clock: Clock, retention: timedelta) -> None:
        self._feed, self._clock, self._retention = feed, clock, retention

    def execute(self) -> int:
        return self._feed.prune(self._clock.now() - self._retention)
