"""Everything one FBA sandbox knows: LWA clients and tokens, orders, stock, usage plans, faults.

One lock guards it all: the HTTP threads and the control API take it for each call.
"""
from __future__ import annotations

import secrets
import threading
from collections import Counter
from typing import Any

from sandboxes.fba.faults import FaultBook
from sandboxes.fba.lwa import LwaBook
from sandboxes.fba.orders import DEFAULT_STAGES, OrderBook
from sandboxes.fba.throttle import Throttle
from sandboxes.kit.clock import SandboxClock

# Amazon does not document the answer to a second create with a used id (docs README, ambiguities).
MAX_LIST_TOKENS = 10_000
DEFAULT_DUPLICATE_MESSAGE = "A fulfillment order with sellerFulfillmentOrderId {id} already exists."


class FbaRegistry:
    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.clock = SandboxClock()
        self.reset()

    def reset(self) -> None:
        with self.lock:
            self.lwa = LwaBook()
            self.orders = OrderBook()
            self.throttle = Throttle()
            self.faults = FaultBook()
            self.calls: Counter[tuple[str, int]] = Counter()
            self.duplicate_message = DEFAULT_DUPLICATE_MESSAGE
            self._list_tokens: dict[str, tuple[str, float, int]] = {}  # nextToken -> (seller, since, start)
            self.clock.reset()

    def add_client(self, client_id: str, client_secret: str, refresh_token: str | None = None) -> str:
        """Register an LWA app and one seller's authorization of it; returns the refresh token."""
        with self.lock:
            self.lwa.add_client(client_id, client_secret)
            return self.lwa.add_refresh_token(client_id, refresh_token)

    def set_stock(self, sku: str, quantity: int) -> None:
        if quantity < 0:
            raise ValueError("quantity must be 0 or more.")
        with self.lock:
            self.orders.stock[sku] = quantity

    def set_stages(self, received_s: float, planning_s: float, processing_s: float) -> None:
        if min(received_s, planning_s, processing_s) < 0:
            raise ValueError("Stage durations must be 0 or more seconds.")
        with self.lock:
            self.orders.stages = (received_s, planning_s, processing_s)

    def set_status(self, order_id: str, status: str | None) -> None:
        """Report ``status`` (any text, even one Amazon never sends) for the order; None: back to the clock."""
        with self.lock:
            matches = [o for (_, i), o in self.orders.orders.items() if i == order_id]
            if not matches:
                raise ValueError(f"No order {order_id!r}.")
            for order in matches:
                order.status_override = status

    def issue_list_token(self, seller: str, since: float, start: int) -> str:
        """A ``nextToken`` of listAllFulfillmentOrders; it stays valid (a page asked twice, after a
        lost answer, is served twice), the oldest forgotten past ``MAX_LIST_TOKENS``."""
        with self.lock:
            token = secrets.token_urlsafe(24)
            self._list_tokens[token] = (seller, since, start)
            while len(self._list_tokens) > MAX_LIST_TOKENS:
                del self._list_tokens[next(iter(self._list_tokens))]
            return token

    def list_cursor(self, seller: str, token: str) -> tuple[float, int] | None:
        """(since, start) of a token this seller was given, else None."""
        with self.lock:
            found = self._list_tokens.get(token)
            return (found[1], found[2]) if found is not None and found[0] == seller else None

    def expire_tokens(self) -> int:
        with self.lock:
            return self.lwa.expire_all(self.clock.time())

    def note_call(self, operation: str, status: int) -> None:
        with self.lock:
            self.calls[(operation, status)] += 1

    def summary(self) -> dict[str, Any]:
        with self.lock:
            return {"now": self.clock.now(), "clients": sorted(self.lwa.clients),
                    "token_exchanges": self.lwa.exchanges, "orders": len(self.orders.orders),
                    "stock": dict(self.orders.stock), "stages": list(self.orders.stages),
                    "usage_plans": {k: list(v) for k, v in self.throttle.plans.items()},
                    "calls": [{"operation": o, "status": s, "count": n} for (o, s), n in sorted(self.calls.items())],
                    "faults": [f.to_json() for f in self.faults.all()]}


__all__ = ["DEFAULT_STAGES", "FbaRegistry"]
