"""What the sandbox's Temu knows about shipping: warehouses, packages, used tracking numbers, and
a record of every accepted confirmation, refused confirmation and tracking edit (what tests count).

Callers hold the registry lock around every method.
"""
from __future__ import annotations

import itertools
from dataclasses import asdict, dataclass
from typing import Any

from sandboxes.temu.model import Package, Warehouse

CARRIER_SHAPES = ("array", "items")


@dataclass(frozen=True, slots=True)
class Confirmation:
    """One accepted ``bg.logistics.shipment.v2.confirm`` call."""

    sequence: int
    time: int
    mall_id: int
    gateway: str
    send_type: int
    parent_order_sns: tuple[str, ...]
    package_sns: tuple[str, ...]
    tracking_numbers: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Refusal:
    """A confirmation Temu's rules refused (after its body was read), e.g. a resend of a shipped order."""

    time: int
    mall_id: int
    send_type: int
    parent_order_sns: tuple[str, ...]
    error_code: int

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class TrackingEdit:
    """One package changed by ``bg.logistics.shipment.shippingtype.update``."""

    time: int
    package_sn: str
    old_tracking_number: str
    tracking_number: str
    carrier_id: int

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


class ShipmentBook:
    def __init__(self) -> None:
        self.clear()

    def clear(self) -> None:
        """Forget everything; warehouses and the carrier-list shape too."""
        self.warehouses: dict[str, Warehouse] = {}
        self.packages: dict[str, Package] = {}
        self.used_tracking: set[str] = set()
        self.confirmations: list[Confirmation] = []
        self.refusals: list[Refusal] = []
        self.edits: list[TrackingEdit] = []
        self.carrier_shape = "array"
        self._by_line: dict[str, list[str]] = {}
        self._package_numbers = itertools.count(1)

    def add_warehouse(self, warehouse: Warehouse) -> None:
        if warehouse.warehouse_id in self.warehouses:
            raise ValueError(f"Warehouse {warehouse.warehouse_id} already exists: omit warehouse_id for a new one.")
        self.warehouses[warehouse.warehouse_id] = warehouse

    def warehouses_of(self, mall_id: int) -> list[Warehouse]:
        return [w for w in self.warehouses.values() if w.mall_id == mall_id]

    def new_package_sn(self) -> str:
        return f"PK-{9 * 10**16 + next(self._package_numbers):017d}"

    def add_package(self, package: Package) -> None:
        self.packages[package.package_sn] = package
        for _, order_sn, _ in package.items:
            self._by_line.setdefault(order_sn, []).append(package.package_sn)
        self.used_tracking.add(package.tracking_number)
        self.used_tracking.update(box.tracking_number for box in package.boxes)

    def packages_of_line(self, order_sn: str) -> list[Package]:
        return [self.packages[sn] for sn in self._by_line.get(order_sn, ())]

    def edit(self, package: Package, number: str, carrier_id: int, warehouse_id: str | None, now: int) -> None:
        """Give a package new tracking; the old number stays used (Temu: one successful use)."""
        self.edits.append(TrackingEdit(now, package.package_sn, package.tracking_number, number, carrier_id))
        package.tracking_number, package.carrier_id = number, carrier_id
        package.warehouse_id = warehouse_id or package.warehouse_id
        self.used_tracking.add(number)

    def record(self, confirmation: Confirmation) -> None:
        self.confirmations.append(confirmation)

    def next_sequence(self) -> int:
        return len(self.confirmations) + 1
