"""Migration 50823e7450f5 places the events stored before the feed existed, with their shop."""
from __future__ import annotations

from datetime import datetime, timezone

import sqlalchemy as sa

from adapters.persistence.engine import make_engine
from adapters.persistence.event_feed import SqlEventFeed
from adapters.persistence.migrate import upgrade
from application.ports.event_feed import EventFilter

BEFORE_FEED = "d5a7e3c91b48"
NOW = datetime(2026, 12, 1, tzinfo=timezone.utc)


def test_events_stored_before_the_feed_get_positions_in_id_order_and_their_shop(empty_database_url):
    upgrade(empty_database_url, BEFORE_FEED)
    engine = make_engine(empty_database_url)
    outbox = sa.table("outbox", sa.column("event_type"), sa.column("payload", sa.JSON), sa.column("created_at"))
    with engine.begin() as conn:
        conn.execute(sa.text(
            "INSERT INTO shops (id, name, name_key, kind, region, mall_id, owner_id, status, auth_status, "
            "credentials, created_at, updated_at, version) VALUES ('s1', 'S', 's', 'CROSS_BORDER', 'US', 1, 'o', "
            "'ACTIVE', 'AUTHORIZED', '[]', :now, :now, 1)"), {"now": NOW})
        conn.execute(sa.text(
            "INSERT INTO orders (id, shop_id, parent_order_sn, temu_status, state, region_id, temu_created_at, "
            "temu_updated_at, lines, labels, warnings, exceptions, history, created_at, updated_at, version) "
            "VALUES ('o1', 's1', 'PO-1', 2, 'TO_REVIEW', 211, :now, :now, '[]', '[]', '[]', '[]', '[]', :now, "
            ":now, 1)"), {"now": NOW})
        conn.execute(outbox.insert(), [
            {"event_type": "ShopAuthorized", "payload": {"shop_id": "s1", "auth_status": "AUTHORIZED"}, "created_at": NOW},
            {"event_type": "OrderStateChanged", "payload": {"order_id": "o1", "from_state": "TO_REVIEW",
                                                            "to_state": "ASSIGNED"}, "created_at": NOW}])
    engine.dispose()

    upgrade(empty_database_url)
    engine = make_engine(empty_database_url)
    try:
        page = SqlEventFeed(engine).read(0, EventFilter(shop_ids=("s1",)), 10)
        assert [(e.position, e.event_type, e.shop_id) for e in page.events] == [
            (1, "ShopAuthorized", "s1"), (2, "OrderStateChanged", "s1")]
        assert page.head == 2
    finally:
        engine.dispose()
