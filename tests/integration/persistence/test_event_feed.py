"""The change feed on each database: positions in commit order, visibility, retention."""
from __future__ import annotations

import threading
from datetime import timedelta

import pytest
import sqlalchemy as sa

from adapters.persistence.event_feed import SqlEventFeed, sequence_events
from adapters.persistence.outbox import mark_sent, store_events
from adapters.persistence.tables import event_feed, outbox
from adapters.queue.sequencer import FeedSequencer
from application.events.read_events import EventQuery, ReadEvents
from application.events.tokens import feed_token
from application.ports.event_feed import EventFilter
from domain.errors import PreconditionFailed, ValidationFailed
from domain.events import OrderStateChanged, ShopAuthorized
from domain.principal import Principal, Role

from .builders import NOW, random_order, random_shop, stored_shop

ADMIN = Principal("admin", "Admin", Role.ADMIN)


def moved(n: int, shop_id: str = "s1") -> OrderStateChanged:
    return OrderStateChanged(f"o{n}", "TO_REVIEW", "ASSIGNED", shop_id, f"PO-{n}", "assigned")


def insert(db, *events) -> None:
    with db.session_factory() as session:
        store_events(session, events)
        session.commit()


def read_all(feed: SqlEventFeed, after: int = 0, flt: EventFilter = EventFilter()) -> list[str]:
    return [e.payload["order_id"] for e in feed.read(after, flt, 1000).events]


def test_an_event_is_in_the_feed_once_the_sequencer_gave_it_a_position(db):
    feed, sequencer = SqlEventFeed(db.engine), FeedSequencer(db.engine)
    insert(db, moved(1), moved(2))
    assert feed.read(0, EventFilter(), 10).events == []  # committed, not yet placed

    assert sequencer.sequence_once() == 2 and sequencer.sequence_once() == 0
    page = feed.read(0, EventFilter(), 10)
    assert [e.payload["order_id"] for e in page.events] == ["o1", "o2"]
    assert [e.position for e in page.events] == [1, 2] and (page.resume_after, page.head) == (2, 2)
    assert page.events[0].shop_id == "s1"  # the payload's shop, in its own column


@pytest.mark.postgres
def test_a_row_that_commits_after_a_later_id_is_placed_after_it_so_a_resumed_reader_gets_it(db):
    if db.backend != "postgresql":
        pytest.skip("SQLite writers take turns: ids commit in order")
    feed, sequencer = SqlEventFeed(db.engine), FeedSequencer(db.engine)
    slow = db.session_factory()
    store_events(slow, [moved(1)])  # takes the smaller id, commits last
    slow.flush()
    insert(db, moved(2))
    sequencer.sequence_once()
    first = feed.read(0, EventFilter(), 10)
    assert [e.payload["order_id"] for e in first.events] == ["o2"]

    slow.commit()
    slow.close()
    sequencer.sequence_once()
    assert read_all(feed, first.resume_after) == ["o1"]  # not missed: its position is after o2's


def test_a_filter_that_leaves_events_out_still_moves_the_resume_point_past_them(db):
    feed, sequencer = SqlEventFeed(db.engine), FeedSequencer(db.engine)
    insert(db, moved(1, "s1"), moved(2, "s2"), moved(3, "s2"))
    sequencer.sequence_once()
    page = feed.read(0, EventFilter(shop_ids=("s1",)), 10)
    assert [e.payload["order_id"] for e in page.events] == ["o1"] and page.resume_after == 3
    assert read_all(feed, 0, EventFilter(event_types=("ShopAuthorized",))) == []
    full = feed.read(0, EventFilter(), 2)
    assert full.resume_after == 2  # a full page resumes after its last event, not at the head


def test_a_shop_owner_reads_only_the_events_of_their_own_shops(db):
    mine, theirs = stored_shop(db, random_shop(owner_id="alice")), stored_shop(db, random_shop(owner_id="bob"))
    insert(db, moved(1, mine.id), moved(2, theirs.id))
    FeedSequencer(db.engine).sequence_once()
    events = ReadEvents(SqlEventFeed(db.engine))
    alice = EventQuery(Principal("alice", "Alice", Role.SHOP_OWNER))

    seen = events.execute(alice, events.start(alice)).events
    assert {e.type for e in seen} == {"shop.authorized", "order.state_changed"}
    assert {e.shop_id for e in seen} == {mine.id}
    assert len(events.execute(EventQuery(ADMIN), 0).events) == 4


def test_an_order_imported_by_a_sync_reaches_the_feed_with_its_shop_and_number(db):
    shop = stored_shop(db)
    with db.uow() as uow:
        order = random_order(shop.id)
        uow.orders.add(order)
        uow.commit()
    FeedSequencer(db.engine).sequence_once()
    events = ReadEvents(SqlEventFeed(db.engine))
    page = events.execute(EventQuery(ADMIN, event_types=("order.*",)), 0)
    (imported,) = page.events
    assert imported.type == "order.imported" and imported.shop_id == shop.id
    assert imported.data["parent_order_sn"] == order.parent_order_sn and imported.data["state"] == order.state.value


def test_unknown_event_types_and_foreign_tokens_are_refused_naming_the_field(db):
    events = ReadEvents(SqlEventFeed(db.engine))
    with pytest.raises(ValidationFailed) as bad_type:
        events.start(EventQuery(ADMIN, event_types=("order.shipped_to_mars",)))
    assert bad_type.value.violations[0].field == "event_types[0]"
    with pytest.raises(ValidationFailed) as bad_token:
        events.start(EventQuery(ADMIN, resume_token="b3JkZXJz"))
    assert bad_token.value.reason == "INVALID_RESUME_TOKEN"


def test_pruning_deletes_old_sent_events_keeps_unsent_ones_and_refuses_a_token_before_them(db):
    feed, sequencer = SqlEventFeed(db.engine), FeedSequencer(db.engine)
    insert(db, moved(1), moved(2), moved(3))
    sequencer.sequence_once()
    with db.session_factory() as session:
        mark_sent(session, session.execute(sa.select(outbox.c.id).where(outbox.c.position <= 2)).scalars().all())
        session.commit()
    events = ReadEvents(feed)

    assert feed.prune(created_before=NOW.replace(year=2100)) == 2  # o3 is unsent: kept
    assert feed.prune(created_before=NOW.replace(year=2100)) == 0
    assert read_all(feed) == ["o3"]
    after_o2 = EventQuery(ADMIN, resume_token=feed_token(2))
    assert [e.data["order_id"] for e in events.execute(after_o2, events.start(after_o2)).events] == ["o3"]
    after_o1 = EventQuery(ADMIN, resume_token=feed_token(1))
    with pytest.raises(PreconditionFailed) as pruned:
        events.execute(after_o1, events.start(after_o1))
    assert pruned.value.reason == "EVENTS_PRUNED"
    assert [e.data["order_id"] for e in events.execute(EventQuery(ADMIN), 0).events] == ["o3"]  # from the oldest kept
    assert feed.prune(created_before=NOW - timedelta(days=1)) == 0  # nothing that old


def test_positions_go_on_from_the_highest_one_when_the_feed_row_is_lost(db):
    insert(db, moved(1))
    FeedSequencer(db.engine).sequence_once()
    with db.engine.begin() as conn:
        conn.execute(event_feed.delete())
    insert(db, moved(2))
    with db.engine.begin() as conn:
        assert sequence_events(conn, 10) == 1
    assert [e.position for e in SqlEventFeed(db.engine).read(0, EventFilter(), 10).events] == [1, 2]


@pytest.mark.postgres
def test_two_sequencers_meeting_a_missing_feed_row_both_go_on_without_an_error(db):
    if db.backend != "postgresql":
        pytest.skip("SQLite writers take turns: one sequencer finds the other's row")
    with db.engine.begin() as conn:
        conn.execute(event_feed.delete())
    insert(db, moved(1), moved(2))
    first, second = db.engine.connect(), db.engine.connect()
    first.begin(), second.begin()
    assert sequence_events(first, 1) == 1  # made the row, holds it until it commits
    done: list[int] = []
    waiting = threading.Thread(target=lambda: done.append(sequence_events(second, 10)))
    waiting.start()
    waiting.join(0.5)
    first.commit()
    waiting.join(10)
    second.commit()
    first.close(), second.close()
    assert done == [1]
    assert [e.position for e in SqlEventFeed(db.engine).read(0, EventFilter(), 10).events] == [1, 2]
