"""The sandbox's records: apps, malls, tokens and orders, as Temu would hold them."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class App:
    """A developer app: the ``app_key``/``app_secret`` pair and its quota."""

    key: str
    secret: str
    qps: int


@dataclass(frozen=True, slots=True)
class Mall:
    """A Temu shop. ``mall_type`` is 1 (semi-managed) or 100 (local)."""

    mall_id: int
    mall_type: int
    name: str


@dataclass(slots=True)
class Token:
    """An access token as Temu keeps it. ``state`` is active, revoked or replaced."""

    value: str
    app_key: str
    mall_id: int
    gateway: str
    region_id: int
    kind: str
    scopes: tuple[str, ...]
    expired_time: int | None
    state: str = "active"

    def is_usable(self, now: int) -> bool:
        return self.state == "active" and (self.expired_time is None or now < self.expired_time)

    def replacement_key(self) -> tuple[int, str, str, str]:
        """Tokens sharing this key replace each other, as a seller's re-authorisation does."""
        return (self.mall_id, self.gateway, self.kind, self.app_key)


@dataclass(slots=True)
class Address:
    """A buyer's (fake) receiving address."""

    first_name: str
    last_name: str
    phone: str
    mail: str
    country: str
    state: str
    city: str
    district: str
    line1: str
    line2: str
    post_code: str


@dataclass(slots=True)
class Line:
    """A child order (``orderSn``): one SKU of a parent order."""

    order_sn: str
    goods_id: int
    sku_id: int
    product_id: int
    product_sku_id: int
    ext_code: str
    goods_name: str
    spec: str
    original_spec: str
    thumb_url: str
    original_quantity: int
    status: int
    canceled_quantity: int = 0
    cancelled_during_pending: bool = False
    package_sns: list[str] = field(default_factory=list)

    @property
    def quantity(self) -> int:
        """What the seller still has to ship."""
        return self.original_quantity - self.canceled_quantity


@dataclass(slots=True)
class ParentOrder:
    """A parent order (``PO-…``) with its lines and life-cycle times (Unix seconds)."""

    sn: str
    mall_id: int
    mall_type: int
    region_id: int
    status: int
    created_at: int
    pending_finish_time: int
    expect_ship_latest_time: int
    latest_delivery_time: int
    update_time: int
    lines: list[Line]
    address: Address
    shipping_time: int | None = None
    has_shipping_fee: bool = False
    warnings: list[str] = field(default_factory=list)
    # Buyer or Temu requests that block shipping: "cancellation", "address_change", "risk_alert".
    pending: set[str] = field(default_factory=set)
    # Test control: fields served in place of the real ones (None deletes), to play bad data.
    bad_parent_fields: dict[str, Any] = field(default_factory=dict)
    bad_line_fields: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Warehouse:
    """A seller warehouse at Temu (``bg.logistics.warehouse.list.get``)."""

    warehouse_id: str
    mall_id: int
    name: str
    region_id: int
    is_default: bool = False
    management_type: int = 1  # 0 cooperative, 1 self-built, 2 family, 3 other
    brand: str = ""
    buy_label: bool = True


@dataclass(slots=True)
class Box:
    """A sub-package: one more box of a single unit, with its own tracking number."""

    package_sn: str
    carrier_id: int
    tracking_number: str


@dataclass(slots=True)
class Package:
    """A package created by a shipment confirmation. ``items`` are (parentOrderSn, orderSn, quantity)."""

    package_sn: str
    mall_id: int
    region_id: int
    carrier_id: int
    tracking_number: str
    warehouse_id: str | None
    items: list[tuple[str, str, int]]
    boxes: list[Box] = field(default_factory=list)
