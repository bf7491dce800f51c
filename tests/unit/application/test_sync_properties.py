"""Stateful property test of order sync (issue 3, acceptance 2), over in-memory ports.

Temu adds, updates, cancels and ships orders at random while syncs run, repeat, overlap and
crash half-way; at quiescence the ERP holds exactly Temu's orders of the 30-day window, one row
per parent order, and no status ever went backwards.
"""
from __future__ import annotations

from datetime import timedelta

from hypothesis import settings, strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from application.orders.run_sync import RunSync
from application.orders.start_sync import ScheduleSyncs
from application.shops.facade import ShopUseCases
from domain.platform_order import temu_rank
from domain.shop_kinds import Region
from tests.fakes import InMemoryShopReader, InMemoryUnitOfWork
from tests.fakes_sync import FakeTemuOrders, SyncStore, TemuOrder
from tests.unit.application.shop_world import ShopWorld

NEXT = {1: [2, 3], 2: [4, 3], 4: [5]}
INTERVAL = timedelta(seconds=120)


class OrderSyncMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        w = self.world = ShopWorld()
        self.sync = SyncStore()
        self.temu = FakeTemuOrders(w.clock)
        uow = lambda: InMemoryUnitOfWork(w.store, self.sync, w.clock)  # noqa: E731
        w.shops = ShopUseCases(uow, InMemoryShopReader(w.store), w.temu, w.clock)
        self.runner = RunSync(uow, self.temu, w.clock, max_pages=2, page_size=3)
        self.scheduler = ScheduleSyncs(uow, interval=INTERVAL, overlap=timedelta(seconds=30))
        self.n = 0
        self.seen_rank: dict[str, int] = {}
        for _ in range(8):
            self._add(age_s=86400 * 20)
        self.shop = w.authorize("Shop", 1001, Region.US).shop

    def _add(self, age_s: int, status: int = 2) -> None:
        self.n += 1
        now = self.temu.now()
        self.temu.orders[f"PO-211-{self.n:05d}"] = TemuOrder(f"PO-211-{self.n:05d}", status, now - age_s, now)

    @rule(age=st.sampled_from([0, 60, 86400 * 29, 86400 * 45]), status=st.sampled_from([1, 2, 4]))
    def temu_adds_an_order(self, age, status):
        self._add(age, status)

    @rule(pick=st.integers(0, 10_000), cancel=st.booleans())
    def temu_moves_an_order_on(self, pick, cancel):
        movable = [o for o in self.temu.orders.values() if o.status in NEXT]
        if movable:
            o = movable[pick % len(movable)]
            choices = NEXT[o.status]
            o.status = choices[-1] if cancel else choices[0]
            o.updated = self.temu.now()

    @rule(seconds=st.integers(1, 400))
    def time_passes(self, seconds):
        self.world.clock.advance(seconds=seconds)

    @rule()
    def scheduler_ticks(self):
        self.scheduler.execute()

    @rule(pick=st.integers(0, 100), crash=st.booleans(), change_mid_page=st.booleans())
    def a_worker_runs_a_sync(self, pick, crash, change_mid_page):
        runs = [r for r in self.sync.runs.values() if not r.done]
        if not runs:
            return
        run = runs[pick % len(runs)]
        if change_mid_page:  # an order changes on Temu while we page: it leaves our window
            def change() -> None:
                self.world.clock.advance(seconds=1)
                self.temu_moves_an_order_on(pick, False)
            self.temu.on_call = change
        self.temu.fail_next = 1 if crash else 0
        try:
            self.runner.execute(run.id)
        except ConnectionError:
            pass  # the message will be redelivered; the run resumes from its cursor
        finally:
            self.temu.on_call, self.temu.fail_next = None, 0

    @invariant()
    def one_row_per_parent_order_and_no_status_goes_back(self):
        sns = [o.parent_order_sn for o in self.sync.orders.values()]
        assert len(sns) == len(set(sns))
        for o in self.sync.orders.values():
            rank = temu_rank(o.temu_status)
            assert rank >= self.seen_rank.get(o.parent_order_sn, -1)
            self.seen_rank[o.parent_order_sn] = rank

    def teardown(self):
        for _ in range(3):  # quiescence: let the schedule and the workers drain
            self.world.clock.advance(seconds=INTERVAL.total_seconds() + 1)
            self.scheduler.execute()
            for _ in range(200):
                runs = [r for r in self.sync.runs.values() if not r.done]
                if not runs:
                    break
                self.runner.execute(runs[0].id)
        horizon = self.sync.states[self.shop.id]["history_from"].timestamp()
        expected = {o.sn: o.status for o in self.temu.orders.values() if o.created >= horizon}
        held = {o.parent_order_sn: o.temu_status for o in self.sync.orders.values()}
        assert held == expected


TestOrderSync = OrderSyncMachine.TestCase
TestOrderSync.settings = settings(max_examples=80, stateful_step_count=40, deadline=None)
