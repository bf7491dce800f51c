"""What a sync trusts between the pages of one call, now that it reads neither its run nor the
database clock again for each page: a run changed meanwhile, or a lease lost meanwhile, stops
the sync with nothing lost, and each page renews the lease from the database time carried forward."""
from __future__ import annotations

from collections.abc import Callable

from application.orders.run_sync import LEASE, Outcome, RunSync
from application.ports.temu import OrderPage
from application.shops.facade import ShopUseCases
from domain.platform_order import TemuStatus
from domain.shop_kinds import Region
from domain.sync import RunStatus
from tests.fakes import InMemoryShopReader, InMemoryUnitOfWork
from tests.fakes_sync import FakeTemuOrders, SyncStore, TemuOrder
from tests.unit.application.shop_world import ShopWorld

ORDERS, PAGE_SIZE = 7, 3  # three pages: 3, 3 and 1 orders


class SyncWorld:
    """A shop with its history run scheduled, seven orders on Temu, and a worker before whose
    storing of a page something else can happen (``before_storing_page``)."""

    def __init__(self) -> None:
        w = self.world = ShopWorld()
        self.sync = SyncStore()
        self.temu = FakeTemuOrders(w.clock)
        now = self.temu.now()
        for i in range(ORDERS):
            sn = f"PO-211-{i:05d}"
            self.temu.orders[sn] = TemuOrder(sn, TemuStatus.UN_SHIPPING, now - 86400, now - 60 * (i + 1))
        w.shops = ShopUseCases(self.uow, InMemoryShopReader(w.store), w.temu, w.clock)
        self.shop_id = w.authorize("Shop", 1001, Region.US).shop.id
        (self.run_id,) = self.sync.runs
        self.before_page: dict[int, Callable[[], None]] = {}
        self.calls = {"db_now": 0, "get": 0}
        self.runner = RunSync(self._worker_uow, self.temu, w.clock, max_pages=3, page_size=PAGE_SIZE, store_batch=1)

    def uow(self) -> InMemoryUnitOfWork:
        return InMemoryUnitOfWork(self.world.store, self.sync, self.world.clock)

    def before_storing_page(self, page: int, action: Callable[[], None]) -> None:
        """``action`` runs before the worker's first unit of work once page ``page - 1`` is stored
        (so ``page`` is 2 or more)."""
        self.before_page[page] = action

    def _worker_uow(self) -> InMemoryUnitOfWork:
        if (action := self.before_page.pop(self.sync.runs[self.run_id].pages_done + 1, None)) is not None:
            action()
        uow = self.uow()
        uow.db_now, uow.sync_runs.get = self._counted("db_now", uow.db_now), self._counted("get", uow.sync_runs.get)
        return uow

    def _counted(self, name: str, fn: Callable) -> Callable:
        def counted(*args: object) -> object:
            self.calls[name] += 1
            return fn(*args)
        return counted

    def stored_sns(self) -> set[str]:
        return {o.parent_order_sn for o in self.sync.orders.values()}


def another_worker_notes_on_the_run(world: SyncWorld) -> Callable[[], None]:
    def note() -> None:
        with world.uow() as uow:
            uow.sync_runs.get(world.run_id).note("touched by another worker")
            uow.commit()
    return note


def test_a_call_of_three_pages_reads_its_run_once_and_the_database_clock_in_each_transaction():
    """The run is read once, then carried from one transaction to the next. The lease is renewed
    on the database clock of each transaction: twice around the first claim (which may have
    waited for the previous run's commit), then once per page stored."""
    world = SyncWorld()

    assert world.runner.execute(world.run_id) is Outcome.DONE

    assert world.calls == {"db_now": 2 + 3, "get": 1}
    assert world.stored_sns() == set(world.temu.orders)
    assert world.sync.runs[world.run_id].status is RunStatus.SUCCEEDED


def test_a_run_changed_by_another_worker_between_pages_stops_the_call_busy_and_keeps_that_change():
    world = SyncWorld()
    world.before_storing_page(2, another_worker_notes_on_the_run(world))

    assert world.runner.execute(world.run_id) is Outcome.BUSY

    run = world.sync.runs[world.run_id]
    assert run.errors == ("touched by another worker",)
    assert (run.pages_done, run.status) == (1, RunStatus.RUNNING)
    assert world.sync.states[world.shop_id]["owner"] is None  # the lease is free for the next try


def test_after_a_run_changed_between_pages_the_next_call_resumes_it_and_every_order_is_stored():
    world = SyncWorld()
    world.before_storing_page(2, another_worker_notes_on_the_run(world))
    world.runner.execute(world.run_id)

    assert world.runner.execute(world.run_id) is Outcome.DONE

    run = world.sync.runs[world.run_id]
    assert world.stored_sns() == set(world.temu.orders)
    assert (run.status, run.errors) == (RunStatus.SUCCEEDED, ("touched by another worker",))


def test_each_page_renews_the_lease_from_the_database_time_carried_forward():
    world = SyncWorld()
    leases = []
    world.before_storing_page(2, lambda: world.world.clock.advance(seconds=30))
    world.before_storing_page(3, lambda: leases.append(world.sync.states[world.shop_id]["until"]))

    world.runner.execute(world.run_id)

    assert leases == [world.world.clock.now() + LEASE]


def test_a_lease_another_worker_took_once_ours_ran_out_between_pages_stops_the_call_busy():
    world = SyncWorld()

    def time_passes_and_another_worker_takes_the_shop() -> None:
        world.world.clock.advance(seconds=LEASE.total_seconds() + 1)
        now = world.world.clock.now()
        assert world.sync.states[world.shop_id]["until"] < now
        assert world.uow().sync_states.claim(world.shop_id, world.run_id, "another worker", now, now + LEASE)
    world.before_storing_page(2, time_passes_and_another_worker_takes_the_shop)

    assert world.runner.execute(world.run_id) is Outcome.BUSY

    assert world.sync.runs[world.run_id].pages_done == 1
    assert world.sync.states[world.shop_id]["owner"] == "another worker"
    assert not world.stored_sns() - {f"PO-211-{i:05d}" for i in range(PAGE_SIZE)}


def test_each_page_is_read_before_the_transaction_that_stores_it_begins():
    """Reading (parsing) a page of 100 orders takes longer than storing it; inside the
    transaction it held SQLite's one write lock, so the other shops' pages waited (issue 9)."""
    world, events = SyncWorld(), []
    listed = world.temu.list_orders

    def deferred(access, window, page_number, page_size) -> OrderPage:
        page = listed(access, window, page_number, page_size)

        def read():
            events.append("read")
            return page.orders, page.skipped
        return OrderPage.deferred(read, page.update_times, page.total, page.page_number, page.page_size)

    def worker_uow() -> InMemoryUnitOfWork:
        events.append("transaction")
        return world.uow()

    world.temu.list_orders = deferred
    runner = RunSync(worker_uow, world.temu, world.world.clock, max_pages=3, page_size=PAGE_SIZE, store_batch=1)

    assert runner.execute(world.run_id) is Outcome.DONE

    assert events == ["transaction"] + ["read", "transaction"] * 3
    assert world.stored_sns() == set(world.temu.orders)
