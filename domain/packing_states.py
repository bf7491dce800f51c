"""How an order's state follows its packages: AUDITED once all its active packages are audited,
PUSHED once all are pushed, SHIPPED once all carry tracking; back when a package is replaced,
held or voided. The moves go through the order's own commands, so its rules and history apply.
"""
from __future__ import annotations

from datetime import datetime

from domain.order import Order
from domain.order_states import OrderState
from domain.package import Package, PackageState

_STEPS = (OrderState.TO_REVIEW, OrderState.ASSIGNED, OrderState.AUDITED, OrderState.PUSHED, OrderState.SHIPPED)
_PACKAGE_STEP = {
    PackageState.DRAFT: 0, PackageState.HELD: 0, PackageState.ASSIGNED: 1, PackageState.AUDITED: 2,
    PackageState.PUSHING: 2, PackageState.PUSHED: 3, PackageState.LABELLED: 4, PackageState.SHIPPED: 4,
}
_FORWARD = ("assign", "audit", "record_push", "record_tracking")


def order_step(packages: list[Package]) -> OrderState:
    """The state an order with these active packages is in: as far as its least advanced one."""
    active = [p for p in packages if p.active]
    return _STEPS[min(_PACKAGE_STEP[p.state] for p in active)] if active else OrderState.TO_REVIEW


def follow_packages(order: Order, packages: list[Package], now: datetime) -> None:
    """Move the order to its packages' step; an order out of the fulfilment path (in exception,
    cancelled, marked...) waits for its own commands."""
    if order.state not in _STEPS:
        return
    target = _STEPS.index(order_step(packages))
    here = _STEPS.index(order.state)
    if target < here and here >= _STEPS.index(OrderState.PUSHED):
        order.record_void(now)
        here = _STEPS.index(OrderState.AUDITED)
    if target == 0 and here > 0:
        order.unassign(now)
    elif 0 < target < here:
        order.assign(now)  # a re-assignment takes back the audit
        here = 1
    for step in range(here, target):
        getattr(order, _FORWARD[step])(now)
