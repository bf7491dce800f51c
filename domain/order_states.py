"""The ERP's processing states of an order, and the rules on them that its commands check.

Each rule names the states a command needs and the stable reason it gives, unchanged to the
caller, when the order is in another.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from domain.errors import PreconditionFailed
from domain.platform_order import SHIPPED_ON_TEMU, TemuStatus

if TYPE_CHECKING:
    from domain.order import Order


class OrderState(str, Enum):
    """The ERP processing state (订单管理)."""

    AWAITING_PLATFORM = "AWAITING_PLATFORM"  # Temu PENDING: wait, do not process
    TO_REVIEW = "TO_REVIEW"  # 待审核: processable, no warehouse yet
    ASSIGNED = "ASSIGNED"  # warehouse and logistics channel set
    AUDITED = "AUDITED"  # 已审核: ready to push
    PUSHED = "PUSHED"  # sent to a 3PL / FBA / own warehouse
    SHIPPED = "SHIPPED"  # tracking numbers obtained
    MARKED = "MARKED"  # 已标发: tracking uploaded to Temu
    DO_NOT_SHIP = "DO_NOT_SHIP"  # 不发货: already shipped on Temu; never push
    CANCELLED = "CANCELLED"
    EXCEPTION = "EXCEPTION"  # needs a person: e.g. cancelled on Temu after push


PRE_PUSH_STATES = frozenset({OrderState.AWAITING_PLATFORM, OrderState.TO_REVIEW,
                             OrderState.ASSIGNED, OrderState.AUDITED})
TERMINAL_STATES = frozenset({OrderState.MARKED, OrderState.DO_NOT_SHIP, OrderState.CANCELLED})


@dataclass(frozen=True, slots=True)
class StateRule:
    """A business rule on the ERP state: the states a command needs, the reason it is refused."""

    reason: str
    sentence: str
    allowed: frozenset[OrderState]

    def check(self, order: Order) -> None:
        if order.state not in self.allowed:
            raise PreconditionFailed(
                f"Order {order.parent_order_sn} is {order.state.value}: {self.sentence}.",
                reason=self.reason, subject=f"orders/{order.id}", state=order.state.value)


_ANY = frozenset(OrderState)
A_DONE_ORDER_IS_FINAL = StateRule(
    "ORDER_IS_FINAL", "a marked, cancelled or do-not-ship order is final", _ANY - TERMINAL_STATES)
AN_ORDER_IN_EXCEPTION_WAITS_FOR_A_PERSON = StateRule(
    "ORDER_IN_EXCEPTION", "an order in exception moves only when a person resolves it", _ANY - {OrderState.EXCEPTION})
ONLY_AN_ORDER_TO_REVIEW_IS_ASSIGNED = StateRule(
    "ORDER_NOT_REVIEWABLE", "only an order to review, not yet pushed, is assigned",
    frozenset({OrderState.TO_REVIEW, OrderState.ASSIGNED, OrderState.AUDITED}))
ONLY_AN_ASSIGNED_ORDER_IS_UNASSIGNED = StateRule(
    "ORDER_NOT_ASSIGNED", "only an assigned order, not yet pushed, is unassigned",
    frozenset({OrderState.ASSIGNED, OrderState.AUDITED}))
ONLY_AN_ASSIGNED_ORDER_IS_AUDITED = StateRule(
    "ORDER_NOT_ASSIGNED", "only an assigned order is audited", frozenset({OrderState.ASSIGNED}))
ONLY_AN_AUDITED_ORDER_IS_PUSHED = StateRule(
    "ORDER_NOT_AUDITED", "only an audited order is pushed", frozenset({OrderState.AUDITED}))
ONLY_A_PUSHED_ORDER_GETS_TRACKING = StateRule(
    "ORDER_NOT_PUSHED", "only a pushed order gets tracking", frozenset({OrderState.PUSHED}))
ONLY_A_PUSHED_ORDER_IS_VOIDED = StateRule(
    "ORDER_NOT_PUSHED", "only a pushed order, not yet marked shipped on Temu, has a label to void",
    frozenset({OrderState.PUSHED, OrderState.SHIPPED}))
ONLY_A_SHIPPED_ORDER_IS_MARKED = StateRule(
    "ORDER_NOT_SHIPPED", "only a shipped order is marked shipped on Temu", frozenset({OrderState.SHIPPED}))
ONLY_AN_ORDER_IN_EXCEPTION_IS_RESOLVED = StateRule(
    "ORDER_NOT_IN_EXCEPTION", "only an order in exception is resolved", frozenset({OrderState.EXCEPTION}))


def initial_state(status: int) -> OrderState:
    """Where a new order starts, from its Temu status; an unknown status needs a person."""
    if status == TemuStatus.PENDING:
        return OrderState.AWAITING_PLATFORM
    if status == TemuStatus.UN_SHIPPING:
        return OrderState.TO_REVIEW
    if status == TemuStatus.CANCELED:
        return OrderState.CANCELLED
    if status in SHIPPED_ON_TEMU:
        return OrderState.DO_NOT_SHIP
    return OrderState.EXCEPTION
