"""What the Goodcang client takes and returns: small frozen values of its own."""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class OutboundStatus(Enum):
    """Goodcang's order_status letters, read case-insensitively (README of the sandbox):
    H draft, C awaiting review, W awaiting shipment (the warehouse picks), D shipped,
    X discarded, N exception, P problem; anything else is UNKNOWN with the letter kept."""

    DRAFT = "draft"
    ACCEPTED = "accepted"
    PICKING = "picking"
    SHIPPED = "shipped"
    CANCELLED = "cancelled"
    EXCEPTION = "exception"
    UNKNOWN = "unknown"


STATUS_LETTERS = {"H": OutboundStatus.DRAFT, "C": OutboundStatus.ACCEPTED, "W": OutboundStatus.PICKING,
                  "D": OutboundStatus.SHIPPED, "X": OutboundStatus.CANCELLED, "N": OutboundStatus.EXCEPTION,
                  "P": OutboundStatus.EXCEPTION}


@dataclass(frozen=True, slots=True)
class Recipient:
    name: str
    line1: str
    city: str
    state: str
    postal_code: str
    country_code: str
    line2: str = ""
    line3: str = ""
    last_name: str = ""
    company: str = ""
    phone: str = ""
    email: str = ""
    doorplate: str = ""


@dataclass(frozen=True, slots=True)
class OutboundLine:
    sku: str
    quantity: int


@dataclass(frozen=True, slots=True)
class OutboundRequest:
    """One outbound order; ``reference_no`` is ours and makes the push idempotent."""

    reference_no: str
    warehouse_code: str
    channel_code: str
    recipient: Recipient
    lines: tuple[OutboundLine, ...]
    note: str = ""
    platform: str = "OTHER"


@dataclass(frozen=True, slots=True)
class OutboundAck:
    order_code: str
    reference_no: str
    adopted: bool  # True: the order already existed at Goodcang and was adopted, not created again


@dataclass(frozen=True, slots=True)
class OutboundOrder:
    order_code: str
    reference_no: str
    status: OutboundStatus
    raw_status: str
    warehouse_code: str
    channel_code: str
    tracking_numbers: tuple[str, ...]
    problem: str = ""  # abnormal_problem_reason, for N and P
    shipped_at: str = ""  # Goodcang's date_shipping text, as sent


@dataclass(frozen=True, slots=True)
class CancelResult:
    order_code: str
    cancelled: bool
    message: str = ""  # Goodcang's reason when it refuses (already picking, shipped, discarded)


@dataclass(frozen=True, slots=True)
class GoodcangWarehouse:
    code: str
    name: str
    country_code: str


@dataclass(frozen=True, slots=True)
class GoodcangChannel:
    code: str
    name: str
    warehouse_code: str


@dataclass(frozen=True, slots=True)
class StockLevel:
    sku: str
    warehouse_code: str
    sellable: int
    reserved: int
    inbound: int


@dataclass(frozen=True, slots=True)
class ParcelTracking:
    order_code: str
    tracking_number: str
    last_event_code: str = ""  # TMS_OC, TMS_PU, …, TMS_FD
    last_event: str = ""
