"""Stateful property test of mark-shipped (issue 12, acceptance 4) over a real database: tracking
numbers arrive one package at a time, people mark orders, automatic marking goes on and off,
the worker runs, Temu is busy, times out after applying a shipment, refuses, or the worker is
killed just after Temu's answer.

After every step: Temu never received part of a split order, and no package twice. At
quiescence (Temu well again, failures retried): every package confirmed at Temu exactly once.
"""
from __future__ import annotations

import uuid

import pytest
from hypothesis import HealthCheck, settings, strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from application.mark_shipped.marking import AutoMark, MarkShipped, RetryMarkShipped
from application.mark_shipped.send import SendUpload
from application.ports.temu_logistics import ALREADY_SHIPPED, PackageAtTemu
from application.ports.temu_shipments import Tracking
from domain.errors import DomainError, PreconditionFailed, UpstreamUnavailable
from domain.upload import UploadState, upload_id
from tests.integration.persistence.builders import random_line, random_order
from tests.integration.persistence.packages_world import ADDRESS, OWNER, PackagesWorld

MODES = (None, "busy", "timeout", "refuse", "crash")


class FakeTemu:
    """Temu's shipments as the uploader sees them; ``mode`` spoils the next confirm."""

    def __init__(self) -> None:
        self.mode: str | None = None
        self.calls: list = []
        self.held: dict[str, list[str]] = {}  # child order number -> tracking numbers

    def confirm(self, access, confirmation):
        mode, self.mode = self.mode, None
        if mode == "busy":
            raise UpstreamUnavailable("Temu is busy", retry_after_s=0)
        if mode == "refuse":
            raise PreconditionFailed("The buyer asked to cancel.", reason="PENDING_CANCEL_OR_ADDRESS_CHANGE")
        if any(i.order_sn in self.held for p in confirmation.parcels for i in p.items):
            raise PreconditionFailed("Already shipped.", reason=ALREADY_SHIPPED)
        self.calls.append(confirmation)
        for parcel in confirmation.parcels:
            for item in parcel.items:
                self.held.setdefault(item.order_sn, []).extend(parcel.tracking_numbers)
        if mode == "timeout":
            raise UpstreamUnavailable("Temu did not answer in time", retry_after_s=0)
        if mode == "crash":
            raise RuntimeError("the worker was killed after Temu's answer")

    def shipped_packages(self, access, parent_order_sn, order_sn):
        return tuple(PackageAtTemu(f"PK-{n}", Tracking(5001, n)) for n in self.held.get(order_sn, ()))


class MarkShippedMachine(RuleBasedStateMachine):
    world: PackagesWorld

    def __init__(self) -> None:
        super().__init__()
        w = self.world
        self.temu = FakeTemu()
        self.auto, self.mark = AutoMark(w.db.uow, w.clock), MarkShipped(w.db.uow, w.clock)
        self.retry, self.send = RetryMarkShipped(w.db.uow, w.clock), SendUpload(w.db.uow, self.temu, w.clock)
        split, single = self._order(3), self._order(1)
        w.assign(split, single)
        sn = split.lines[0].order_sn
        w.packages.packing.split(w.caller, split.id, [[(sn, 1)], [(sn, 2)]])
        w.packages.packing.audit(w.caller, (split.id, single.id))
        self.orders = [split, single]
        with w.db.uow() as uow:
            self.packages = {o.id: [p.id for p in uow.packages.holding([o.id])] for o in self.orders}

    def _order(self, quantity: int):
        """A stored order numbered from a UUID: Hypothesis seeds ``random`` alike for every example."""
        order = random_order(self.world.shop.id, lines=(random_line(None, quantity),),
                             sn=f"PO-211-{uuid.uuid4().int % 10**16}")
        order.record_address(ADDRESS, order.created_at)
        with self.world.db.uow() as uow:
            uow.orders.add(order)
            uow.commit()
        return order

    def _numbers_of(self, order) -> set[str]:
        with self.world.db.uow() as uow:
            return {n for p in uow.packages.holding([order.id]) for n in p.tracking_numbers}

    @rule(i=st.integers(0, 10))
    def tracking_arrives(self, i):
        waiting = [p for ps in self.packages.values() for p in ps if not self.world.package(p).tracking_numbers]
        if waiting:
            package = waiting[i % len(waiting)]
            self.world.push_all([package])
            self.auto.execute(package)  # the PackageTracked handler

    @rule(on=st.booleans())
    def automatic_marking(self, on):
        self.mark_auto = on
        with self.world.db.uow() as uow:
            uow.uploads.set_automatic(self.world.shop.id, on, self.world.clock.now())
            uow.commit()

    @rule(i=st.integers(0, 1))
    def person_marks(self, i):
        self.mark.execute(OWNER, (self.orders[i].id,))

    @rule(mode=st.sampled_from(MODES))
    def temu_misbehaves_next(self, mode):
        self.temu.mode = mode

    @rule()
    def worker_runs(self):
        for order in self.orders:
            try:
                self.send.execute(upload_id((order.id,)))
            except RuntimeError:
                pass  # killed: the message comes back, as Dramatiq redelivers it

    @invariant()
    def temu_never_sees_part_of_an_order_nor_a_package_twice(self):
        for call in self.temu.calls:
            for sn in call.parent_order_sns:
                order = next(o for o in self.orders if o.parent_order_sn == sn)
                sent = {n for p in call.parcels for n in p.tracking_numbers}
                assert self._numbers_of(order) <= sent, "a package of the order was left out"
        numbers = [n for ns in self.temu.held.values() for n in ns]
        assert len(numbers) == len(set(numbers)), "a package confirmed twice"

    def teardown(self):
        self.temu.mode = None
        for ps in self.packages.values():
            self.world.push_all(ps)
        for _ in range(5):
            for order in self.orders:
                try:
                    self.mark.execute(OWNER, (order.id,))
                    self.retry.execute(OWNER, upload_id((order.id,)))
                except DomainError:
                    pass
                while self.send.execute(upload_id((order.id,))) is not None:
                    pass
        with self.world.db.uow() as uow:
            states = {o.id: uow.uploads.get(upload_id((o.id,))).state for o in self.orders}
        assert all(s is UploadState.UPLOADED for s in states.values()), states
        for order in self.orders:
            confirmed = [n for line in order.lines for n in self.temu.held.get(line.order_sn, [])]
            assert sorted(confirmed) == sorted(self._numbers_of(order)), "each package exactly once"


@pytest.mark.parametrize("db", ["sqlite"], indirect=True)
def test_uploads_are_whole_and_once_whatever_happens(db):
    MarkShippedMachine.world = PackagesWorld(db)
    run_state_machine_as_test(MarkShippedMachine, settings=settings(
        max_examples=15, stateful_step_count=12, deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]))
