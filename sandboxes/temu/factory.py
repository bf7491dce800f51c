"""Builds parent orders with a believable, self-consistent history.

An order is born PENDING at ``created_at`` and then walks the real state machine
(``lifecycle``) at plausible moments, so that every time field agrees with its status:
``parentShippingTime`` is set only once shipped, ``updateTime`` is the last change, and no
event lies after the sandbox's "now".
"""
from __future__ import annotations

import random

from sandboxes.temu import lifecycle
from sandboxes.temu.catalog import US_REGION_IDS
from sandboxes.temu.goods import catalogue
from sandboxes.temu.lifecycle import CANCELED, DELIVERED, PENDING, SHIPPED, UN_SHIPPING
from sandboxes.temu.model import Line, Mall, ParentOrder
from sandboxes.temu.people import random_address

HOUR, DAY = 3600, 86400
MAX_LINES, MAX_QUANTITY = 20, 999


class OrderFactory:
    """Makes orders for one (mall, region); ``rng`` decides everything not given."""

    def __init__(self, mall: Mall, region_id: int, rng: random.Random) -> None:
        self.mall, self.region_id, self.rng = mall, region_id, rng

    def new_sn(self) -> str:
        return f"PO-{self.region_id:03d}-{self.rng.randrange(10**17):017d}"

    def build(self, *, sn: str, status: int, created_at: int, now: int, lines: int,
              quantity: int | None, seller_sku: str | None = None) -> ParentOrder:
        """An order in ``status``; ``quantity`` None lets each line pick 1–3 units."""
        if not 1 <= lines <= MAX_LINES:
            raise ValueError(f"lines must be between 1 and {MAX_LINES}, got {lines}.")
        if quantity is not None and not 1 <= quantity <= MAX_QUANTITY:
            raise ValueError(f"quantity must be between 1 and {MAX_QUANTITY}, got {quantity}.")
        if status not in lifecycle.STATUS_NAMES:
            raise ValueError(f"status must be one of 1, 2, 3, 4, 5, got {status}.")
        order = self._pending(sn, created_at, lines, quantity, seller_sku)
        self._live_until(order, status, latest=max(now, created_at))
        return order

    def _pending(self, sn: str, created_at: int, lines: int, quantity: int | None,
                 seller_sku: str | None) -> ParentOrder:
        rng = self.rng
        pending_end = created_at + rng.randrange(60, 1800)
        warnings = ["RESTRICT_FEDEX_SELF_SHIPPING"] if (
            self.region_id in US_REGION_IDS and rng.random() < 0.15) else []
        return ParentOrder(
            sn=sn, mall_id=self.mall.mall_id, mall_type=self.mall.mall_type,
            region_id=self.region_id, status=PENDING, created_at=created_at,
            pending_finish_time=pending_end,
            expect_ship_latest_time=pending_end + rng.randrange(DAY, 3 * DAY),
            latest_delivery_time=created_at + rng.randrange(8 * DAY, 20 * DAY),
            update_time=created_at, lines=self._lines(lines, quantity, seller_sku),
            address=random_address(rng, self.region_id), has_shipping_fee=rng.random() < 0.3,
            warnings=warnings)

    def _lines(self, count: int, quantity: int | None, seller_sku: str | None) -> list[Line]:
        skus = catalogue(self.mall.mall_id)
        picks = self.rng.sample(skus, count) if count <= len(skus) else self.rng.choices(skus, k=count)
        lines = []
        for sku in picks:
            units = quantity or self.rng.choices((1, 2, 3), weights=(80, 15, 5))[0]
            lines.append(Line(
                order_sn=f"{self.region_id:03d}-{self.rng.randrange(10**17):017d}",
                goods_id=sku.goods_id, sku_id=sku.sku_id, product_id=sku.product_id,
                product_sku_id=sku.product_sku_id, ext_code=seller_sku or sku.ext_code,
                goods_name=sku.goods_name, spec=sku.spec, original_spec=sku.original_spec,
                thumb_url=sku.thumb_url, original_quantity=units, status=PENDING))
        return lines

    def _live_until(self, order: ParentOrder, status: int, latest: int) -> None:
        """Replay the order's history up to ``status``, never later than ``latest``."""
        rng, at = self.rng, order.created_at
        if status == CANCELED and rng.random() < 0.4:
            lifecycle.cancel(order, min(latest, at + rng.randrange(30, 1800)))
            return
        if status == PENDING:
            return
        at = min(latest, order.pending_finish_time)
        lifecycle.advance(order, UN_SHIPPING, at)
        if status == CANCELED:
            lifecycle.cancel(order, min(latest, at + rng.randrange(HOUR, 2 * DAY)))
        elif status in (SHIPPED, DELIVERED):
            at = min(latest, at + rng.randrange(2 * HOUR, 2 * DAY))
            lifecycle.advance(order, SHIPPED, at)
            if status == DELIVERED:
                lifecycle.advance(order, DELIVERED, min(latest, at + rng.randrange(3 * DAY, 8 * DAY)))

