"""The outbox and its relay on each database, with Dramatiq's StubBroker."""
from __future__ import annotations

import logging
import threading
from collections import Counter

import pytest
import sqlalchemy as sa
from dramatiq import Message

from adapters.persistence.tables import outbox
from adapters.queue import handlers
from adapters.queue.actors import bind
from adapters.queue.broker import build_broker
from adapters.queue.relay import OutboxRelay
from application.orders.start_sync import schedule_history

from .builders import NOW, stored_shop


@pytest.fixture
def broker():
    broker = build_broker(None)
    bind(broker)
    yield broker
    broker.close()


def new_runs(db, count: int) -> list[str]:
    """``count`` shops, each with its history run: one SyncRunCreated each (and a ShopAuthorized)."""
    ids = []
    for _ in range(count):
        shop = stored_shop(db)
        with db.uow() as uow:
            ids.append(schedule_history(uow, shop.id, NOW).id)
            uow.commit()
    return ids


def queued(broker, queue: str) -> list[tuple]:
    messages = (Message.decode(raw) for raw in broker.queues[queue].queue)
    return [(m.actor_name, *m.args) for m in messages]


def unsent(db) -> int:
    with db.engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).where(outbox.c.sent_at.is_(None))).scalar_one()


def test_a_committed_run_is_sent_to_its_actor_once_and_its_row_is_kept_marked_sent(db, broker):
    (run_id,) = new_runs(db, 1)
    relay = OutboxRelay(db.engine)

    assert relay.relay_once() == 2  # ShopAuthorized (no handler) and SyncRunCreated
    assert relay.relay_once() == 0
    assert queued(broker, "history") == [("orders.sync_history", run_id)]  # behind "sync now" runs
    with db.engine.connect() as conn:
        rows = conn.execute(sa.select(outbox.c.event_type, outbox.c.sent_at).order_by(outbox.c.id)).all()
    assert [t for t, _ in rows] == ["ShopAuthorized", "SyncRunCreated"] and all(sent for _, sent in rows)


def test_a_rolled_back_change_sends_nothing(db, broker):
    shop = stored_shop(db)
    with db.uow() as uow:
        schedule_history(uow, shop.id, NOW)  # no commit
    OutboxRelay(db.engine).relay_once()
    assert queued(broker, "history") == queued(broker, "orders") == []


def test_a_broker_outage_keeps_the_rows_logs_one_warning_and_sends_them_when_it_is_back(db, broker, caplog):
    run_ids = new_runs(db, 3)
    down = True

    def send(event_type, payload):
        if down:
            raise ConnectionError("broker down")
        handlers.send(event_type, payload)

    relay = OutboxRelay(db.engine, send=send)
    with caplog.at_level(logging.WARNING, logger="adapters.queue.relay"):
        for _ in range(5):
            assert relay.relay_once() == 0
        assert unsent(db) == 6
        down = False
        assert relay.relay_once() == 6
    assert [r.message for r in caplog.records].count(caplog.records[0].message) == 1
    assert len(caplog.records) == 2  # down once, back once
    assert queued(broker, "history") == [("orders.sync_history", i) for i in run_ids]


def test_two_relays_at_once_send_every_row_exactly_once(db, broker):
    new_runs(db, 30)
    sent: Counter = Counter()
    lock = threading.Lock()

    def send(event_type, payload):
        with lock:
            sent[(event_type, tuple(sorted(payload.items())))] += 1

    relays = [OutboxRelay(db.engine, batch=7, send=send) for _ in range(2)]
    threads = [threading.Thread(target=lambda r=r: [r.relay_once() for _ in range(20)]) for r in relays]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert unsent(db) == 0
    assert len(sent) == 60 and set(sent.values()) == {1}
