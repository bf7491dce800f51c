"""An order as Temu shows it: its statuses, lines, labels and masked address, already parsed and
validated by the adapter. The ERP's own view of the order is ``domain.order``."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import IntEnum


class TemuStatus(IntEnum):
    """``parentOrderStatus`` / ``orderStatus`` (docs/temu-protocol.md §14)."""

    PENDING = 1
    UN_SHIPPING = 2
    CANCELED = 3
    SHIPPED = 4
    DELIVERED = 5
    PARTIALLY_SHIPPED = 41
    PARTIALLY_DELIVERED = 51

    @classmethod
    def parse(cls, code: int) -> TemuStatus | None:
        """The status for Temu's code, or None for a code this ERP does not know."""
        try:
            return cls(code)
        except ValueError:
            return None


SHIPPED_ON_TEMU = frozenset({TemuStatus.SHIPPED, TemuStatus.DELIVERED, TemuStatus.PARTIALLY_SHIPPED,
                             TemuStatus.PARTIALLY_DELIVERED})

# How far along Temu's own life cycle a status is; a sync never moves an order backwards.
_TEMU_RANK = {
    TemuStatus.PENDING: 0, TemuStatus.UN_SHIPPING: 1, TemuStatus.PARTIALLY_SHIPPED: 2,
    TemuStatus.SHIPPED: 3, TemuStatus.PARTIALLY_DELIVERED: 4, TemuStatus.DELIVERED: 5,
    TemuStatus.CANCELED: 6,
}


def temu_rank(code: int) -> int:
    status = TemuStatus.parse(code)
    return -1 if status is None else _TEMU_RANK[status]


@dataclass(frozen=True, slots=True)
class Label:
    name: str
    value: int


@dataclass(frozen=True, slots=True)
class OrderLine:
    """A child order (``orderSn``)."""

    order_sn: str
    goods_id: int | None
    sku_id: int | None
    product_sku_id: int | None
    seller_sku: str
    goods_name: str
    spec: str
    original_quantity: int
    cancelled_before_shipment: int
    quantity: int  # to ship = original − cancelled before shipment
    status: int
    fulfillment_type: str = ""
    labels: tuple[Label, ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Address:
    """The masked receiving address Temu gives (``bg.order.shippinginfo.v2.get``)."""

    name: str = ""
    phone: str = ""
    email: str = ""
    country: str = ""
    state: str = ""
    city: str = ""
    district: str = ""
    line1: str = ""
    line2: str = ""
    line3: str = ""
    post_code: str = ""


@dataclass(frozen=True, slots=True)
class PlatformOrder:
    """One parent order as Temu shows it, already parsed and validated by the adapter."""

    parent_order_sn: str
    status: int
    region_id: int
    site_id: int | None
    created_at: datetime
    updated_at: datetime
    ship_by: datetime | None
    lines: tuple[OrderLine, ...]
    labels: tuple[Label, ...] = ()
    warnings: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()  # data problems the adapter tolerated (unknown status, …)

    def is_status_known(self) -> bool:
        return TemuStatus.parse(self.status) is not None
