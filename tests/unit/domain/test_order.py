"""The order's ERP state machine and how it follows Temu (ORD-2, issue 3 scenario 4)."""
from __future__ import annotations

import pytest

from domain.errors import PreconditionFailed
from domain.order import EXCEPTION_CANCELLED_AFTER_PUSH, Order
from domain.order_states import OrderState
from domain.platform_order import Address

from .order_builders import T0, order_in, snapshot

@pytest.mark.parametrize("status, state", [
    (1, OrderState.AWAITING_PLATFORM), (2, OrderState.TO_REVIEW), (3, OrderState.CANCELLED),
    (4, OrderState.DO_NOT_SHIP), (5, OrderState.DO_NOT_SHIP), (41, OrderState.DO_NOT_SHIP),
    (7, OrderState.EXCEPTION),
])
def test_an_order_lands_in_the_state_its_temu_status_calls_for(status, state):
    order = Order(id="o1", shop_id="s1", snapshot=snapshot(status), now=T0)
    assert order.state is state
    assert (state is OrderState.EXCEPTION) == bool(order.exceptions)


def test_a_pending_order_becomes_processable_when_temu_moves_it_to_ship():
    order = Order(id="o1", shop_id="s1", snapshot=snapshot(1), now=T0)
    assert order.apply_platform_update(snapshot(2, 5), T0)
    assert order.state is OrderState.TO_REVIEW and order.is_processable()
    assert [h.to_state for h in order.history] == ["AWAITING_PLATFORM", "TO_REVIEW"]


def test_a_cancel_on_temu_cancels_an_order_not_yet_pushed():
    order = order_in(OrderState.ASSIGNED)
    order.apply_platform_update(snapshot(3, 5), T0)
    assert order.state is OrderState.CANCELLED


def test_a_cancel_on_temu_after_the_push_raises_an_exception_flag():
    order = order_in(OrderState.PUSHED)
    order.apply_platform_update(snapshot(3, 5), T0)
    assert order.state is OrderState.EXCEPTION and EXCEPTION_CANCELLED_AFTER_PUSH in order.exceptions


def test_an_older_or_backwards_snapshot_never_moves_an_order_back():
    order = Order(id="o1", shop_id="s1", snapshot=snapshot(4, 10), now=T0)
    assert not order.apply_platform_update(snapshot(2, 5), T0)  # older
    assert not order.apply_platform_update(snapshot(2, 20), T0)  # newer but backwards
    assert order.temu_status == 4 and order.state is OrderState.DO_NOT_SHIP


def test_a_do_not_ship_order_can_never_be_pushed():
    order = Order(id="o1", shop_id="s1", snapshot=snapshot(4), now=T0)
    with pytest.raises(PreconditionFailed) as err:
        order.record_push(T0)
    assert err.value.reason == "ORDER_IS_FINAL"


def test_the_address_is_fetched_once_and_again_only_after_temu_changed_the_order():
    order = Order(id="o1", shop_id="s1", snapshot=snapshot(2), now=T0)
    assert order.needs_address()
    order.record_address(Address(city="X"), T0)
    assert not order.needs_address()
    order.apply_platform_update(snapshot(2, 30), T0)
    assert order.needs_address()


def test_data_problems_from_temu_stay_visible_on_the_order():
    order = Order(id="o1", shop_id="s1", snapshot=snapshot(2, problems=("NEGATIVE_QUANTITY:211-1",)), now=T0)
    assert order.exceptions == ("BAD_PLATFORM_DATA:NEGATIVE_QUANTITY:211-1",)


@pytest.mark.parametrize("state", [OrderState.PUSHED, OrderState.SHIPPED], ids=lambda s: s.value)
def test_temu_showing_a_pushed_order_shipped_leaves_it_to_this_erp(state):
    order = order_in(state)
    order.apply_platform_update(snapshot(4, 5), T0)
    assert order.state is state and order.temu_status == 4
