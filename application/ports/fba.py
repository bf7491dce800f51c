"""The FBA multi-channel fulfilment port: one Amazon seller account in one marketplace.

``create_order`` is exactly-once by ``seller_fulfillment_order_id``: after any answer that
leaves the outcome unknown the implementation looks the order up and adopts it.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Mapping, Protocol, Sequence

from application.ports.providers import AmazonCredentials
from domain.warehouse import PostalAddress


class FbaOrderStatus(str, Enum):
    """``fulfillmentOrderStatus`` (read case-insensitively); UNKNOWN keeps an unlisted value."""

    NEW = "New"
    RECEIVED = "Received"
    PLANNING = "Planning"
    PROCESSING = "Processing"
    CANCELLED = "Cancelled"
    COMPLETE = "Complete"
    COMPLETE_PARTIALLED = "CompletePartialled"
    UNFULFILLABLE = "Unfulfillable"
    INVALID = "Invalid"
    UNKNOWN = "Unknown"


class ShippingSpeed(str, Enum):
    STANDARD = "Standard"
    EXPEDITED = "Expedited"
    PRIORITY = "Priority"
    SCHEDULED_DELIVERY = "ScheduledDelivery"


@dataclass(frozen=True, slots=True)
class FbaLine:
    sku: str
    quantity: int
    line_id: str  # unique within the order


@dataclass(frozen=True, slots=True)
class FbaOrderRequest:
    reference: str  # the seller fulfillment order id is derived from it alone
    displayable_order_id: str
    ordered_at: datetime
    ship_to: PostalAddress
    lines: tuple[FbaLine, ...]
    speed: ShippingSpeed = ShippingSpeed.STANDARD
    comment: str = ""


@dataclass(frozen=True, slots=True)
class FbaOrderState:
    seller_fulfillment_order_id: str
    status: FbaOrderStatus
    raw_status: str
    tracking_numbers: tuple[str, ...] = ()
    carrier: str = ""


class FbaAccount(Protocol):
    """Errors: ``UpstreamUnavailable`` (retry later), ``UpstreamRejected``, ``TokenRevoked``."""

    def order_id(self, reference: str) -> str:
        """The ``sellerFulfillmentOrderId`` of a package reference (deterministic)."""
        ...

    def create_order(self, request: FbaOrderRequest) -> FbaOrderState:
        """The order as created (Amazon answers a create with no order: its status is unknown
        until the next look, ``NEW`` here), or as found when it existed already."""
        ...

    def find_order(self, order_id: str) -> FbaOrderState | None: ...

    def changed_since(self, since: datetime) -> list[FbaOrderState]:
        """The account's orders whose status changed at or after ``since`` (a superset is
        allowed), without shipments or tracking numbers (read those with ``find_order``)."""
        ...

    def cancel_order(self, order_id: str) -> str | None:
        """None when Amazon accepted the cancel; else Amazon's words refusing it (too late)."""
        ...

    def fulfillable(self, skus: Sequence[str]) -> Mapping[str, int]:
        """Fulfillable units per SKU in the marketplace; a SKU Amazon does not list is absent."""
        ...


class FbaGateway(Protocol):
    def connect(self, credentials: AmazonCredentials) -> FbaAccount: ...
