"""What the own-warehouse route asks of a carrier label API (Shippo-style: shipment → rate →
transaction), one carrier account at a time. See docs/fulfillment-protocols.md.

Errors: ``UpstreamUnavailable`` for what a retry may fix (429, timeouts, 5xx, a body we cannot
read), with ``retry_after_s``; ``UpstreamRejected`` for a refusal that retrying will not fix
(bad address, unknown service, bad credentials), its message in the carrier's own words.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from typing import Protocol

from domain.warehouse import LabelFormat, PostalAddress


@dataclass(frozen=True, slots=True)
class CarrierCredentials:
    """A carrier account's secret, as stored encrypted. ``api_token`` must never be logged."""

    provider: str  # "shippo" (the only protocol today)
    api_token: str = field(repr=False)
    base_url: str = ""  # empty: the provider's public endpoint


@dataclass(frozen=True, slots=True)
class CarrierService:
    """A service the account can buy labels for: a candidate logistics channel."""

    carrier: str  # e.g. "usps"
    token: str  # the service level token, e.g. "usps_ground_advantage"
    name: str
    carrier_account: str = ""  # the provider's id of the carrier account offering it


@dataclass(frozen=True, slots=True)
class Parcel:
    length: Decimal
    width: Decimal
    height: Decimal
    distance_unit: str  # in, cm
    weight: Decimal
    mass_unit: str  # lb, oz, g, kg


class LabelStatus(str, Enum):
    PENDING = "PENDING"  # bought, tracking number or document not there yet: ask again later
    READY = "READY"
    FAILED = "FAILED"  # refused: ``message`` says why
    VOIDED = "VOIDED"
    VOID_PENDING = "VOID_PENDING"  # a void was asked; the carrier decides later
    VOID_REFUSED = "VOID_REFUSED"  # a void was refused (label in use): the label stands


@dataclass(frozen=True, slots=True)
class LabelRequest:
    """One package's label. ``reference`` is deterministic from the package id and travels with
    the purchase, so that after a crash the label is found again instead of bought twice."""

    reference: str
    ship_from: PostalAddress
    ship_to: PostalAddress
    parcels: tuple[Parcel, ...]
    service_token: str
    label_format: LabelFormat
    carrier_account: str = ""


@dataclass(frozen=True, slots=True)
class Label:
    label_id: str  # the provider's id of the purchase (Shippo: the transaction object_id)
    status: LabelStatus
    reference: str
    tracking_number: str = ""
    carrier: str = ""
    message: str = ""  # the carrier's own words for a refusal or a pending label
    raw_status: str = ""  # the carrier's own status word (Shippo: QUEUED, SUCCESS, ERROR, …)
    # a label bought READY may come with its document, fetched with the purchase's answer in
    # hand (no second look at the label); None: fetch it with ``download_label``
    document: LabelDocument | None = field(default=None, repr=False)


@dataclass(frozen=True, slots=True)
class LabelDocument:
    content: bytes = field(repr=False)
    media_type: str  # application/pdf or application/zpl


class VoidStatus(str, Enum):
    SUBMITTED = "SUBMITTED"  # asked; the carrier decides later
    VOIDED = "VOIDED"
    REFUSED = "REFUSED"  # too late (label used) or not allowed: ``message`` says why


@dataclass(frozen=True, slots=True)
class VoidResult:
    status: VoidStatus
    message: str = ""


class Carrier(Protocol):
    def verify(self) -> None:
        """Check the credentials; ``UpstreamRejected`` (reason CARRIER_CREDENTIALS_REFUSED) if bad."""
        ...

    def list_services(self) -> list[CarrierService]: ...

    def find_label(self, reference: str) -> Label | None:
        """The label bought with this reference, if any: asked before any purchase that might
        repeat one (a retry after a timeout or a crash)."""
        ...

    def buy_label(self, request: LabelRequest) -> Label:
        """Quote and buy in the provider's way; the label may come back PENDING. A label ready at
        once comes with its ``document`` when it could be fetched at the first try: a failure
        to fetch it never fails the purchase (the label is bought)."""
        ...

    def get_label(self, label_id: str) -> Label: ...

    def download_label(self, label_id: str) -> LabelDocument: ...

    def void_label(self, label_id: str) -> VoidResult: ...


class CarrierGateway(Protocol):
    def connect(self, credentials: CarrierCredentials) -> Carrier:
        """A carrier client for one account (cheap: may be called per package)."""
        ...
