"""Acceptance (issue 14): a client that drops its WatchEvents stream at random points while
10,000 events are produced by concurrent transactions, and resumes with the token of the last
event it handled, gets each event exactly once, in feed order, on SQLite and PostgreSQL."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from adapters.persistence.tables import outbox
from tests.e2e.events.feed_client import produce_concurrently, watch_with_drops

PRODUCERS = 4


def check_exactly_once_in_order(stack, received: list[str], total: int) -> None:
    assert len(received) == total and len(set(received)) == total
    with stack.app.engine.connect() as conn:
        feed_order = [f"orders/{p['order_id']}" for p in conn.execute(
            sa.select(outbox.c.payload).where(outbox.c.event_type == "OrderStateChanged")
            .order_by(outbox.c.position)).scalars()]
    assert received == feed_order
    if stack.app.engine.dialect.name == "postgresql":  # the hazard happened: ids committed out of order
        with stack.app.engine.connect() as conn:
            ids = conn.execute(sa.select(outbox.c.id).order_by(outbox.c.position)).scalars().all()
        assert ids != sorted(ids)
    for producer in range(PRODUCERS):  # each producer's transactions were sequential: so are its events
        mine = [int(r.split("-")[1]) for r in received if r.startswith(f"orders/p{producer}-")]
        assert mine == sorted(mine)


def run(stack, total: int, seed: int) -> int:
    hold_s = 0.002 if stack.app.engine.dialect.name == "postgresql" else 0.0
    producers = produce_concurrently(stack.app.uow.args[0], PRODUCERS, total, hold_s)
    received, connections = watch_with_drops(stack.channel, stack.md(), total, seed)
    for p in producers:
        p.join()
    check_exactly_once_in_order(stack, received, total)
    return connections


def test_a_client_that_drops_at_random_points_gets_10000_events_once_each_in_order(stack):
    assert run(stack, 10_000, seed=14) > 10


@pytest.mark.soak
def test_a_client_that_drops_at_random_points_gets_100000_events_once_each_in_order(stack):
    assert run(stack, 100_000, seed=1414) > 100
