"""Fulfillment orders and the FBA stock they draw on. Callers hold the registry lock.

An order's status follows the sandbox clock: Received for ``stages[0]`` seconds, Planning for
``stages[1]``, Processing for ``stages[2]``, then Complete with every package shipped. An
order for more units than the stock set for a SKU is Invalid at once, as Amazon validates
stock on receipt. SKUs whose stock was never set have unlimited stock.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

DEFAULT_STAGES = (30.0, 30.0, 60.0)
CANCELLABLE = ("Received", "Planning")


@dataclass(slots=True)
class Order:
    request: dict[str, Any]
    seller: str
    received_at: float
    package_numbers: list[int]
    invalid: bool = False
    cancelled_at: float | None = None
    status_override: str | None = None

    @property
    def id(self) -> str:
        return self.request["sellerFulfillmentOrderId"]


@dataclass(slots=True)
class Counts:
    created: int = 0
    duplicates: int = 0


class OrderBook:
    def __init__(self) -> None:
        self.orders: dict[tuple[str, str], Order] = {}  # (seller, sellerFulfillmentOrderId)
        self.counts: dict[str, Counts] = {}
        self.stock: dict[str, int] = {}
        self.stages = DEFAULT_STAGES
        self._packages = itertools.count(1001)

    def find(self, seller: str, order_id: str) -> Order | None:
        return self.orders.get((seller, order_id))

    def create(self, seller: str, request: dict[str, Any], now: float) -> Order | None:
        """The new order, or None when this seller already used the id."""
        order_id = request["sellerFulfillmentOrderId"]
        counts = self.counts.setdefault(order_id, Counts())
        if (seller, order_id) in self.orders:
            counts.duplicates += 1
            return None
        counts.created += 1
        order = Order(request, seller, now, [next(self._packages) for _ in request["items"]])
        order.invalid = not self._reserve(request["items"])
        self.orders[(seller, order_id)] = order
        return order

    def status(self, order: Order, now: float) -> str:
        if order.status_override is not None:
            return order.status_override
        if order.cancelled_at is not None:
            return "Cancelled"
        if order.invalid:
            return "Invalid"
        if order.request.get("fulfillmentAction") == "Hold":
            return "Received"
        elapsed, names = now - order.received_at, ("Received", "Planning", "Processing")
        for name, until in zip(names, itertools.accumulate(self.stages)):
            if elapsed < until:
                return name
        return "Complete"

    def status_since(self, order: Order, now: float) -> float:
        """When the order entered its current status."""
        if order.cancelled_at is not None:
            return order.cancelled_at
        status, bounds = self.status(order, now), [0.0, *itertools.accumulate(self.stages)]
        names = ("Received", "Planning", "Processing", "Complete")
        return order.received_at + (bounds[names.index(status)] if status in names else 0.0)

    def cancel(self, order: Order, now: float) -> str | None:
        """None when cancelled (or already so); else the status that forbids it."""
        status = self.status(order, now)
        if status == "Cancelled":
            return None
        if status not in CANCELLABLE:
            return status
        order.cancelled_at = now
        self._release(order.request["items"])
        return None

    def _reserve(self, items: list[dict[str, Any]]) -> bool:
        wanted: dict[str, int] = {}
        for item in items:
            wanted[item["sellerSku"]] = wanted.get(item["sellerSku"], 0) + item["quantity"]
        if any(self.stock.get(sku, qty) < qty for sku, qty in wanted.items()):
            return False
        for sku, qty in wanted.items():
            if sku in self.stock:
                self.stock[sku] -= qty
        return True

    def _release(self, items: list[dict[str, Any]]) -> None:
        for item in items:
            if item["sellerSku"] in self.stock:
                self.stock[item["sellerSku"]] += item["quantity"]

    def fulfillable(self, sku: str, quantity: int) -> bool:
        return self.stock.get(sku, quantity) >= quantity

    def updated_since(self, seller: str, since: float, now: float) -> list[Order]:
        return sorted((o for (s, _), o in self.orders.items()
                       if s == seller and self.status_since(o, now) >= since), key=lambda o: o.received_at)

    def counts_json(self) -> dict[str, dict[str, int]]:
        return {k: {"created": c.created, "duplicates": c.duplicates} for k, c in self.counts.items()}


def tracking_number(package_number: int) -> str:
    return f"TBA{package_number:012d}"

