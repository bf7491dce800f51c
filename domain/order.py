"""The platform order (Temu parent order, ``PO-…``) and the ERP processing state machine.

Temu owns ``temu_status``; the ERP owns ``state``. Sync applies Temu snapshots; ERP steps
(assign, audit, push, ship, mark) belong to later use cases but their transitions are fixed here.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum, IntEnum
from typing import NewType

from domain.errors import PreconditionFailed
from domain.events import Event, OrderStateChanged

OrderId = NewType("OrderId", str)


class TemuStatus(IntEnum):
    """``parentOrderStatus`` / ``orderStatus`` (docs/temu-protocol.md §14)."""

    PENDING = 1
    UN_SHIPPING = 2
    CANCELED = 3
    SHIPPED = 4
    DELIVERED = 5
    PARTIALLY_SHIPPED = 41
    PARTIALLY_DELIVERED = 51


# How far along Temu's own life cycle a status is; a sync never moves an order backwards.
_TEMU_RANK = {
    TemuStatus.PENDING: 0, TemuStatus.UN_SHIPPING: 1, TemuStatus.PARTIALLY_SHIPPED: 2,
    TemuStatus.SHIPPED: 3, TemuStatus.PARTIALLY_DELIVERED: 4, TemuStatus.DELIVERED: 5,
    TemuStatus.CANCELED: 6,
}


def temu_rank(status: int) -> int:
    return _TEMU_RANK.get(TemuStatus(status), -1) if status in TemuStatus._value2member_map_ else -1


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

ALLOWED_TRANSITIONS: dict[OrderState, frozenset[OrderState]] = {
    OrderState.AWAITING_PLATFORM: frozenset({OrderState.TO_REVIEW, OrderState.CANCELLED,
                                             OrderState.DO_NOT_SHIP, OrderState.EXCEPTION}),
    OrderState.TO_REVIEW: frozenset({OrderState.ASSIGNED, OrderState.CANCELLED,
                                     OrderState.DO_NOT_SHIP, OrderState.EXCEPTION}),
    OrderState.ASSIGNED: frozenset({OrderState.TO_REVIEW, OrderState.AUDITED, OrderState.CANCELLED,
                                    OrderState.DO_NOT_SHIP, OrderState.EXCEPTION}),
    OrderState.AUDITED: frozenset({OrderState.ASSIGNED, OrderState.PUSHED, OrderState.CANCELLED,
                                   OrderState.DO_NOT_SHIP, OrderState.EXCEPTION}),
    OrderState.PUSHED: frozenset({OrderState.SHIPPED, OrderState.EXCEPTION}),
    OrderState.SHIPPED: frozenset({OrderState.MARKED, OrderState.EXCEPTION}),
    OrderState.EXCEPTION: frozenset({OrderState.TO_REVIEW, OrderState.PUSHED, OrderState.SHIPPED,
                                     OrderState.CANCELLED, OrderState.DO_NOT_SHIP}),
    OrderState.MARKED: frozenset(),
    OrderState.DO_NOT_SHIP: frozenset(),
    OrderState.CANCELLED: frozenset(),
}


@dataclass(frozen=True, slots=True)
class Label:
    name: str
    value: int


@dataclass(frozen=True, slots=True)
class OrderLine:
    """A child order (``orderSn``)."""

    order_sn: str
    goods_id: int | None
    sku_id: int | None
    product_sku_id: int | None
    seller_sku: str
    goods_name: str
    spec: str
    original_quantity: int
    cancelled_before_shipment: int
    quantity: int  # to ship = original − cancelled before shipment
    status: int
    fulfillment_type: str = ""
    labels: tuple[Label, ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Address:
    """The masked receiving address Temu gives (``bg.order.shippinginfo.v2.get``)."""

    name: str = ""
    phone: str = ""
    email: str = ""
    country: str = ""
    state: str = ""
    city: str = ""
    district: str = ""
    line1: str = ""
    line2: str = ""
    line3: str = ""
    post_code: str = ""


@dataclass(frozen=True, slots=True)
class PlatformOrder:
    """One parent order as Temu shows it, already parsed and validated by the adapter."""

    parent_order_sn: str
    status: int
    region_id: int
    site_id: int | None
    created_at: datetime
    updated_at: datetime
    ship_by: datetime | None
    lines: tuple[OrderLine, ...]
    labels: tuple[Label, ...] = ()
    warnings: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()  # data problems the adapter tolerated (unknown status, …)

    def is_status_known(self) -> bool:
        return self.status in TemuStatus._value2member_map_


@dataclass(frozen=True, slots=True)
class StateChange:
    at: datetime
    from_state: str
    to_state: str
    reason: str


EXCEPTION_CANCELLED_AFTER_PUSH = "CANCELLED_ON_TEMU_AFTER_PUSH"
EXCEPTION_BAD_PLATFORM_DATA = "BAD_PLATFORM_DATA"


def initial_state(status: int) -> OrderState:
    if status == TemuStatus.PENDING:
        return OrderState.AWAITING_PLATFORM
    if status == TemuStatus.UN_SHIPPING:
        return OrderState.TO_REVIEW
    if status == TemuStatus.CANCELED:
        return OrderState.CANCELLED
    if status in (TemuStatus.SHIPPED, TemuStatus.DELIVERED, TemuStatus.PARTIALLY_SHIPPED,
                  TemuStatus.PARTIALLY_DELIVERED):
        return OrderState.DO_NOT_SHIP
    return OrderState.EXCEPTION


class Order:
    """A Temu parent order in one shop; unique by (shop, parent order number)."""

    def __init__(self, *, id: OrderId, shop_id: str, snapshot: PlatformOrder, now: datetime) -> None:
        self.id = id
        self.shop_id = shop_id
        self.parent_order_sn = snapshot.parent_order_sn
        self.state = initial_state(snapshot.status)
        # NOTE: collections are tuples, replaced on change, so persistence sees every change.
        self.exceptions: tuple[str, ...] = ()
        self.address: Address | None = None
        self.address_fetched_at: datetime | None = None
        self.history: tuple[StateChange, ...] = (StateChange(now, "", self.state.value, "synced from Temu"),)
        self.created_at = now
        self.version = 1
        self.events: list[Event] = []
        self._apply_snapshot(snapshot)
        if self.state is OrderState.EXCEPTION:
            self._flag(EXCEPTION_BAD_PLATFORM_DATA)
        for p in snapshot.problems:
            self._flag(f"{EXCEPTION_BAD_PLATFORM_DATA}:{p}")
        self.updated_at = now

    # -- public commands ---------------------------------------------------------------------

    def apply_platform_update(self, snapshot: PlatformOrder, now: datetime) -> bool:
        """Apply a newer Temu snapshot. Returns False when it is stale or identical."""
        if snapshot.updated_at < self.temu_updated_at:
            return False
        if snapshot.status in TemuStatus._value2member_map_ and self.temu_status_known() \
                and temu_rank(snapshot.status) < temu_rank(self.temu_status):
            return False  # Temu statuses never go backwards; an older read raced a newer one
        before = (self.temu_status, self.temu_updated_at, self.lines)
        self._apply_snapshot(snapshot)
        for p in snapshot.problems:
            self._flag(f"{EXCEPTION_BAD_PLATFORM_DATA}:{p}")
        self._follow_platform_status(now)
        changed = before != (self.temu_status, self.temu_updated_at, self.lines)
        if changed:
            self.updated_at = now
        return changed

    def record_address(self, address: Address, now: datetime) -> None:
        self.address = address
        self.address_fetched_at = now
        self.updated_at = now

    def transition(self, to: OrderState, now: datetime, reason: str) -> None:
        """Move the ERP state, enforcing the state machine."""
        if to is self.state:
            return
        if to not in ALLOWED_TRANSITIONS[self.state]:
            raise PreconditionFailed(
                f"Order {self.parent_order_sn} is {self.state.value} and cannot become {to.value}.",
                reason="ILLEGAL_ORDER_TRANSITION", subject=f"orders/{self.id}",
                from_state=self.state.value, to_state=to.value)
        self.history = (*self.history, StateChange(now, self.state.value, to.value, reason))
        self.events.append(OrderStateChanged(self.id, self.state.value, to.value))
        self.state = to
        self.updated_at = now

    # -- public queries ----------------------------------------------------------------------

    def temu_status_known(self) -> bool:
        return self.temu_status in TemuStatus._value2member_map_

    def needs_address(self) -> bool:
        """The address is fetched when the order becomes shippable on Temu, and again only when
        Temu changed the order since (an address change bumps its update time)."""
        if self.temu_status != TemuStatus.UN_SHIPPING:
            return False
        return self.address_fetched_at is None or self.address_fetched_at < self.temu_updated_at

    def is_processable(self) -> bool:
        return self.state in (OrderState.TO_REVIEW, OrderState.ASSIGNED, OrderState.AUDITED)

    # -- internals ---------------------------------------------------------------------------

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
        status = self.temu_status
        if status == TemuStatus.CANCELED:
            if self.state in PRE_PUSH_STATES:
                self.transition(OrderState.CANCELLED, now, "cancelled on Temu")
            elif self.state not in TERMINAL_STATES:
                self._flag(EXCEPTION_CANCELLED_AFTER_PUSH)
                if self.state is not OrderState.EXCEPTION:
                    self.transition(OrderState.EXCEPTION, now, "cancelled on Temu after push: stop the parcel")
        elif status == TemuStatus.UN_SHIPPING and self.state is OrderState.AWAITING_PLATFORM:
            self.transition(OrderState.TO_REVIEW, now, "Temu moved the order to to-ship")
        elif status in (TemuStatus.SHIPPED, TemuStatus.DELIVERED, TemuStatus.PARTIALLY_SHIPPED,
                        TemuStatus.PARTIALLY_DELIVERED) and self.state in PRE_PUSH_STATES:
            self.transition(OrderState.DO_NOT_SHIP, now, "shipped on Temu outside this ERP")

    def _flag(self, code: str) -> None:
        if code not in self.exceptions:
            self.exceptions = (*self.exceptions, code)
