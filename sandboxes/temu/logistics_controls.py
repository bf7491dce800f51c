"""The logistics half of ``SandboxRegistry`` (a mixin): warehouses, pending buyer requests,
shared addresses, the carrier-list shape, and the record of confirmations tests count.

Every method takes the registry lock.
"""
from __future__ import annotations

import threading
from dataclasses import replace
from typing import Any

from sandboxes.kit.clock import SandboxClock
from sandboxes.temu.catalog import US_REGION_IDS
from sandboxes.temu.model import Mall, Warehouse
from sandboxes.temu.orderbook import OrderBook
from sandboxes.temu.shipments import CARRIER_SHAPES, ShipmentBook

PENDING_KINDS = ("cancellation", "address_change", "risk_alert")


class LogisticsControls:
    clock: SandboxClock
    lock: threading.RLock
    malls: dict[int, Mall]
    order_book: OrderBook
    shipment_book: ShipmentBook

    def add_warehouse(self, mall_id: int, name: str, *, region_id: int = 211, warehouse_id: str | None = None,
                      is_default: bool = False, buy_label: bool = True) -> str:
        """Register a seller warehouse at Temu for ``mall_id``; returns its id (``WH-…``)."""
        with self.lock:
            if mall_id not in self.malls:
                raise ValueError(f"Unknown mall {mall_id!r}: add it first with add_mall.")
            if not isinstance(name, str) or not name.strip():
                raise ValueError("name must be a non-empty string.")
            book = self.shipment_book
            wid = warehouse_id or f"WH-{mall_id:08d}{len(book.warehouses) + 1:09d}"
            book.add_warehouse(Warehouse(wid, mall_id, name, region_id, is_default, buy_label=buy_label,
                                         brand="" if region_id in US_REGION_IDS else "sandbox"))
            return wid

    def set_carrier_list_shape(self, shape: str) -> None:
        """``array`` (Partner pages) or ``items`` (``{"items": [...]}``, the CN doc) for companies.get."""
        if shape not in CARRIER_SHAPES:
            raise ValueError(f"shape must be one of {', '.join(CARRIER_SHAPES)}, got {shape!r}.")
        with self.lock:
            self.shipment_book.carrier_shape = shape

    def flag_pending(self, parent_order_sn: str, request: str) -> None:
        """The buyer (or Temu's risk control) raises ``request`` (cancellation, address_change,
        risk_alert) on an order: confirming it is refused until a parcel overrides it."""
        if request not in PENDING_KINDS:
            raise ValueError(f"request must be one of {', '.join(PENDING_KINDS)}, got {request!r}.")
        with self.lock:
            order = self._order(parent_order_sn)
            order.pending.add(request)
            order.update_time = max(order.update_time, self.clock.now())
            self.order_book.touch()

    def use_address_of(self, parent_order_sn: str, other_parent_order_sn: str) -> None:
        """Give an order the receiving address of another (the same buyer, one address)."""
        with self.lock:
            order, other = self._order(parent_order_sn), self._order(other_parent_order_sn)
            order.address = replace(other.address)
            self.order_book.touch()

    def confirmations(self, mall_id: int | None = None) -> list[dict[str, Any]]:
        """Every accepted confirmation, oldest first (``parent_order_sns``, ``package_sns``,
        ``tracking_numbers``, ``send_type``…)."""
        with self.lock:
            return [c.to_json() for c in self.shipment_book.confirmations if mall_id in (None, c.mall_id)]

    def refused_confirmations(self, mall_id: int | None = None) -> list[dict[str, Any]]:
        """Confirmations Temu's rules refused, oldest first (``parent_order_sns``, ``error_code``):
        a resend of an order already shipped shows here as 120012004, never as a second shipment."""
        with self.lock:
            return [r.to_json() for r in self.shipment_book.refusals if mall_id in (None, r.mall_id)]

    def tracking_edits(self) -> list[dict[str, Any]]:
        with self.lock:
            return [edit.to_json() for edit in self.shipment_book.edits]

    def _order(self, sn: str) -> Any:
        order = self.order_book.get(sn)
        if order is None:
            raise ValueError(f"Unknown order {sn!r}: create it first (see orders()).")
        return order
