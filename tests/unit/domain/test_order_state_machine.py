"""Stateful property test of the order's ERP state machine: people and fulfilment steps issue
every command, and Temu sends snapshots of any status, late or early, in any order.

Whatever the sequence:
- no order is pushed unless it was audited after its last (re)assignment;
- a marked, cancelled or do-not-ship order never moves again;
- a Temu snapshot never moves the ERP state back, and never does an ERP step for it;
- an order leaves EXCEPTION only for the state it came from, or for cancelled / do-not-ship.
"""
from __future__ import annotations

from datetime import timedelta

from hypothesis import settings, strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from domain.errors import PreconditionFailed
from domain.order import Order
from domain.order_states import TERMINAL_STATES, OrderState
from domain.platform_order import temu_rank

from .order_builders import T0, snapshot

S = OrderState
STATUSES = st.sampled_from([1, 2, 3, 4, 5, 41, 51, 7])  # 7: a status Temu never documented
# Half the time an order Temu still wants shipped: else most runs end final within a few steps.
LIVE_STATUSES = st.one_of(st.sampled_from([1, 2]), STATUSES)
# Where a Temu snapshot may take an order: only out of the ERP's hands, or from waiting to review.
BY_TEMU = {S.CANCELLED, S.DO_NOT_SHIP, S.EXCEPTION}


class OrderLifeCycle(RuleBasedStateMachine):
    @initialize(status=LIVE_STATUSES)
    def temu_shows_a_new_order(self, status):
        self.order = Order(id="o1", shop_id="s1", snapshot=snapshot(status), now=T0)
        self.minutes = 0

    def _now(self):
        self.minutes += 1
        return T0 + timedelta(minutes=self.minutes)

    # Each command is a rule of its own, so each is drawn as often as a Temu snapshot.
    @rule()
    def assign(self):
        self._attempt(self.order.assign)

    @rule()
    def unassign(self):
        self._attempt(self.order.unassign)

    @rule()
    def audit(self):
        self._attempt(self.order.audit)

    @rule()
    def record_push(self):
        self._attempt(self.order.record_push)

    @rule()
    def record_tracking(self):
        self._attempt(self.order.record_tracking)

    @rule()
    def mark_uploaded(self):
        self._attempt(self.order.mark_uploaded)

    @rule(code=st.sampled_from(["CHECK_STOCK", "ADDRESS_UNDELIVERABLE"]))
    def raise_exception(self, code):
        self._attempt(lambda now: self.order.raise_exception(code, now))

    @rule()
    def resolve_exception(self):
        self._attempt(self.order.resolve_exception)

    def _attempt(self, command) -> None:
        before = (self.order.state, self.order.history)
        try:
            command(self._now())
        except PreconditionFailed as refused:
            assert (self.order.state, self.order.history) == before
            assert refused.reason.startswith("ORDER_")
            assert refused.reason == "ORDER_IS_FINAL" or before[0] not in TERMINAL_STATES

    @rule(status=LIVE_STATUSES, age=st.integers(-3, 3))
    def temu_sends_a_snapshot(self, status, age):
        order = self.order
        before, temu_before = order.state, order.temu_status
        order.apply_platform_update(snapshot(status, self.minutes - age), self._now())
        after = order.state
        assert after is before or after in BY_TEMU or (before, after) == (S.AWAITING_PLATFORM, S.TO_REVIEW)
        if before in (S.PUSHED, S.SHIPPED):
            assert after in (before, S.EXCEPTION)  # pushed: only a person may cancel it
        if temu_rank(temu_before) >= 0 and temu_rank(order.temu_status) >= 0:
            assert temu_rank(order.temu_status) >= temu_rank(temu_before)

    def _steps(self):
        return [(S(h.from_state) if h.from_state else None, S(h.to_state)) for h in self.order.history]

    @invariant()
    def no_order_is_pushed_unless_audited_since_its_last_assignment(self):
        audited = False
        for came_from, to in self._steps():
            if to in (S.TO_REVIEW, S.ASSIGNED):
                audited = False
            elif to is S.AUDITED and came_from is S.ASSIGNED:
                audited = True
            elif to is S.PUSHED:
                assert audited

    @invariant()
    def a_final_state_is_the_last_step(self):
        steps = self._steps()
        assert all(to not in TERMINAL_STATES for _, to in steps[:-1])

    @invariant()
    def an_exception_returns_only_where_it_came_from_or_to_an_end(self):
        origin = None
        for came_from, to in self._steps():
            if came_from is S.EXCEPTION:
                assert to in (origin, S.CANCELLED, S.DO_NOT_SHIP)
            if to is S.EXCEPTION:
                origin = came_from or S.AWAITING_PLATFORM


TestOrderLifeCycle = OrderLifeCycle.TestCase
TestOrderLifeCycle.settings = settings(max_examples=200, stateful_step_count=40, deadline=None)
