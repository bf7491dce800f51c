"""The WatchEvents loop over a fake feed: what it sends, and how it ends when the server stops."""
from __future__ import annotations

import asyncio
from datetime import datetime, timezone

import pytest

from adapters.grpc.admission import Drain
from adapters.grpc.event_servicer import EventServicer
from application.events.read_events import EventPage, EventQuery, EventView
from application.events.tokens import feed_token
from domain.errors import Unavailable
from domain.principal import Principal, Role

ADMIN = Principal("admin", "Admin", Role.ADMIN)


class FakeFeed:
    """Positions 1..``head``; the events at ``shown`` positions match the filter."""

    def __init__(self, head: int, shown: set[int], page: int = 3) -> None:
        self.head, self.shown, self.page = head, shown, page

    def start(self, q: EventQuery) -> int:
        return 0

    def execute(self, q: EventQuery, after: int) -> EventPage:
        matching = [p for p in range(after + 1, self.head + 1) if p in self.shown][:self.page]
        resume = matching[-1] if len(matching) == self.page else max(self.head, after)
        events = [EventView(p, feed_token(p), "order.state_changed", "s1", datetime.now(timezone.utc),
                            {"order_id": f"o{p}"}) for p in matching]
        return EventPage(events, resume, feed_token(resume), caught_up=resume >= self.head)


async def responses(servicer: EventServicer, count: int) -> list:
    watch, got = servicer._watch(EventQuery(ADMIN), 0), []
    async for response in watch:
        got.append(response)
        if len(got) == count:
            break
    await watch.aclose()
    return got


def test_a_watch_sends_the_events_in_pages_each_with_the_token_to_resume_from():
    feed = FakeFeed(head=10, shown={1, 2, 3, 5})
    got = asyncio.run(responses(EventServicer(feed, poll_s=0.001), 2))
    assert [[e.order_state_changed.order for e in r.events] for r in got] == [["orders/o1", "orders/o2", "orders/o3"],
                                                                              ["orders/o5"]]
    assert [r.resume_token for r in got] == [feed_token(3), feed_token(10)]  # past o6..o10 the filter left out


def test_when_the_filter_leaves_every_event_out_a_watch_still_sends_the_token_moving_on():
    (progress,) = asyncio.run(responses(EventServicer(FakeFeed(head=5, shown=set()), poll_s=0.001, progress_s=0), 1))
    assert list(progress.events) == [] and progress.resume_token == feed_token(5)


def test_a_watch_ends_with_unavailable_once_the_server_stops():
    async def scenario() -> None:
        drain = Drain()
        watch = EventServicer(FakeFeed(head=0, shown=set()), drain=drain, poll_s=0.001)._watch(EventQuery(ADMIN), 0)
        waiting = asyncio.ensure_future(watch.__anext__())
        await asyncio.sleep(0.01)
        await drain.close(grace=0)
        with pytest.raises(Unavailable) as stopped:
            await waiting
        assert stopped.value.reason == "SERVER_SHUTTING_DOWN"
    asyncio.run(scenario())
