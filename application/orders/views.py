"""What the order read side returns: plain frozen dataclasses, never ORM or protobuf objects.

The line, label, address and history values are the domain's own frozen value objects.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from domain.desk import Tag
from domain.order import StateChange
from domain.order_amounts import AmountsStatus, OrderAmounts
from domain.order_states import OrderState
from domain.platform_order import Address, Label, OrderLine


@dataclass(frozen=True, slots=True)
class OperationFilter:
    """Which sync runs ListOperations shows; every field that is set narrows the list."""

    owner_id: str | None = None  # only runs of this owner's shops (shop owners)
    shop_id: str | None = None
    done: bool | None = None  # True: SUCCEEDED or FAILED; False: the others


@dataclass(frozen=True, slots=True)
class OrderFilter:
    """Every field narrows the list; ranges are half-open ``[from, to)``."""

    shop_ids: tuple[str, ...] = ()
    owner_id: str | None = None  # only orders of this owner's shops (shop owners)
    states: tuple[OrderState, ...] = ()
    temu_statuses: tuple[int, ...] = ()
    created_from: datetime | None = None
    created_to: datetime | None = None
    updated_from: datetime | None = None
    updated_to: datetime | None = None
    seller_sku: str | None = None
    parent_order_sn: str | None = None
    ship_by_before: datetime | None = None
    tag_ids: tuple[str, ...] = ()  # orders carrying any of these tags
    # The search (application/orders/search.py says how each matches); tuples match any value.
    order_sns: tuple[str, ...] = ()
    recipient_name: str | None = None  # search_key() of the text
    product_name: str | None = None  # search_key() of the text
    seller_sku_prefix: str | None = None  # search_key() of the text
    labels: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    region_ids: tuple[int, ...] = ()
    fulfillment_types: tuple[str, ...] = ()
    ship_by_from: datetime | None = None
    ship_by_to: datetime | None = None
    exception_reasons: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class OrderCounts:
    """The orders of a filter per ERP state (every state, zeros included) and per exception reason."""

    states: dict[OrderState, int]
    exception_reasons: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.states.values())


@dataclass(frozen=True, slots=True)
class OrderSummary:
    """One row of a list: newest Temu creation time first."""

    id: str
    shop_id: str
    parent_order_sn: str
    temu_status: int
    state: OrderState
    region_id: int
    site_id: int | None
    temu_created_at: datetime
    temu_updated_at: datetime
    ship_by: datetime | None
    lines: tuple[OrderLine, ...]
    exceptions: tuple[str, ...]
    updated_at: datetime
    amounts: OrderAmounts | None = None
    # Not stored with the order: set by ``OrderQueries`` from the shop's grants and the desk's tags.
    amounts_status: AmountsStatus = AmountsStatus.PENDING
    tags: tuple[Tag, ...] = ()


@dataclass(frozen=True, slots=True)
class OrderDetail:
    id: str
    shop_id: str
    parent_order_sn: str
    temu_status: int
    state: OrderState
    region_id: int
    site_id: int | None
    temu_created_at: datetime
    temu_updated_at: datetime
    ship_by: datetime | None
    lines: tuple[OrderLine, ...]
    labels: tuple[Label, ...]
    warnings: tuple[str, ...]
    exceptions: tuple[str, ...]
    address: Address | None
    address_fetched_at: datetime | None
    history: tuple[StateChange, ...]
    created_at: datetime
    updated_at: datetime
    version: int
    amounts: OrderAmounts | None = None
    amounts_fetched_at: datetime | None = None
    # Not stored with the order: set by ``OrderQueries`` from the shop's grants and the desk's tags.
    amounts_status: AmountsStatus = AmountsStatus.PENDING
    tags: tuple[Tag, ...] = ()


@dataclass(frozen=True, slots=True)
class SyncRunView:
    """A sync run as a long-running operation (``operations/{id}``)."""

    id: str
    shop_id: str
    kind: str
    status: str
    window_start: datetime
    window_end: datetime
    pages_done: int
    pages_estimate: int
    orders_seen: int
    created: int
    updated: int
    skipped: int
    percent: float
    errors: tuple[str, ...]
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    last_error_at: datetime | None = None
    retries: int = 0  # transient failures in a row since the last stored page
    next_attempt_at: datetime | None = None  # set while waiting to retry

    @property
    def last_error(self) -> str | None:
        return self.errors[-1] if self.errors else None

    @property
    def done(self) -> bool:
        return self.status in ("SUCCEEDED", "FAILED")


def run_view(run) -> SyncRunView:
    """A domain ``SyncRun`` as its view."""
    def t(s: int) -> datetime:
        return datetime.fromtimestamp(s, tz=timezone.utc)

    return SyncRunView(
        id=run.id, shop_id=run.shop_id, kind=run.kind.value, status=run.status.value,
        window_start=t(run.window_start), window_end=t(run.window_end), pages_done=run.pages_done,
        pages_estimate=run.pages_estimate, orders_seen=run.orders_seen, created=run.created,
        updated=run.updated, skipped=run.skipped, percent=run.percent(), errors=tuple(run.errors),
        created_at=run.created_at, started_at=run.started_at, finished_at=run.finished_at,
        last_error_at=run.last_error_at, retries=run.retries, next_attempt_at=run.next_attempt_at)
