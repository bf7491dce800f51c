"""The order sync use cases end to end over the SQL unit of work (SQLite and PostgreSQL), with
Temu faked: a new shop's 30-day history, then the periodic incremental sync."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa

from adapters.persistence.tables import orders
from application.orders.run_sync import Outcome, RunSync
from application.orders.start_sync import DEFAULT_OVERLAP, ScheduleSyncs, schedule_history
from domain.order_states import OrderState
from domain.platform_order import TemuStatus
from domain.sync import RunStatus, SyncKind
from tests.fakes import FakeClock
from tests.fakes_sync import FakeTemuOrders, TemuOrder

from .builders import random_shop, stored_shop

ORDERS = 250


def utc(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, tz=timezone.utc)


def run_until_done(runner: RunSync, run_id: str) -> list[Outcome]:
    outcomes = [runner.execute(run_id)]
    while outcomes[-1] is Outcome.CONTINUE and len(outcomes) < 10:
        outcomes.append(runner.execute(run_id))
    return outcomes


def stored_orders(db, shop_id: str) -> list[tuple[str, str]]:
    query = sa.select(orders.c.parent_order_sn, orders.c.state).where(orders.c.shop_id == shop_id)
    with db.engine.connect() as conn:
        return [(sn, state) for sn, state in conn.execute(query)]


@dataclass
class SyncedShop:
    shop_id: str
    history_id: str
    temu: FakeTemuOrders
    runner: RunSync
    start: int  # Unix seconds when Temu's orders were made
    catch_up_id: str  # the incremental run that follows the history at once


def history_synced(db) -> SyncedShop:
    """A shop authorized now, with 250 to-ship orders of the last 20 days on Temu, whose
    history run is scheduled as AuthorizeShop does and run by workers until done."""
    clock = FakeClock(datetime.now(timezone.utc))
    shop = stored_shop(db, random_shop(expires_at=clock.now() + timedelta(days=90), now=clock.now()))
    with db.uow() as uow:
        history = schedule_history(uow, shop.id, uow.db_now())
        uow.commit()
    temu = FakeTemuOrders(clock)
    start = temu.now()
    for i in range(ORDERS):
        sn = f"PO-211-{i:05d}"
        temu.orders[sn] = TemuOrder(sn, TemuStatus.UN_SHIPPING, start - 86400 * 20 + i, start - 3600 - 60 * i)
    runner = RunSync(db.uow, temu, clock, max_pages=2)
    assert run_until_done(runner, history.id) == [Outcome.CONTINUE, Outcome.DONE]
    (catch_up,) = unfinished(db, shop.id)  # what changed while the history was read: nothing here
    assert runner.execute(catch_up) is Outcome.DONE
    return SyncedShop(shop.id, history.id, temu, runner, start, catch_up)


def test_a_new_shops_history_stores_every_order_once_and_moves_the_watermark(db):
    synced = history_synced(db)

    stored = stored_orders(db, synced.shop_id)
    assert len(stored) == ORDERS and {sn for sn, _ in stored} == set(synced.temu.orders)
    with db.uow() as uow:
        run, state = uow.sync_runs.get(synced.history_id), uow.sync_states.get(synced.shop_id)
        catch_up = uow.sync_runs.get(synced.catch_up_id)
        now = uow.db_now()
        lease_free = uow.sync_states.claim(synced.shop_id, "another-run", "another-worker", now, now)
    assert (run.status, run.percent(), run.created, run.pages_done) == (RunStatus.SUCCEEDED, 100.0, ORDERS, 3)
    assert (catch_up.status, catch_up.created) == (RunStatus.SUCCEEDED, 0)
    assert catch_up.window_end >= run.window_end and state.watermark == utc(catch_up.window_end)
    assert lease_free


def test_an_order_changed_while_the_history_was_read_is_stored_at_once_not_at_the_next_slot(db):
    clock = FakeClock(datetime.now(timezone.utc))
    shop = stored_shop(db, random_shop(expires_at=clock.now() + timedelta(days=90), now=clock.now()))
    with db.uow() as uow:  # the history was asked for 30 s ago: it took that long to read
        history = schedule_history(uow, shop.id, uow.db_now() - timedelta(seconds=30))
        uow.commit()
    temu = FakeTemuOrders(clock)
    temu.orders["PO-211-00001"] = TemuOrder("PO-211-00001", TemuStatus.UN_SHIPPING, history.window_end - 86400,
                                            history.window_end - 60)
    temu.orders["PO-211-00002"] = TemuOrder("PO-211-00002", TemuStatus.UN_SHIPPING, history.window_end + 10,
                                            history.window_end + 10)  # made while the history was read
    runner = RunSync(db.uow, temu, clock)
    assert runner.execute(history.id) is Outcome.DONE
    assert [sn for sn, _ in stored_orders(db, shop.id)] == ["PO-211-00001"]

    (catch_up_id,) = unfinished(db, shop.id)
    ScheduleSyncs(db.uow, interval=timedelta(hours=1)).execute()
    assert unfinished(db, shop.id) == [catch_up_id]  # one run at a time, whatever the schedule
    assert runner.execute(catch_up_id) is Outcome.DONE

    assert sorted(sn for sn, _ in stored_orders(db, shop.id)) == ["PO-211-00001", "PO-211-00002"]
    with db.uow() as uow:
        catch_up, state = uow.sync_runs.get(catch_up_id), uow.sync_states.get(shop.id)
        assert schedule_history(uow, shop.id, uow.db_now()) is None  # the history is once per shop
    assert catch_up.kind is SyncKind.INCREMENTAL and catch_up.status is RunStatus.SUCCEEDED
    assert catch_up.window_start == history.window_end - DEFAULT_OVERLAP.total_seconds()
    assert catch_up.window_end > history.window_end + 10 and catch_up.created == 1
    assert state.watermark == utc(catch_up.window_end)


def test_once_the_interval_passed_the_scheduler_starts_one_incremental_sync_that_picks_up_changes(db):
    synced = history_synced(db)
    ScheduleSyncs(db.uow, interval=timedelta(hours=1)).execute()
    assert unfinished(db, synced.shop_id) == []
    changed = synced.temu.orders["PO-211-00000"]
    changed.status, changed.updated = TemuStatus.SHIPPED, synced.start - 2
    scheduler = ScheduleSyncs(db.uow, interval=timedelta(seconds=1))
    with db.uow() as uow:
        watermark = uow.sync_states.get(synced.shop_id).watermark

    scheduler.execute()

    with db.uow() as uow:
        (incremental,) = uow.sync_runs.unfinished_for_shop(synced.shop_id)
    assert incremental.kind is SyncKind.INCREMENTAL
    assert utc(incremental.window_start) == watermark - DEFAULT_OVERLAP
    scheduler.execute()
    assert unfinished(db, synced.shop_id) == [incremental.id]  # the shop has a run already
    assert synced.runner.execute(incremental.id) is Outcome.DONE
    stored = dict(stored_orders(db, synced.shop_id))
    assert len(stored) == ORDERS and stored["PO-211-00000"] is OrderState.DO_NOT_SHIP
    with db.uow() as uow:
        run, state = uow.sync_runs.get(incremental.id), uow.sync_states.get(synced.shop_id)
    assert (run.status, run.updated, run.created) == (RunStatus.SUCCEEDED, 1, 0)
    assert state.watermark == utc(incremental.window_end)


def unfinished(db, shop_id: str) -> list[str]:
    with db.uow() as uow:
        return [run.id for run in uow.sync_runs.unfinished_for_shop(shop_id)]
