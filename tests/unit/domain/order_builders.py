"""Orders for domain tests: a Temu snapshot, and an order driven to any ERP state by its commands."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from domain.order import Order
from domain.order_states import OrderState
from domain.platform_order import OrderLine, PlatformOrder, TemuStatus

T0 = datetime(2026, 11, 1, tzinfo=timezone.utc)

# The Temu status an order starts from, then the commands that bring it to each state.
PATHS: dict[OrderState, tuple[int, tuple[str, ...]]] = {
    OrderState.AWAITING_PLATFORM: (TemuStatus.PENDING, ()),
    OrderState.TO_REVIEW: (TemuStatus.UN_SHIPPING, ()),
    OrderState.ASSIGNED: (TemuStatus.UN_SHIPPING, ("assign",)),
    OrderState.AUDITED: (TemuStatus.UN_SHIPPING, ("assign", "audit")),
    OrderState.PUSHED: (TemuStatus.UN_SHIPPING, ("assign", "audit", "record_push")),
    OrderState.SHIPPED: (TemuStatus.UN_SHIPPING, ("assign", "audit", "record_push", "record_tracking")),
    OrderState.MARKED: (TemuStatus.UN_SHIPPING, ("assign", "audit", "record_push", "record_tracking",
                                                 "mark_uploaded")),
    OrderState.CANCELLED: (TemuStatus.CANCELED, ()),
    OrderState.DO_NOT_SHIP: (TemuStatus.SHIPPED, ()),
    OrderState.EXCEPTION: (7, ()),  # a status Temu never documented
}


def snapshot(status: int, minutes: int = 0, problems: tuple[str, ...] = ()) -> PlatformOrder:
    line = OrderLine("211-1", 1, 2, 3, "SKU", "Mug", "Blue", 2, 0, 2, status)
    at = T0 + timedelta(minutes=minutes)
    return PlatformOrder("PO-211-1", status, 211, 100, T0, at, None, (line,), problems=problems)


def order_in(state: OrderState) -> Order:
    status, commands = PATHS[state]
    order = Order(id="o1", shop_id="s1", snapshot=snapshot(status), now=T0)
    for command in commands:
        getattr(order, command)(T0)
    assert order.state is state
    return order
