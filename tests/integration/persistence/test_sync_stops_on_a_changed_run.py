"""Over the SQL unit of work (SQLite and PostgreSQL): a sync that finds its run changed by someone
else between two pages stores nothing of the page at hand, and the next call finishes the run."""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa

from adapters.persistence.tables import orders
from application.orders.run_sync import Outcome, RunSync
from application.orders.start_sync import schedule_history
from domain.platform_order import TemuStatus
from domain.sync import RunStatus
from tests.fakes import FakeClock
from tests.fakes_sync import FakeTemuOrders, TemuOrder

from .builders import random_shop, stored_shop

ORDERS, PAGE_SIZE = 250, 100


def stored_count(db, shop_id: str) -> int:
    with db.engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).where(orders.c.shop_id == shop_id)).scalar_one()


def interrupted_after_page_one(db, run_id: str, action: Callable[[], None]) -> Callable:
    """A unit-of-work factory that runs ``action`` once, before its first unit of work opened
    after the run's first page is stored."""
    pending = [action]

    def factory():
        if pending:
            with db.uow() as uow:
                pages_done = uow.sync_runs.get(run_id).pages_done
            if pages_done == 1:
                pending.pop()()
        return db.uow()
    return factory


def test_a_run_changed_between_pages_stops_the_sync_without_storing_that_page_and_loses_nothing(db):
    clock = FakeClock(datetime.now(timezone.utc))
    shop_id = stored_shop(db, random_shop(expires_at=clock.now() + timedelta(days=90), now=clock.now())).id
    with db.uow() as uow:
        run_id = schedule_history(uow, shop_id, uow.db_now()).id
        uow.commit()
    temu = FakeTemuOrders(clock)
    now = temu.now()
    for i in range(ORDERS):
        sn = f"PO-211-{i:05d}"
        temu.orders[sn] = TemuOrder(sn, TemuStatus.UN_SHIPPING, now - 86400 + i, now - 60 * (i + 1))

    def another_worker_notes_on_the_run() -> None:
        with db.uow() as uow:
            uow.sync_runs.get(run_id).note("another worker")
            uow.commit()

    factory = interrupted_after_page_one(db, run_id, another_worker_notes_on_the_run)
    outcome = RunSync(factory, temu, clock, max_pages=5, page_size=PAGE_SIZE, store_batch=1).execute(run_id)

    assert outcome is Outcome.BUSY
    assert stored_count(db, shop_id) == PAGE_SIZE
    with db.uow() as uow:
        run = uow.sync_runs.get(run_id)
    assert (run.pages_done, run.errors) == (1, ("another worker",))

    assert RunSync(db.uow, temu, clock, max_pages=5, page_size=PAGE_SIZE).execute(run_id) is Outcome.DONE
    assert stored_count(db, shop_id) == ORDERS
    with db.uow() as uow:
        run = uow.sync_runs.get(run_id)
    assert (run.status, run.errors) == (RunStatus.SUCCEEDED, ("another worker",))
