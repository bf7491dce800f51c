"""An outbound order and Goodcang's life cycle on the sandbox clock.

``H`` draft (``verify`` 0) stays until changed; ``C`` awaiting review becomes ``W`` awaiting
shipment (the warehouse picks) after ``review_s``, and ``W`` becomes ``D`` shipped after
``pick_s``, with one box and one tracking number per item line. ``X`` is discarded. A status
forced through the control API (any letter, ``N``/``P`` or an unknown one) stops the clock;
forcing ``D`` ships the order then, with its boxes (one package shipped before the others).
"""
from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from typing import Any

from sandboxes.goodcang.create_request import CreateRequest

DRAFT, REVIEW, PICKING, SHIPPED, DISCARDED = "H", "C", "W", "D", "X"
CANCELLABLE = (DRAFT, REVIEW)


@dataclass(frozen=True, slots=True)
class Timing:
    review_s: float = 60.0
    pick_s: float = 240.0


@dataclass(slots=True)
class Order:
    order_code: str
    app_key: str
    request: CreateRequest
    status: str
    created_at: float
    released_at: float | None = None
    shipped_at: float | None = None
    tracking_numbers: list[str] = field(default_factory=list)
    forced: bool = False

    @property
    def reference_no(self) -> str:
        return self.request.reference_no

    def advance(self, now: float, timing: Timing) -> bool:
        """Move along the clock; True when the order has just shipped."""
        if self.forced:
            return False
        if self.status == REVIEW and now >= self.created_at + timing.review_s:
            self.status, self.released_at = PICKING, self.created_at + timing.review_s
        if self.status == PICKING and self.released_at is not None and now >= self.released_at + timing.pick_s:
            self.ship(self.released_at + timing.pick_s)
            return True
        return False

    def ship(self, at: float) -> None:
        """Shipped at ``at``: one box and tracking number per item line."""
        self.status, self.shipped_at = SHIPPED, at
        self.tracking_numbers = [tracking_number(self.order_code, i) for i in range(len(self.request.items))]

    def to_wire(self) -> dict[str, Any]:
        """``OrderItemComposite`` as get_order_by_code answers it."""
        f = self.request.fields
        return {
            "order_code": self.order_code, "reference_no": f["reference_no"],
            "platform": f["platform"] or "OTHER", "order_status": self.status,
            "shipping_method": f["shipping_method"], "warehouse_code": f["warehouse_code"],
            "tracking_no": self.tracking_numbers[0] if self.tracking_numbers else "",
            "order_desc": f["order_desc"], "abnormal_problem_reason": "",
            "date_create": _stamp(self.created_at), "date_release": _stamp(self.released_at),
            "date_shipping": _stamp(self.shipped_at), "date_modify": _stamp(self.shipped_at or self.created_at),
            "consignee_country_code": f["country_code"], "consignee_state": f["province"],
            "consignee_city": f["city"], "consignee_address1": f["address1"],
            "consignee_address2": f["address2"], "consignee_zipcode": f["zipcode"],
            "consignee_name": f["name"], "consignee_last_name": f["last_name"],
            "items": [{"product_sku": sku, "quantity": qty, "transaction_id": "", "item_id": ""}
                      for sku, qty in self.request.items],
            "orderBoxInfo": self._boxes(),
        }

    def _boxes(self) -> list[dict[str, Any]]:
        return [{"box_no": f"1-{i + 1}", "order_code": self.order_code, "tracking_number": number,
                 "product_barcode": sku, "ob_qty": qty, "ob_add_time": _stamp(self.shipped_at)}
                for i, ((sku, qty), number) in enumerate(zip(self.request.items, self.tracking_numbers))]


def tracking_number(order_code: str, box: int) -> str:
    """A carrier-looking number, stable for (order, box)."""
    digest = int(hashlib.sha256(f"{order_code}/{box}".encode()).hexdigest()[:15], 16)
    return f"1Z{digest % 10**16:016d}"


def _stamp(moment: float | None) -> str:
    """Goodcang's ``YYYY-MM-DD HH:MM:SS`` (the sandbox writes UTC)."""
    return "" if moment is None else time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(moment))
