"""What an upload sends to Temu: the values of ``TrackingUploader.confirm`` and
``change_tracking`` (application/ports/temu_logistics.py), checked when built so that no call
Temu would refuse for its shape is ever sent (docs/temu-protocol.md §18, §20).

Each check raises ``ValidationFailed`` naming the field, since tracking numbers and carrier
choices come from people.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from domain.errors import FieldViolation, ValidationFailed

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
class TrackingChange:
    """Give an uploaded package (``PackageAtTemu.package_sn``) another tracking number."""

    package_sn: str
    tracking: Tracking
    warehouse_id: str | None = None

    def __post_init__(self) -> None:
        if not self.package_sn:
            _invalid("package_sn", "the Temu package number (PK-…) to change")


def _invalid(name: str, wanted: str) -> None:
    raise ValidationFailed(f"A shipment for Temu needs {wanted}.", [FieldViolation(name, wanted)])
