"""Each command of the order, from every ERP state: where it moves the order, and the reason it
gives where it refuses."""
from __future__ import annotations

from datetime import timedelta

import pytest

from domain.errors import PreconditionFailed
from domain.events import OrderStateChanged
from domain.order import EXCEPTION_CANCELLED_AFTER_PUSH
from domain.order_states import TERMINAL_STATES, OrderState
from domain.platform_order import TemuStatus

from .order_builders import T0, order_in, snapshot

S = OrderState
LATER = T0 + timedelta(hours=1)
ALL_STATES = pytest.mark.parametrize("state", list(OrderState), ids=lambda s: s.value)


def check(command: str, state: OrderState, moves: dict[OrderState, OrderState], reason: str) -> None:
    """``command`` moves an order in ``state`` as ``moves`` says, or refuses with the reason the
    first rule it breaks gives: final, in exception, then the command's own."""
    order = order_in(state)
    history, events = order.history, list(order.events)
    if state in moves:
        getattr(order, command)(LATER)
        assert order.state is moves[state]
        if moves[state] is not state:
            assert order.history[-1].from_state == state.value and order.updated_at == LATER
            changed = order.events[-1]
            assert isinstance(changed, OrderStateChanged) and changed.order_id == "o1"
            assert (changed.from_state, changed.to_state) == (state.value, moves[state].value)
            assert (changed.shop_id, changed.parent_order_sn) == (order.shop_id, "PO-211-1") and changed.reason
        return
    with pytest.raises(PreconditionFailed) as refused:
        getattr(order, command)(LATER)
    expected = "ORDER_IS_FINAL" if state in TERMINAL_STATES else \
        "ORDER_IN_EXCEPTION" if state is S.EXCEPTION else reason
    assert refused.value.reason == expected
    assert refused.value.subject == "orders/o1" and refused.value.details["state"] == state.value
    assert refused.value.message.startswith(f"Order PO-211-1 is {state.value}: ")
    assert (order.state, order.history, order.events) == (state, history, events)


@ALL_STATES
def test_assign_takes_an_order_to_review_and_a_reassignment_takes_back_the_audit(state):
    check("assign", state, {S.TO_REVIEW: S.ASSIGNED, S.ASSIGNED: S.ASSIGNED, S.AUDITED: S.ASSIGNED},
          "ORDER_NOT_REVIEWABLE")


@ALL_STATES
def test_unassign_returns_an_assigned_order_not_yet_pushed_to_review(state):
    check("unassign", state, {S.ASSIGNED: S.TO_REVIEW, S.AUDITED: S.TO_REVIEW}, "ORDER_NOT_ASSIGNED")


@ALL_STATES
def test_audit_needs_an_assigned_order(state):
    check("audit", state, {S.ASSIGNED: S.AUDITED}, "ORDER_NOT_ASSIGNED")


@ALL_STATES
def test_a_push_needs_an_audited_order(state):
    check("record_push", state, {S.AUDITED: S.PUSHED}, "ORDER_NOT_AUDITED")


@ALL_STATES
def test_tracking_needs_a_pushed_order(state):
    check("record_tracking", state, {S.PUSHED: S.SHIPPED}, "ORDER_NOT_PUSHED")


@ALL_STATES
def test_marking_shipped_on_temu_needs_a_shipped_order(state):
    check("mark_uploaded", state, {S.SHIPPED: S.MARKED}, "ORDER_NOT_SHIPPED")


@ALL_STATES
def test_an_exception_stops_any_order_not_yet_final(state):
    order = order_in(state)
    if state in TERMINAL_STATES:
        with pytest.raises(PreconditionFailed) as refused:
            order.raise_exception("ADDRESS_UNDELIVERABLE", LATER)
        assert refused.value.reason == "ORDER_IS_FINAL" and order.state is state
        return
    order.raise_exception("ADDRESS_UNDELIVERABLE", LATER)
    assert order.state is S.EXCEPTION and "ADDRESS_UNDELIVERABLE" in order.exceptions
    assert order.exception_origin() is (S.AWAITING_PLATFORM if state is S.EXCEPTION else state)


@pytest.mark.parametrize("state", [s for s in OrderState if s not in TERMINAL_STATES | {S.EXCEPTION}],
                         ids=lambda s: s.value)
def test_resolving_an_exception_returns_the_order_to_the_state_it_came_from(state):
    order = order_in(state)
    order.raise_exception("ADDRESS_UNDELIVERABLE", LATER)
    order.resolve_exception(LATER)
    assert order.state is state
    assert [(h.from_state, h.to_state) for h in order.history[-2:]] == \
        [(state.value, "EXCEPTION"), ("EXCEPTION", state.value)]


@pytest.mark.parametrize("state", [s for s in OrderState if s is not S.EXCEPTION], ids=lambda s: s.value)
def test_only_an_order_in_exception_is_resolved(state):
    order = order_in(state)
    with pytest.raises(PreconditionFailed) as refused:
        order.resolve_exception(LATER)
    final = state in TERMINAL_STATES
    assert refused.value.reason == ("ORDER_IS_FINAL" if final else "ORDER_NOT_IN_EXCEPTION") and order.state is state
    assert final or "only an order in exception is resolved" in refused.value.message


@pytest.mark.parametrize("origin", [S.AWAITING_PLATFORM, S.TO_REVIEW, S.ASSIGNED, S.AUDITED], ids=lambda s: s.value)
def test_an_exception_leads_to_a_push_or_a_shipment_only_by_the_path_it_came_from(origin):
    order = order_in(origin)
    order.raise_exception("CHECK_STOCK", LATER)
    for step in (order.record_push, order.record_tracking, order.mark_uploaded):
        with pytest.raises(PreconditionFailed) as refused:
            step(LATER)
        assert refused.value.reason == "ORDER_IN_EXCEPTION"
    order.resolve_exception(LATER)
    assert order.state is origin
    with pytest.raises(PreconditionFailed, match="only a pushed order gets tracking"):
        order.record_tracking(LATER)
    if origin is not S.AUDITED:
        with pytest.raises(PreconditionFailed, match="only an audited order is pushed"):
            order.record_push(LATER)


def test_an_order_born_in_exception_returns_to_waiting_on_temu():
    order = order_in(S.EXCEPTION)  # its Temu status was unreadable
    order.resolve_exception(LATER)
    assert order.state is S.AWAITING_PLATFORM


def test_an_order_temu_cancelled_after_the_push_is_cancelled_once_a_person_resolves_it():
    order = order_in(S.PUSHED)
    order.apply_platform_update(snapshot(TemuStatus.CANCELED, 5), LATER)
    assert order.state is S.EXCEPTION and EXCEPTION_CANCELLED_AFTER_PUSH in order.exceptions
    order.resolve_exception(LATER)
    assert order.state is S.CANCELLED


def test_an_order_that_waited_on_temu_in_exception_goes_to_review_once_resolved_if_temu_moved_on():
    order = order_in(S.AWAITING_PLATFORM)
    order.raise_exception("CHECK_BUYER", LATER)
    order.apply_platform_update(snapshot(TemuStatus.UN_SHIPPING, 5), LATER)
    assert order.state is S.EXCEPTION  # a person has it
    order.resolve_exception(LATER)
    assert [h.to_state for h in order.history[-2:]] == ["AWAITING_PLATFORM", "TO_REVIEW"]


@pytest.mark.parametrize("status, state", [(TemuStatus.CANCELED, S.CANCELLED), (TemuStatus.SHIPPED, S.DO_NOT_SHIP)])
def test_temu_cancels_or_ships_an_order_in_exception_that_was_never_pushed(status, state):
    order = order_in(S.AUDITED)
    order.raise_exception("CHECK_STOCK", LATER)
    order.apply_platform_update(snapshot(status, 5), LATER)
    assert order.state is state
