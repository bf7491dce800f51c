"""The ``Fulfillment`` port: hand a package to whoever ships it, follow it, cancel it.

One implementation per warehouse kind: the own warehouse buys a carrier label
(application/fulfillment/own_warehouse.py, over the ``Carrier`` port); a 3PL creates an
outbound order; FBA creates a multi-channel fulfilment order. Every call is idempotent by
``PushRequest.reference`` (deterministic from the package id): a push repeated after a timeout
or a crash adopts what the provider already has, never ships twice.

Errors: ``UpstreamUnavailable`` (retry later, with ``retry_after_s``) and ``UpstreamRejected``
(the provider refused for a reason a person must fix; its words in the message).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from typing import Mapping, Protocol, Sequence

from application.ports.carrier import Parcel
from domain.warehouse import LabelFormat, PostalAddress, WarehouseKind


@dataclass(frozen=True, slots=True)
class PushLine:
    seller_sku: str
    quantity: int
    description: str = ""


@dataclass(frozen=True, slots=True)
class PushRequest:
    package_id: str
    reference: str  # what the provider keys the package by (label metadata, reference_no, sellerFulfillmentOrderId)
    warehouse_kind: WarehouseKind
    account_id: str  # the carrier or provider account the warehouse ships with
    ship_from: PostalAddress | None  # the own warehouse's address; None where the provider knows it
    ship_to: PostalAddress
    lines: tuple[PushLine, ...]
    channel_code: str  # carrier service token, 3PL shipping method, or FBA shipping speed
    label_format: LabelFormat | None = None
    warehouse_code: str = ""  # the provider's warehouse (3PL) or marketplace (FBA)
    displayable_order_id: str = ""  # the Temu parent order number, for FBA's packing slip
    ordered_at: datetime | None = None  # when the buyer ordered, for FBA's packing slip (None: now)
    parcels: tuple[Parcel, ...] = ()  # measured at packing; empty: the route's default parcel
    # True only when the caller's own record, committed BEFORE this call, shows that no push of
    # this reference ever started: the route may then skip asking the provider for it (at the
    # carrier that look-up scans recent labels, up to 20 list calls). False (the default) is always safe.
    first_attempt: bool = False


class ShipmentStatus(str, Enum):
    ACCEPTED = "ACCEPTED"  # the provider has it; nothing shipped yet
    LABELLED = "LABELLED"  # own warehouse: label bought, tracking number known
    PICKING = "PICKING"
    SHIPPED = "SHIPPED"
    CANCEL_REQUESTED = "CANCEL_REQUESTED"  # a cancel (label void) was asked; the provider decides later
    CANCELLED = "CANCELLED"
    REFUSED = "REFUSED"  # the provider refused it: ``message`` says why


@dataclass(frozen=True, slots=True)
class Shipment:
    """What the provider says about one package."""

    provider_ref: str  # label id, 3PL order code, FBA order id
    status: ShipmentStatus
    tracking_numbers: tuple[str, ...] = ()
    carrier: str = ""
    message: str = ""
    raw_status: str = ""  # the provider's own status word, shown to the user
    label_ready: bool = False  # own warehouse: a document can be fetched with ``label``
    # own warehouse: the document, when it came with the purchase (no ``label`` call needed)
    document: LabelFile | None = field(default=None, repr=False)


@dataclass(frozen=True, slots=True)
class LabelFile:
    content: bytes = field(repr=False)
    media_type: str


@dataclass(frozen=True, slots=True)
class Look:
    """One package to follow at its provider (``Fulfillment.track``)."""

    request: PushRequest
    provider_ref: str
    since: datetime | None = None  # our last look at it: a provider that lists changes since a time starts there
    # read its whole state even where the batch read shows nothing new (the batch read may not
    # carry every status, e.g. Goodcang's tracking query): the caller sets it every few looks
    whole: bool = True


def looks_by_account(looks: Sequence[Look]) -> dict[str, list[Look]]:
    """The looks of each provider account, in their order: one batch read an account."""
    groups: dict[str, list[Look]] = {}
    for look in looks:
        groups.setdefault(look.request.account_id, []).append(look)
    return groups


class CancelStatus(str, Enum):
    CANCELLED = "CANCELLED"
    REQUESTED = "REQUESTED"  # asked; the provider confirms later (follow with ``track``)
    TOO_LATE = "TOO_LATE"  # shipped or label used: ``message`` says so in the provider's words


@dataclass(frozen=True, slots=True)
class CancelResult:
    status: CancelStatus
    message: str = ""


class Fulfillment(Protocol):
    def push(self, request: PushRequest) -> Shipment:
        """Hand the package over; first asks whether ``request.reference`` is already there."""
        ...

    def track(self, looks: Sequence[Look]) -> Mapping[str, Shipment]:
        """What the provider says about these packages, by ``provider_ref``, in as few calls as
        its batch reads allow. A look missing from the answer: nothing new at the provider since
        ``since`` (look again later)."""
        ...

    def label(self, request: PushRequest, provider_ref: str) -> LabelFile | None:
        """The label document where the route prints one (own warehouse), else None."""
        ...

    def cancel(self, request: PushRequest, provider_ref: str) -> CancelResult: ...


class FulfillmentRoutes(Protocol):
    def for_kind(self, kind: WarehouseKind) -> Fulfillment:
        """The route of a warehouse kind; ``PreconditionFailed`` (ROUTE_NOT_AVAILABLE) where
        none is configured yet."""
        ...
