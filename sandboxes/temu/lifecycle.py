"""Temu's order state machine and the buyer-side mutations, applied to a ``ParentOrder``.

1 PENDING → 2 UN_SHIPPING → 4 SHIPPED → 5 DELIVERED, and 3 CANCELED from 1 or 2. Every change
stamps ``updateTime`` with the given time on the parent (children carry no time of their own
on the wire). Illegal moves raise ``ValueError`` with a message that says what is allowed.
"""
from __future__ import annotations

import hashlib

from sandboxes.temu.model import Address, Line, ParentOrder

PENDING, UN_SHIPPING, CANCELED, SHIPPED, DELIVERED = 1, 2, 3, 4, 5
STATUS_NAMES = {PENDING: "PENDING", UN_SHIPPING: "UN_SHIPPING", CANCELED: "CANCELED",
                SHIPPED: "SHIPPED", DELIVERED: "DELIVERED"}
NEXT_STATUS = {PENDING: UN_SHIPPING, UN_SHIPPING: SHIPPED, SHIPPED: DELIVERED}
ALLOWED = {PENDING: (UN_SHIPPING, CANCELED), UN_SHIPPING: (CANCELED, SHIPPED),
           SHIPPED: (DELIVERED,), CANCELED: (), DELIVERED: ()}
CHANGED_ADDRESS_WARNING = "CONFIRMED_CHANGED_ADDRESS"


def describe(status: int) -> str:
    return f"{STATUS_NAMES.get(status, 'UNKNOWN')} ({status})"


def advance(order: ParentOrder, to_status: int | None, at: int) -> int:
    """Move ``order`` one step (to ``to_status``, or the next status) and return the new status."""
    target = NEXT_STATUS.get(order.status) if to_status is None else to_status
    if target is None or target not in ALLOWED.get(order.status, ()):
        allowed = ", ".join(describe(s) for s in ALLOWED.get(order.status, ())) or "nothing"
        wanted = "the next status" if target is None else describe(target)
        raise ValueError(f"Order {order.sn} is {describe(order.status)} and cannot move to "
                         f"{wanted}: it may move to {allowed}.")
    if target == CANCELED:
        cancel(order, at)
    else:
        _STEPS[target](order, at)
    return order.status


def cancel(order: ParentOrder, at: int) -> None:
    """The buyer cancels the whole order before shipment."""
    _require_unshipped(order, "cancelled")
    for line in order.lines:
        if line.quantity > 0:
            line.cancelled_during_pending = order.status == PENDING
        line.canceled_quantity = line.original_quantity
        line.status = CANCELED
    order.status = CANCELED
    order.update_time = at


def partial_cancel(order: ParentOrder, order_sn: str | None, quantity: int, at: int) -> None:
    """The buyer cancels ``quantity`` units of one line before shipment.

    With ``order_sn`` None the first line that still has units is used. A line left with no
    units becomes CANCELED; an order left with no units at all becomes CANCELED.
    """
    _require_unshipped(order, "partly cancelled")
    line = next((x for x in order.lines if _is_target(x, order_sn)), None)
    if line is None:
        raise ValueError(f"Order {order.sn} has no line {order_sn or 'with units left'}.")
    if not 1 <= quantity <= line.quantity:
        raise ValueError(f"Line {line.order_sn} has {line.quantity} unit(s) left: cancel between "
                         f"1 and {line.quantity}, not {quantity}.")
    line.canceled_quantity += quantity
    if line.quantity == 0:
        line.status = CANCELED
        line.cancelled_during_pending = order.status == PENDING
    if all(x.quantity == 0 for x in order.lines):
        order.status = CANCELED
    order.update_time = at


def change_address(order: ParentOrder, address: Address, at: int) -> None:
    """The buyer changes the receiving address before shipment; Temu flags the order."""
    _require_unshipped(order, "given a new address")
    order.address = address
    if CHANGED_ADDRESS_WARNING not in order.warnings:
        order.warnings.append(CHANGED_ADDRESS_WARNING)
    order.update_time = at


def _is_target(line: Line, order_sn: str | None) -> bool:
    return line.order_sn == order_sn if order_sn else line.quantity > 0


def _require_unshipped(order: ParentOrder, what: str) -> None:
    if order.status not in (PENDING, UN_SHIPPING):
        raise ValueError(f"Order {order.sn} is {describe(order.status)}: only PENDING (1) or "
                         f"UN_SHIPPING (2) orders can be {what}.")


def _set_open_lines(order: ParentOrder, status: int) -> None:
    for line in order.lines:
        if line.quantity > 0:
            line.status = status


def _confirm(order: ParentOrder, at: int) -> None:
    order.pending_finish_time = at
    _set_open_lines(order, UN_SHIPPING)
    order.status, order.update_time = UN_SHIPPING, at


def _ship(order: ParentOrder, at: int) -> None:
    package = package_sn_of(order.sn)
    for line in order.lines:
        if line.quantity > 0:
            line.package_sns = [package]
    _set_open_lines(order, SHIPPED)
    order.shipping_time = at
    order.status, order.update_time = SHIPPED, at


def _deliver(order: ParentOrder, at: int) -> None:
    _set_open_lines(order, DELIVERED)
    order.status, order.update_time = DELIVERED, at


_STEPS = {UN_SHIPPING: _confirm, SHIPPED: _ship, DELIVERED: _deliver}


def package_sn_of(parent_order_sn: str) -> str:
    """The one package a parent order ships in (``PK-…``), stable for the order."""
    digest = int(hashlib.md5(parent_order_sn.encode()).hexdigest()[:16], 16)
    return f"PK-{digest % 10**17:017d}"
