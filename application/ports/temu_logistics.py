"""What mark-shipped (订单标发) needs from Temu's logistics interfaces (docs/temu-protocol.md §16–§20).

Two roles, one adapter (``adapters.temu.logistics.TemuLogistics``); what they send is built from
the values of ``application.ports.temu_shipments``:

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

from dataclasses import dataclass
from enum import Enum
from typing import Protocol

from application.ports.temu import TemuAccess
from application.ports.temu_shipments import ShipmentConfirmation, Tracking, TrackingChange

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
    boxes: tuple[BoxAtTemu, ...] = ()

    @property
    def tracking_numbers(self) -> tuple[str, ...]:
        found = (self.tracking, *(box.tracking for box in self.boxes))
        return tuple(t.number for t in found if t is not None)


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
