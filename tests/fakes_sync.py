"""In-memory doubles for order sync: order and run repositories, sync states, a fake Temu."""
from __future__ import annotations

import copy
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from decimal import Decimal

from application.ports.repositories import SyncState
from application.ports.temu import OrderPage, TemuAccess
from domain.errors import ConcurrencyConflict, TokenRevoked
from domain.order import Order
from domain.order_amounts import Money, OrderAmounts
from domain.platform_order import Address, OrderLine, PlatformOrder
from domain.sync import FINISHED, RunStatus, SyncRun, Window


class SyncStore:
    def __init__(self) -> None:
        self.orders: dict[str, Order] = {}
        self.runs: dict[str, SyncRun] = {}
        self.states: dict[str, dict] = {}
        self.slots: set[tuple] = set()
        self.problems: list[tuple[str, str, str]] = []
        self.nudged: dict[str, datetime] = {}
        self.outbox: list = []  # the events committed, in order


class _Working:
    """Copy-on-read working set, written back on commit (like a session)."""

    def __init__(self, table: dict) -> None:
        self.table, self.pending = table, {}

    def get(self, key):
        if key not in self.pending:
            if key not in self.table:
                return None
            self.pending[key] = copy.deepcopy(self.table[key])
        return self.pending[key]

    def commit(self) -> None:
        for k, v in self.pending.items():
            self.table[k] = copy.deepcopy(v)
        self.pending = {}


class _VersionedRuns(_Working):
    """Runs, like a session over a ``version_id_col`` table: committing a run that changed since
    it was read (or attached) bumps its version, and fails with ``ConcurrencyConflict``, writing
    no run, when the stored run's version moved on meanwhile. Unchanged runs write nothing.

    NOTE: ``InMemoryUnitOfWork.commit`` writes orders before runs, so unlike SQL a conflict here
    leaves that unit of work's orders stored; the SQL tests check that nothing of it is."""

    def __init__(self, table: dict) -> None:
        super().__init__(table)
        self.read: dict[str, SyncRun] = {}  # each pending run as it was read or attached

    def get(self, key):
        if key not in self.pending and key in self.table:
            return self.join(self.table[key])
        return self.pending.get(key)

    def join(self, run: SyncRun) -> SyncRun:
        self.read[run.id] = copy.deepcopy(run)
        self.pending[run.id] = copy.deepcopy(run)
        return self.pending[run.id]

    def commit(self) -> None:
        changed = [run for key, run in self.pending.items()
                   if key in self.read and _fields(run) != _fields(self.read[key])]
        if any(self.table.get(run.id, run).version != self.read[run.id].version for run in changed):
            raise ConcurrencyConflict("The record was changed by another request at the same time: "
                                      "reload it and try again.")
        for run in changed:
            run.version += 1
        super().commit()
        self.read = {}


def _fields(run: SyncRun) -> dict[str, object]:
    return {k: v for k, v in vars(run).items() if not k.startswith("_sa_")}


class InMemoryOrders:
    def __init__(self, store: SyncStore) -> None:
        self.w = _Working(store.orders)

    def add(self, order: Order) -> None:
        self.w.pending[order.id] = order

    def add_new(self, orders: list[Order]) -> None:
        for order in orders:
            self.w.pending[order.id] = copy.deepcopy(order)

    def get(self, order_id: str) -> Order | None:
        return self.w.get(order_id)

    def get_by_sn(self, shop_id: str, sn: str) -> Order | None:
        return self.get_many_by_sn(shop_id, [sn]).get(sn)

    def get_many_by_sn(self, shop_id: str, sns: list[str]) -> dict[str, Order]:
        ids = [o.id for o in {**self.w.table, **self.w.pending}.values()
               if o.shop_id == shop_id and o.parent_order_sn in sns]
        return {o.parent_order_sn: o for o in (self.w.get(i) for i in ids)}

    def needing_address(self, shop_id: str, limit: int) -> list[Order]:
        ids = [o.id for o in self.w.table.values() if o.shop_id == shop_id and o.needs_address()]
        return [self.w.get(i) for i in ids[:limit]]

    def needing_amounts(self, shop_id: str, limit: int) -> list[Order]:
        ids = [o.id for o in self.w.table.values() if o.shop_id == shop_id and o.needs_amounts()]
        return [self.w.get(i) for i in ids[:limit]]


class InMemorySyncRuns:
    def __init__(self, store: SyncStore) -> None:
        self.store, self.w = store, _VersionedRuns(store.runs)
        self.new_slots: set[tuple] = set()

    def add(self, run: SyncRun) -> None:
        self.w.read.pop(run.id, None)
        self.w.pending[run.id] = run

    def add_if_slot_free(self, run: SyncRun) -> bool:
        key = (run.shop_id, run.kind, run.slot_start)
        if key in self.store.slots or key in self.new_slots:
            return False
        self.new_slots.add(key)
        self.add(run)
        return True

    def get(self, run_id: str) -> SyncRun | None:
        return self.w.get(run_id)

    def attach(self, run: SyncRun) -> SyncRun:
        """As if read, without reading: a copy of ``run``, checked against the store on commit."""
        return self.w.join(run)

    def unfinished_for_shop(self, shop_id: str) -> list[SyncRun]:
        ids = [r.id for r in {**self.w.table, **self.w.pending}.values()
               if r.shop_id == shop_id and r.status not in FINISHED]
        return [self.w.get(i) for i in ids]

    def stalled_ids(self, now: datetime, after: timedelta) -> list[str]:
        """Here nobody holds a lease, so every run asked for ``after`` ago is stalled."""
        return [r.id for r in {**self.w.table, **self.w.pending}.values()
                if r.status in (RunStatus.PENDING, RunStatus.RUNNING)
                and now - self.store.nudged.get(r.id, r.created_at) >= after]

    def mark_nudged(self, run_ids: list[str], now: datetime) -> None:
        for i in run_ids:
            self.store.nudged[i] = now

    def record_problem(self, run_id: str, sn: str, reason: str, now: datetime) -> None:
        self.store.problems.append((run_id, sn, reason))

    def commit(self) -> None:
        events = [e for run in self.w.pending.values() for e in run.events]
        for run in self.w.pending.values():
            run.events.clear()
        self.w.commit()  # NOTE: may raise ConcurrencyConflict: then no event was committed
        self.store.outbox.extend(events)
        self.store.slots |= self.new_slots
        self.new_slots = set()


class InMemorySyncStates:
    def __init__(self, store: SyncStore, shops) -> None:
        self.store, self.shops = store, shops

    def get(self, shop_id: str) -> SyncState | None:
        s = self.store.states.get(shop_id)
        return SyncState(shop_id, s["watermark"], s["history_from"]) if s else None

    def ensure(self, shop_id: str, history_from: datetime) -> None:
        self.store.states.setdefault(shop_id, {"watermark": None, "history_from": history_from,
                                               "owner": None, "until": None})

    def claim(self, shop_id, run_id, owner, now, until) -> bool:
        s = self.store.states[shop_id]
        if s["owner"] in (None, owner) or s["until"] <= now:
            s.update(owner=owner, until=until)
            return True
        return False

    def release(self, shop_id: str, owner: str) -> None:
        s = self.store.states.get(shop_id)
        if s and s["owner"] == owner:
            s.update(owner=None, until=None)

    def claim_addresses(self, shop_id, owner, now, until) -> bool:
        s = self.store.states.get(shop_id)
        if s is None:
            return False
        if s.get("address_owner") in (None, owner) or s["address_until"] <= now:
            s.update(address_owner=owner, address_until=until)
            return True
        s["address_wanted"] = True
        return False

    def release_addresses(self, shop_id: str, owner: str) -> bool:
        s = self.store.states.get(shop_id)
        if not s or s.get("address_owner") != owner:
            return False
        wanted = s.get("address_wanted", False)
        s.update(address_owner=None, address_until=None, address_wanted=False)
        return wanted

    def advance_watermark(self, shop_id: str, to: datetime) -> None:
        s = self.store.states[shop_id]
        if s["watermark"] is None or to > s["watermark"]:
            s["watermark"] = to

    def due_shop_ids(self, now: datetime, interval: timedelta) -> list[str]:
        return [k for k, s in self.store.states.items()
                if s["watermark"] is not None and now - s["watermark"] >= interval
                and (shop := self.shops.get(k)) is not None and shop.can_sync_orders(now)]


class InMemoryJobSlots:
    def __init__(self) -> None:
        self.taken: set = set()

    def claim(self, job: str, slot_start: datetime) -> bool:
        if (job, slot_start) in self.taken:
            return False
        self.taken.add((job, slot_start))
        return True


@dataclass
class TemuOrder:
    sn: str
    status: int
    created: int
    updated: int


class FakeTemuOrders:
    """Temu's order list as the sandbox serves it: windows on update time, newest first."""

    def __init__(self, clock) -> None:
        self.clock = clock
        self.orders: dict[str, TemuOrder] = {}
        self.revoked = False
        self.fail_next = 0
        self.calls = 0
        self.on_call = None  # called before each answer: lets a test change orders mid-sync

    def now(self) -> int:
        return int(self.clock.now().timestamp())

    def list_orders(self, access: TemuAccess, window: Window, page_number: int, page_size: int) -> OrderPage:
        self.calls += 1
        if self.on_call:
            self.on_call()
        if self.revoked:
            raise TokenRevoked("expired or replaced")
        if self.fail_next:
            self.fail_next -= 1
            raise ConnectionError("Temu did not answer")
        hits = sorted((o for o in self.orders.values() if window.start <= o.updated <= window.end),
                      key=lambda o: (-o.updated, o.sn))
        chunk = hits[(page_number - 1) * page_size: page_number * page_size]
        return OrderPage([to_platform(o) for o in chunk], [], len(hits), page_number, page_size)

    def get_order(self, access, sn):
        o = self.orders.get(sn)
        return to_platform(o) if o else None

    def get_address(self, access, sn) -> Address | None:
        return Address(name="A. Buyer", country="US") if sn in self.orders else None

    def get_amounts(self, access, sn) -> OrderAmounts | None:
        goods = Money("USD", Decimal("12.50"))
        return OrderAmounts("USD", goods=goods, revenue=goods) if sn in self.orders else None


def _t(s: int) -> datetime:
    return datetime.fromtimestamp(s, tz=timezone.utc)


def to_platform(o: TemuOrder) -> PlatformOrder:
    line = OrderLine(f"{o.sn}-1", 1, 2, 3, "SKU-1", "Mug", "Blue", 1, 0, 1, o.status)
    return PlatformOrder(o.sn, o.status, 211, 100, _t(o.created), _t(o.updated), None, (replace(line),))
