"""What the FBA client takes and returns: small frozen values, free of Amazon's JSON."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum


class FbaStatus(Enum):
    """``fulfillmentOrderStatus``; UNKNOWN for a value the model does not list."""

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


class ShippingSpeed(Enum):
    STANDARD = "Standard"
    EXPEDITED = "Expedited"
    PRIORITY = "Priority"
    SCHEDULED_DELIVERY = "ScheduledDelivery"


@dataclass(frozen=True, slots=True)
class ShipTo:
    name: str
    address_line1: str
    postal_code: str
    country_code: str
    city: str = ""
    state_or_region: str = ""
    address_line2: str = ""
    phone: str = ""


@dataclass(frozen=True, slots=True)
class Line:
    sku: str
    quantity: int
    line_id: str  # unique within the order: becomes sellerFulfillmentOrderItemId


@dataclass(frozen=True, slots=True)
class FulfillmentRequest:
    """One package to ship from FBA stock. ``display_order_id`` is what the buyer knows the
    order by (printed on the packing slip); ``comment`` is printed there too."""

    package_id: str
    display_order_id: str
    ordered_at: datetime
    ship_to: ShipTo
    lines: tuple[Line, ...]
    speed: ShippingSpeed = ShippingSpeed.STANDARD
    comment: str = ""


@dataclass(frozen=True, slots=True)
class FbaPackage:
    number: int
    carrier: str
    tracking_number: str


@dataclass(frozen=True, slots=True)
class FbaShipment:
    shipment_id: str
    status: str
    packages: tuple[FbaPackage, ...]


@dataclass(frozen=True, slots=True)
class FbaOrder:
    seller_fulfillment_order_id: str
    status: FbaStatus
    raw_status: str
    shipments: tuple[FbaShipment, ...]
    lines: tuple[Line, ...]

    @property
    def tracking_numbers(self) -> tuple[str, ...]:
        return tuple(p.tracking_number for s in self.shipments for p in s.packages if p.tracking_number)


@dataclass(frozen=True, slots=True)
class StockLevel:
    sku: str
    fulfillable: int
    total: int


@dataclass(frozen=True, slots=True)
class PreviewResult:
    speed: str
    fulfillable: bool
    unfulfillable_skus: tuple[str, ...]
