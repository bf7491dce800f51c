"""What mark-shipped (订单标发) needs from Temu's logistics interfaces (docs/temu-protocol.md §16–§20).

Two roles, one adapter (``adapters.temu.logistics.TemuLogistics``):

- ``LogisticsDirectory``: the carriers Temu knows per region, the shop's Temu warehouses.
- ``TrackingUploader``: confirm a shipment (tracking numbers up), read what Temu holds, correct
  a tracking number.

Errors, for every method: ``UpstreamUnavailable`` (busy, rate limited, unreachable; carries
``retry_after_s``), token errors as for orders (``TokenRevoked``, ``PreconditionFailed`` with
TOKEN_…), ``PreconditionFailed`` with one of the reasons below for each refusal Temu documents
(details: ``temu_error_code``, ``temu_message``, ``temu_request_id``), and ``UpstreamRejected``
for any other refusal, with Temu's code and words.

NOTE: ``confirm`` changes state at Temu and is never resent by the adapter after a failure that
may have reached Temu. After ``UpstreamUnavailable`` the confirmation may or may not have
happened: read ``shipped_packages`` before confirming again.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Protocol

from application.ports.temu import TemuAccess
from domain.errors import FieldViolation, ValidationFailed

# Stable reasons of the refusals (``err.reason``), for callers to branch on.
SPLIT_PARENT_INCOMPLETE = "SPLIT_PARENT_INCOMPLETE"  # a parent's unshipped items are not all in the call
MERGED_ADDRESS_MISMATCH = "MERGED_ADDRESS_MISMATCH"
TRACKING_NUMBER_REUSED = "TRACKING_NUMBER_REUSED"  # used by an earlier successful confirmation
TRACKING_NUMBER_DUPLICATE = "TRACKING_NUMBER_DUPLICATE"  # twice in one call
TRACKING_NUMBER_INVALID = "TRACKING_NUMBER_INVALID"
CARRIER_INVALID = "CARRIER_INVALID"
WAREHOUSE_REQUIRED = "WAREHOUSE_REQUIRED"  # local shops: selfShippingWarehouseId missing
WAREHOUSE_INVALID = "WAREHOUSE_INVALID"
WAREHOUSE_SETUP_INCOMPLETE = "WAREHOUSE_SETUP_INCOMPLETE"
ALREADY_SHIPPED = "ALREADY_SHIPPED"
PENDING_CANCEL_OR_ADDRESS_CHANGE = "PENDING_CANCEL_OR_ADDRESS_CHANGE"
PENDING_RISK_ALERT = "PENDING_RISK_ALERT"
WRONG_GATEWAY = "WRONG_GATEWAY"
ORDER_MISMATCH = "ORDER_MISMATCH"  # unknown order, or child not under that parent
PACKAGE_NOT_FOUND = "PACKAGE_NOT_FOUND"
PACKAGE_NOT_EDITABLE = "PACKAGE_NOT_EDITABLE"
SELF_SHIPPING_RESTRICTED = "SELF_SHIPPING_RESTRICTED"  # the store must buy Temu labels
TEMU_LABEL_REQUIRED = "TEMU_LABEL_REQUIRED"  # COD, Brazil, advance-sale orders
MUST_SHIP_SEPARATELY = "MUST_SHIP_SEPARATELY"  # signature-required or US-to-CA mixed with others
SUB_PACKAGES_INVALID = "SUB_PACKAGES_INVALID"
BOUGHT_LABEL_EXISTS = "BOUGHT_LABEL_EXISTS"  # Temu has a bought-label package: change it instead
AGREEMENT_UNSIGNED = "AGREEMENT_UNSIGNED"

MAX_EXTRA_BOXES = 10


class ShipmentKind(str, Enum):
    """How the parcels of one confirmation relate to parent orders (Temu's sendType 0/1/2)."""

    SINGLE = "SINGLE"  # one parent order, all of it, in one parcel
    SPLIT = "SPLIT"  # one parent order over several parcels: every unshipped item, one call
    MERGED = "MERGED"  # several parent orders, all of each, in one parcel


class BuyerRequestOverride(str, Enum):
    """Ship although the buyer has a request pending (Temu's confirmAcceptance)."""

    REFUSE_CANCELLATION = "REFUSE_CANCELLATION"
    REFUSE_ADDRESS_CHANGE = "REFUSE_ADDRESS_CHANGE"
    IGNORE_RISK_ALERT = "IGNORE_RISK_ALERT"


@dataclass(frozen=True, slots=True)
class Tracking:
    """A tracking number and the Temu carrier id (``LogisticsProvider.carrier_id``) it belongs to."""

    carrier_id: int
    number: str

    def __post_init__(self) -> None:
        if self.carrier_id <= 0:
            _invalid("carrier_id", "a Temu carrier id (from the carrier list), above 0")
        if not self.number.strip() or self.number != self.number.strip():
            _invalid("tracking_number", "a tracking number without surrounding spaces")


@dataclass(frozen=True, slots=True)
class ShippedItem:
    """Units of one child order (``orderSn``) in a parcel."""

    parent_order_sn: str
    order_sn: str
    quantity: int
    goods_id: int | None = None
    sku_id: int | None = None

    def __post_init__(self) -> None:
        if not self.parent_order_sn or not self.order_sn:
            _invalid("order_sn", "the parent and child order numbers of every item")
        if self.quantity < 1:
            _invalid("quantity", f"at least 1 unit of {self.order_sn}")


@dataclass(frozen=True, slots=True)
class Parcel:
    """One package: its tracking, its items, and for a unit shipped in several boxes the
    tracking of the other boxes (``extra_boxes``, at most 10; the parcel then holds 1 unit).
    ``warehouse_id`` is the Temu warehouse (``SellerWarehouse.warehouse_id``); local shops
    must give it."""

    tracking: Tracking
    items: tuple[ShippedItem, ...]
    warehouse_id: str | None = None
    extra_boxes: tuple[Tracking, ...] = ()
    overrides: frozenset[BuyerRequestOverride] = frozenset()

    def __post_init__(self) -> None:
        if not self.items:
            _invalid("items", "at least one item in every parcel")
        if len(self.extra_boxes) > MAX_EXTRA_BOXES:
            _invalid("extra_boxes", f"at most {MAX_EXTRA_BOXES} extra boxes per parcel (Temu's limit)")
        if self.extra_boxes and (len(self.items) != 1 or self.items[0].quantity != 1):
            _invalid("extra_boxes", "extra boxes only for a parcel holding exactly one unit")

    @property
    def tracking_numbers(self) -> tuple[str, ...]:
        return (self.tracking.number, *(box.number for box in self.extra_boxes))


@dataclass(frozen=True, slots=True)
class ShipmentConfirmation:
    """One ``confirm`` call. SINGLE: one parcel of one parent; SPLIT: two or more parcels of one
    parent; MERGED: one parcel of two or more parents. Every parent must be covered whole."""

    kind: ShipmentKind
    parcels: tuple[Parcel, ...]

    def __post_init__(self) -> None:
        parents, count = len(self.parent_order_sns), len(self.parcels)
        fits = {ShipmentKind.SINGLE: count == 1 and parents == 1,
                ShipmentKind.SPLIT: count >= 2 and parents == 1,
                ShipmentKind.MERGED: count == 1 and parents >= 2}
        if not fits[self.kind]:
            _invalid("parcels", _SHAPES[self.kind])
        numbers = [n for p in self.parcels for n in p.tracking_numbers]
        if len(set(numbers)) != len(numbers):
            _invalid("tracking_number", "a different tracking number for every parcel and box of the call")

    @property
    def parent_order_sns(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(i.parent_order_sn for p in self.parcels for i in p.items))


_SHAPES = {ShipmentKind.SINGLE: "one parcel of one parent order (SINGLE)",
           ShipmentKind.SPLIT: "two or more parcels of one parent order (SPLIT)",
           ShipmentKind.MERGED: "one parcel of two or more parent orders (MERGED)"}


@dataclass(frozen=True, slots=True)
class ConfirmOutcome:
    """Temu's remarks on an accepted confirmation, to show to the seller."""

    warnings: tuple[str, ...] = ()
    agreement_text: str = ""


@dataclass(frozen=True, slots=True)
class LogisticsProvider:
    """A carrier Temu accepts in a region."""

    carrier_id: int
    name: str
    brand: str = ""


@dataclass(frozen=True, slots=True)
class SellerWarehouse:
    """One of the shop's warehouses at Temu (``warehouse_id`` like ``WH-…``)."""

    warehouse_id: str
    name: str
    is_default: bool = False
    region_id: int | None = None
    brand: str = ""
    management_type: int | None = None  # 0 cooperative, 1 self-built, 2 family, 3 other
    buy_label_enabled: bool = False


class PackageDelivery(str, Enum):
    SELLER = "SELLER"  # the seller's own carrier (what confirm creates)
    SELLER_TEMU_LABEL = "SELLER_TEMU_LABEL"
    COOPERATIVE_WAREHOUSE = "COOPERATIVE_WAREHOUSE"
    COOPERATIVE_WAREHOUSE_TEMU_LABEL = "COOPERATIVE_WAREHOUSE_TEMU_LABEL"
    UNKNOWN = "UNKNOWN"


class TrackingWarning(str, Enum):
    NONE = "NONE"
    NO_TRACKING_INFO = "NO_TRACKING_INFO"
    MAYBE_WRONG = "MAYBE_WRONG"
    ADDRESS_MISMATCH = "ADDRESS_MISMATCH"
    NOT_COLLECTED_IN_TIME = "NOT_COLLECTED_IN_TIME"
    UNKNOWN = "UNKNOWN"


@dataclass(frozen=True, slots=True)
class BoxAtTemu:
    package_sn: str
    tracking: Tracking | None
    carrier_name: str = ""


@dataclass(frozen=True, slots=True)
class PackageAtTemu:
    """A package Temu holds for a child order. ``tracking`` is None when Temu gave none."""

    package_sn: str
    tracking: Tracking | None
    carrier_name: str = ""
    sku_id: int | None = None
    quantity: int | None = None
    delivery: PackageDelivery = PackageDelivery.UNKNOWN
    warning: TrackingWarning = TrackingWarning.NONE
    boxes: tuple[BoxAtTemu, ...] = field(default=())

    @property
    def tracking_numbers(self) -> tuple[str, ...]:
        found = (self.tracking, *(box.tracking for box in self.boxes))
        return tuple(t.number for t in found if t is not None)


@dataclass(frozen=True, slots=True)
class TrackingChange:
    """Give an uploaded package (``PackageAtTemu.package_sn``) another tracking number."""

    package_sn: str
    tracking: Tracking
    warehouse_id: str | None = None

    def __post_init__(self) -> None:
        if not self.package_sn:
            _invalid("package_sn", "the Temu package number (PK-…) to change")


class LogisticsDirectory(Protocol):
    def carriers(self, access: TemuAccess, region_id: int) -> tuple[LogisticsProvider, ...]:
        """``bg.logistics.companies.get``: the carriers of a Temu region (211 for the US)."""
        ...

    def warehouses(self, access: TemuAccess, *, buy_label_only: bool = False) -> tuple[SellerWarehouse, ...]:
        """``bg.logistics.warehouse.list.get``: the shop's warehouses at Temu (US local shops)."""
        ...


class TrackingUploader(Protocol):
    def confirm(self, access: TemuAccess, confirmation: ShipmentConfirmation) -> ConfirmOutcome:
        """``bg.logistics.shipment.v2.confirm``: the orders become SHIPPED at Temu. A local
        shop's parcel without ``warehouse_id`` is refused (WAREHOUSE_REQUIRED) before any call."""
        ...

    def shipped_packages(self, access: TemuAccess, parent_order_sn: str, order_sn: str) -> tuple[PackageAtTemu, ...]:
        """``bg.logistics.shipment.v2.get``: what Temu holds for one child order (empty: nothing)."""
        ...

    def change_tracking(self, access: TemuAccess, changes: tuple[TrackingChange, ...]) -> None:
        """``bg.logistics.shipment.shippingtype.update``: new tracking for uploaded packages,
        where Temu allows it (else PACKAGE_NOT_EDITABLE)."""
        ...


def _invalid(name: str, wanted: str) -> None:
    raise ValidationFailed(f"A shipment for Temu needs {wanted}.", [FieldViolation(name, wanted)])
