"""The ERP's order (a Temu parent order, ``PO-…``) and its processing state machine.

Temu owns ``temu_status``; the ERP owns ``state``. A sync applies Temu snapshots; every other
move is a command named by the business (assign, audit, record the push, ...), refused with a
stable reason by the rule it would break.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import NewType

from domain.events import (
    Event, OrderAddressChanged, OrderImported, OrderShippedOnTemu, OrderStateChanged, OrderStoppedOnTemu,
)
from domain import order_states as rules
from domain.order_amounts import STATUSES_WITH_AMOUNTS, OrderAmounts
from domain.order_states import PRE_PUSH_STATES, TERMINAL_STATES, OrderState, StateRule, initial_state
from domain.platform_order import SHIPPED_ON_TEMU, Address, PlatformOrder, TemuStatus, temu_rank

OrderId = NewType("OrderId", str)


@dataclass(frozen=True, slots=True)
class StateChange:
    at: datetime
    from_state: str
    to_state: str
    reason: str


EXCEPTION_CANCELLED_AFTER_PUSH = "CANCELLED_ON_TEMU_AFTER_PUSH"
EXCEPTION_BAD_PLATFORM_DATA = "BAD_PLATFORM_DATA"


class Order:
    """A Temu parent order in one shop; unique by (shop, parent order number)."""

    def __init__(self, *, id: OrderId, shop_id: str, snapshot: PlatformOrder, now: datetime) -> None:
        self.id = id
        self.shop_id = shop_id
        self.parent_order_sn = snapshot.parent_order_sn
        self._state = initial_state(snapshot.status)
        # NOTE: collections are tuples, replaced on change, so persistence sees every change.
        self.exceptions: tuple[str, ...] = ()
        self.address: Address | None = None
        self.address_fetched_at: datetime | None = None
        self.amounts: OrderAmounts | None = None
        self.amounts_fetched_at: datetime | None = None
        self.history: tuple[StateChange, ...] = (StateChange(now, "", self._state.value, "synced from Temu"),)
        self.created_at = now
        self.version = 1
        self._apply_snapshot(snapshot)
        if self._state is OrderState.EXCEPTION:
            self._flag(EXCEPTION_BAD_PLATFORM_DATA)
        for p in snapshot.problems:
            self._flag(f"{EXCEPTION_BAD_PLATFORM_DATA}:{p}")
        self.updated_at = now
        self.events: list[Event] = [OrderImported(id, shop_id, self.parent_order_sn, self._state.value,
                                                  int(snapshot.status))]

    # -- public commands: the sync ------------------------------------------------------------

    def apply_platform_update(self, snapshot: PlatformOrder, now: datetime) -> bool:
        """Apply a newer Temu snapshot. Returns False when it is stale or identical."""
        if snapshot.updated_at < self.temu_updated_at:
            return False
        if 0 <= temu_rank(snapshot.status) < temu_rank(self.temu_status):
            return False  # Temu statuses never go backwards; an older read raced a newer one
        before = (self.temu_status, self.temu_updated_at, self.lines)
        standing = self._state
        self._apply_snapshot(snapshot)
        for p in snapshot.problems:
            self._flag(f"{EXCEPTION_BAD_PLATFORM_DATA}:{p}")
        self._follow_platform_status(now)
        if standing not in TERMINAL_STATES and _shipped(self.temu_status) and not _shipped(before[0]):
            self.events.append(OrderShippedOnTemu(self.id, self.shop_id))
        changed = before != (self.temu_status, self.temu_updated_at, self.lines)
        if changed:
            self.updated_at = now
        return changed

    def record_address(self, address: Address, now: datetime) -> None:
        """Temu's address; a changed one is an event: packages not yet pushed follow it."""
        if self.address is not None and address != self.address:
            self.events.append(OrderAddressChanged(self.id, self.shop_id))
        self.address = address
        self.address_fetched_at = now
        self.updated_at = now

    def record_amounts(self, amounts: OrderAmounts, now: datetime) -> None:
        """Temu's amounts (empty when Temu gave none: the order is not asked for again)."""
        self.amounts = amounts
        # NOTE: never before the Temu update they answer, or a clock behind Temu's asks again.
        self.amounts_fetched_at = max(now, self.temu_updated_at)
        self.updated_at = now

    # -- public commands: fulfilment ----------------------------------------------------------

    def assign(self, now: datetime) -> None:
        """Warehouse and logistics channel chosen; a re-assignment takes back the audit."""
        self._require(rules.ONLY_AN_ORDER_TO_REVIEW_IS_ASSIGNED)
        self._move_to(OrderState.ASSIGNED, now, "assigned")

    def unassign(self, now: datetime) -> None:
        self._require(rules.ONLY_AN_ASSIGNED_ORDER_IS_UNASSIGNED)
        self._move_to(OrderState.TO_REVIEW, now, "unassigned")

    def audit(self, now: datetime) -> None:
        self._require(rules.ONLY_AN_ASSIGNED_ORDER_IS_AUDITED)
        self._move_to(OrderState.AUDITED, now, "audited")

    def record_push(self, now: datetime) -> None:
        """The warehouse or 3PL accepted the order."""
        self._require(rules.ONLY_AN_AUDITED_ORDER_IS_PUSHED)
        self._move_to(OrderState.PUSHED, now, "pushed")

    def record_tracking(self, now: datetime) -> None:
        self._require(rules.ONLY_A_PUSHED_ORDER_GETS_TRACKING)
        self._move_to(OrderState.SHIPPED, now, "tracking received")

    def record_void(self, now: datetime) -> None:
        """A label was voided: the order waits to be pushed again."""
        self._require(rules.ONLY_A_PUSHED_ORDER_IS_VOIDED)
        self._move_to(OrderState.AUDITED, now, "label voided")

    def mark_uploaded(self, now: datetime) -> None:
        """Tracking uploaded to Temu: the ERP's work on the order is done."""
        self._require(rules.ONLY_A_SHIPPED_ORDER_IS_MARKED)
        self._move_to(OrderState.MARKED, now, "marked shipped on Temu")

    def raise_exception(self, code: str, now: datetime) -> None:
        """Stop the order for a person; another problem on an order in exception is added to it."""
        rules.A_DONE_ORDER_IS_FINAL.check(self)
        self._flag(code)
        self._move_to(OrderState.EXCEPTION, now, f"exception: {code}")

    def resolve_exception(self, now: datetime) -> None:
        """Back to the state the order left, then Temu's status applies as on a sync. An order
        Temu cancelled meanwhile is cancelled: a person has stopped its parcel."""
        rules.A_DONE_ORDER_IS_FINAL.check(self)
        rules.ONLY_AN_ORDER_IN_EXCEPTION_IS_RESOLVED.check(self)
        if self.temu_status == TemuStatus.CANCELED:
            self._move_to(OrderState.CANCELLED, now, "exception resolved: cancelled on Temu")
            return
        self._move_to(self.exception_origin(), now, "exception resolved")
        self._follow_platform_status(now)

    # -- public queries -----------------------------------------------------------------------

    @property
    def state(self) -> OrderState:
        return self._state

    def exception_origin(self) -> OrderState:
        """The state an order in EXCEPTION left for it, as its history remembers. An order born in
        EXCEPTION (its Temu status unreadable) came from waiting on the platform."""
        entered = next(c for c in reversed(self.history) if c.to_state == OrderState.EXCEPTION.value)
        return OrderState(entered.from_state) if entered.from_state else OrderState.AWAITING_PLATFORM

    def needs_address(self) -> bool:
        """The address is fetched when the order becomes shippable on Temu, and again only when
        Temu changed the order since (an address change bumps its update time)."""
        if self.temu_status != TemuStatus.UN_SHIPPING:
            return False
        return self.address_fetched_at is None or self.address_fetched_at < self.temu_updated_at

    def needs_amounts(self) -> bool:
        """Amounts are fetched once Temu shows the order to ship (or later), and again only when
        Temu changed the order since, as the address is."""
        if TemuStatus.parse(self.temu_status) not in STATUSES_WITH_AMOUNTS:
            return False
        return self.amounts_fetched_at is None or self.amounts_fetched_at < self.temu_updated_at

    def is_processable(self) -> bool:
        return self._state in (OrderState.TO_REVIEW, OrderState.ASSIGNED, OrderState.AUDITED)

    # -- internals ----------------------------------------------------------------------------

    def _require(self, rule: StateRule) -> None:
        rules.A_DONE_ORDER_IS_FINAL.check(self)
        rules.AN_ORDER_IN_EXCEPTION_WAITS_FOR_A_PERSON.check(self)
        rule.check(self)

    def _move_to(self, to: OrderState, now: datetime, reason: str) -> None:
        if to is self._state:
            return
        self.history = (*self.history, StateChange(now, self._state.value, to.value, reason))
        self.events.append(OrderStateChanged(self.id, self._state.value, to.value, self.shop_id,
                                             self.parent_order_sn, reason))
        self._state = to
        self.updated_at = now

    def _apply_snapshot(self, s: PlatformOrder) -> None:
        self.temu_status = s.status
        self.region_id = s.region_id
        self.site_id = s.site_id
        self.temu_created_at = s.created_at
        self.temu_updated_at = s.updated_at
        self.ship_by = s.ship_by
        self.lines = s.lines
        self.labels = s.labels
        self.warnings = s.warnings

    def _follow_platform_status(self, now: datetime) -> None:
        """Temu cancels or ships an order the ERP has not pushed, even one in exception; a cancel
        after the push needs a person to stop the parcel."""
        if self._state in TERMINAL_STATES:
            return
        status = TemuStatus.parse(self.temu_status)
        standing = self.exception_origin() if self._state is OrderState.EXCEPTION else self._state
        if status is TemuStatus.CANCELED and standing in PRE_PUSH_STATES:
            self._move_to(OrderState.CANCELLED, now, "cancelled on Temu")
            self.events.append(OrderStoppedOnTemu(self.id, self.shop_id))
        elif status is TemuStatus.CANCELED:
            self._flag(EXCEPTION_CANCELLED_AFTER_PUSH)
            self._move_to(OrderState.EXCEPTION, now, "cancelled on Temu after push: stop the parcel")
            self.events.append(OrderStoppedOnTemu(self.id, self.shop_id))
        elif status is TemuStatus.UN_SHIPPING and self._state is OrderState.AWAITING_PLATFORM:
            self._move_to(OrderState.TO_REVIEW, now, "Temu moved the order to to-ship")
        elif status in SHIPPED_ON_TEMU and standing in PRE_PUSH_STATES:
            self._move_to(OrderState.DO_NOT_SHIP, now, "shipped on Temu outside this ERP")
            self.events.append(OrderStoppedOnTemu(self.id, self.shop_id))

    def _flag(self, code: str) -> None:
        if code not in self.exceptions:
            self.exceptions = (*self.exceptions, code)


def _shipped(code: int) -> bool:
    return TemuStatus.parse(code) in SHIPPED_ON_TEMU
