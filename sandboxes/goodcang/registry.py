"""``GoodcangRegistry``: everything the sandbox knows, and the in-process control API.

Tests, the demo seed and the HTTP control API (``/sandbox/…``) drive the sandbox through this
class; the API handlers read its books under ``lock``. Thread-safe.
"""
from __future__ import annotations

import threading
from collections import deque
from typing import Any, NamedTuple

from sandboxes.goodcang.countries import COUNTRY_CODES
from sandboxes.goodcang.faults import FaultBook
from sandboxes.goodcang.model import Account, ShippingMethod, Stock, Warehouse
from sandboxes.goodcang.orderbook import OrderBook
from sandboxes.goodcang.orders import SHIPPED, Timing
from sandboxes.kit.clock import SandboxClock
from sandboxes.temu.traffic import RateLimiter


class Call(NamedTuple):
    """One API call: sandbox time, app key sent, path, and the ``ask``/HTTP outcome."""

    time: float
    app_key: str | None
    path: str
    outcome: str


class GoodcangRegistry:
    def __init__(self, clock: SandboxClock | None = None) -> None:
        self.clock = clock or SandboxClock()
        self.lock = threading.RLock()
        self.accounts: dict[str, Account] = {}
        self.warehouses: dict[str, Warehouse] = {}
        self.methods: list[ShippingMethod] = []
        self.order_book = OrderBook(self.clock.time)
        self.fault_book = FaultBook()
        self.limiter = RateLimiter()
        self._calls: deque[Call] = deque(maxlen=100_000)

    # -- set-up ----------------------------------------------------------------------------

    def add_account(self, app_key: str, app_token: str, *, customer_code: str = "G100", qps: int = 10) -> None:
        if not _text(app_key) or not _text(app_token) or not _text(customer_code):
            raise ValueError("app_key, app_token and customer_code must be non-empty strings.")
        if isinstance(qps, bool) or not isinstance(qps, int) or qps < 1:
            raise ValueError(f"qps must be a positive integer, got {qps!r}.")
        with self.lock:
            self.accounts[app_key] = Account(app_key, app_token, customer_code, qps)

    def add_warehouse(self, code: str, name: str, country_code: str) -> None:
        if not _text(code) or len(code) > 32 or country_code not in COUNTRY_CODES:
            raise ValueError("A warehouse needs a code of 1 to 32 characters and an ISO country code.")
        with self.lock:
            self.warehouses[code] = Warehouse(code, name or code, country_code)

    def add_shipping_method(self, code: str, warehouse_code: str, name: str = "") -> None:
        with self.lock:
            if warehouse_code not in self.warehouses:
                raise ValueError(f"Unknown warehouse {warehouse_code!r}: add it first.")
            if not _text(code) or len(code) > 32:
                raise ValueError("A shipping method code has 1 to 32 characters.")
            self.methods.append(ShippingMethod(code, warehouse_code, name or code))

    def set_stock(self, app_key: str, warehouse_code: str, sku: str, sellable: int) -> None:
        """Put ``sellable`` units of ``sku`` in a warehouse for an account (the SKU then exists)."""
        with self.lock:
            account = self._account(app_key)
            if warehouse_code not in self.warehouses:
                raise ValueError(f"Unknown warehouse {warehouse_code!r}.")
            if not _text(sku) or len(sku) > 24 or isinstance(sellable, bool) or sellable < 0:
                raise ValueError("sku has 1 to 24 characters and sellable is 0 or more.")
            stock = account.stock.setdefault((warehouse_code, sku), Stock(0))
            stock.sellable = sellable

    def set_timing(self, review_s: float, pick_s: float) -> None:
        """How long an order waits for review (C → W) and for picking (W → D)."""
        if review_s < 0 or pick_s < 0:
            raise ValueError("review_s and pick_s are 0 or more seconds.")
        with self.lock:
            self.order_book.timing = Timing(review_s, pick_s)

    # -- inspection and mutation -------------------------------------------------------------

    def orders(self, reference_no: str | None = None) -> list[dict[str, Any]]:
        with self.lock:
            found = [o for o in self.order_book.orders.values()
                     if reference_no is None or o.reference_no == reference_no]
            for order in found:
                self.order_book.refresh(order, self.accounts[order.app_key])
            return [order.to_wire() for order in found]

    def created_count(self, reference_no: str, app_key: str | None = None) -> int:
        """Orders ever created with this reference (discarded ones included)."""
        with self.lock:
            return sum(n for (key, ref), n in self.order_book.created.items()
                       if ref == reference_no and app_key in (None, key))

    def force_status(self, order_code: str, status: str) -> None:
        """Serve ``status`` (any text: N, P or a letter Goodcang never documented) from now on;
        ``D`` ships an order not shipped yet now, with its boxes and tracking numbers."""
        with self.lock:
            order = self.order_book.orders.get(order_code)
            if order is None:
                raise ValueError(f"No order {order_code!r}.")
            if status == SHIPPED and not order.tracking_numbers:
                self.order_book.ship_now(order, self.accounts[order.app_key])
            order.status, order.forced = status, True

    def inject_fault(self, kind: str, **options: Any) -> str:
        with self.lock:
            return self.fault_book.inject(kind, **options)

    def clear_faults(self) -> None:
        with self.lock:
            self.fault_book.clear()

    def record(self, call: Call) -> None:
        self._calls.append(call)

    def calls(self, path: str | None = None) -> list[Call]:
        return [c for c in list(self._calls) if path is None or c.path == path]

    def reset(self) -> None:
        with self.lock:
            self.accounts.clear()
            self.warehouses.clear()
            self.methods.clear()
            self.order_book.clear()
            self.order_book.timing = Timing()
            self.fault_book.clear()
            self.limiter.clear()
            self._calls.clear()
            self.clock.reset()

    def summary(self) -> dict[str, Any]:
        with self.lock:
            return {"clock": {"now": self.clock.now(), "offset": self.clock.offset},
                    "accounts": [{"app_key": a.app_key, "customer_code": a.customer_code, "qps": a.qps}
                                 for a in self.accounts.values()],
                    "warehouses": [w.to_wire() for w in self.warehouses.values()],
                    "shipping_methods": [m.to_wire() for m in self.methods],
                    "orders": len(self.order_book.orders), "faults": [f.to_json() for f in self.fault_book.all()]}

    def _account(self, app_key: str) -> Account:
        account = self.accounts.get(app_key)
        if account is None:
            raise ValueError(f"Unknown account {app_key!r}: add it first with add_account.")
        return account


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())
