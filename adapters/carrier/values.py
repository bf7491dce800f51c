"""What the carrier client takes and returns: small frozen values, free of wire details."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum


class LabelFormat(Enum):
    PDF_4X6 = "PDF_4x6"
    ZPL = "ZPLII"


class LabelStatus(Enum):
    PENDING = "pending"  # bought, tracking number and document not ready yet: poll again
    READY = "ready"
    FAILED = "failed"  # the carrier refused; ``message`` says why
    VOIDED = "voided"
    VOID_PENDING = "void_pending"
    VOID_REJECTED = "void_rejected"
    UNKNOWN = "unknown"  # a status this client does not know: treat as not ready


class VoidStatus(Enum):
    VOIDED = "voided"
    PENDING = "pending"
    REJECTED = "rejected"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Address:
    name: str
    street1: str
    city: str
    zip: str
    country: str  # ISO 3166-1 alpha-2
    state: str = ""
    company: str = ""
    street2: str = ""
    street3: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True, slots=True)
class Parcel:
    length: Decimal
    width: Decimal
    height: Decimal
    distance_unit: str  # cm, in, ft, m, mm, yd
    weight: Decimal
    mass_unit: str  # g, kg, lb, oz


@dataclass(frozen=True, slots=True)
class ShipmentRequest:
    address_from: Address
    address_to: Address
    parcels: tuple[Parcel, ...]
    reference: str = ""  # our package id, sent as the shipment's metadata
    carrier_accounts: tuple[str, ...] = ()  # empty: every active account


@dataclass(frozen=True, slots=True)
class Rate:
    rate_id: str
    carrier: str
    service_token: str
    service_name: str
    amount: Decimal | None
    currency: str
    estimated_days: int | None
    carrier_account: str


@dataclass(frozen=True, slots=True)
class Quote:
    shipment_id: str
    rates: tuple[Rate, ...]
    messages: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Label:
    transaction_id: str
    status: LabelStatus
    reference: str
    rate_id: str
    tracking_number: str = ""
    label_url: str = ""
    label_format: str = ""
    message: str = ""  # the carrier's own words, for a refused or odd label
    raw_status: str = ""  # the carrier's status word as it came (QUEUED, SUCCESS, …)


@dataclass(frozen=True, slots=True)
class LabelDocument:
    content: bytes = field(repr=False)
    media_type: str  # application/pdf or application/zpl


@dataclass(frozen=True, slots=True)
class VoidResult:
    transaction_id: str
    status: VoidStatus
    refund_id: str = ""


@dataclass(frozen=True, slots=True)
class Service:
    carrier_account: str
    carrier: str
    token: str
    name: str
