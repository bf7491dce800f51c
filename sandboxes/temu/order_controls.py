"""The order half of ``SandboxRegistry``: create, generate and move orders (a mixin).

Every method takes the registry lock and stamps changes with the sandbox clock.
"""
from __future__ import annotations

import random
import threading
from typing import Any

from sandboxes.temu import lifecycle, wire
from sandboxes.kit.clock import SandboxClock
from sandboxes.temu.factory import OrderFactory
from sandboxes.temu.model import Mall, ParentOrder
from sandboxes.temu.orderbook import OrderBook
from sandboxes.temu.people import random_address

DEFAULT_MIX = {2: 0.60, 4: 0.13, 5: 0.12, 3: 0.10, 1: 0.05}
MAX_GENERATED = 200_000
PENDING_AGE_LIMIT = 1800  # PENDING is a short cooling-off: generated ones are under 30 min old


class OrderControls:
    clock: SandboxClock
    lock: threading.RLock
    malls: dict[int, Mall]
    order_book: OrderBook
    _rng: random.Random

    def create_order(self, mall_id: int, region_id: int, *, status: int = 2,
                     created_at: int | None = None, lines: int = 1, quantity: int = 1,
                     seller_sku: str | None = None, parent_order_sn: str | None = None,
                     updated_at: int | None = None) -> str:
        """Create one order and return its ``parentOrderSn``.

        ``created_at`` defaults to now. The order's history up to ``status`` is replayed at
        plausible moments no later than now, so ``updateTime`` is its last change; pass
        ``updated_at`` (≥ ``created_at``) to pin ``updateTime`` exactly.
        """
        with self.lock:
            factory = OrderFactory(self._mall(mall_id), _region(region_id), self._rng)
            created = self.clock.now() if created_at is None else _timestamp(created_at, "created_at")
            if updated_at is not None and _timestamp(updated_at, "updated_at") < created:
                raise ValueError("updated_at must not be earlier than created_at.")
            sn = self._fresh_sn(factory, parent_order_sn)
            latest = self.clock.now() if updated_at is None else updated_at
            order = factory.build(sn=sn, status=status, created_at=created, now=latest,
                                  lines=lines, quantity=quantity, seller_sku=seller_sku)
            if updated_at is not None:
                order.update_time = updated_at
            self.order_book.add(order)
            return sn

    def generate_orders(self, mall_id: int, region_id: int, count: int, *, days: int = 30,
                        seed: int | str = 0, mix: dict[int, float] | None = None) -> list[str]:
        """Create ``count`` orders spread over the last ``days``; the same arguments give the
        same orders (relative to now). ``mix`` maps status → weight (default: about 60 % 2,
        25 % 4/5, 10 % 3, 5 % 1). Each order has 1–3 lines of the mall's catalogue."""
        weights = _mix(mix)
        if not 0 <= count <= MAX_GENERATED or days < 1:
            raise ValueError(f"count must be 0–{MAX_GENERATED} and days at least 1.")
        with self.lock:
            rng = random.Random(f"{seed}:{mall_id}:{region_id}")
            factory = OrderFactory(self._mall(mall_id), _region(region_id), rng)
            now, sns = self.clock.now(), []
            for status in rng.choices(list(weights), list(weights.values()), k=count):
                age = rng.randrange(PENDING_AGE_LIMIT if status == 1 else days * 86400)
                order = factory.build(sn=self._fresh_sn(factory, None), status=status,
                                      created_at=now - age, now=now,
                                      lines=rng.choices((1, 2, 3), (70, 22, 8))[0], quantity=None)
                self.order_book.add(order)
                sns.append(order.sn)
            return sns

    def advance_order(self, parent_order_sn: str, to_status: int | None = None) -> int:
        """Move an order one step along 1 → 2 → 4 → 5 (or to ``to_status``: 3 cancels);
        an illegal move raises ``ValueError``. Returns the new status."""
        with self.lock:
            return self._change(parent_order_sn, lambda o, now: lifecycle.advance(o, to_status, now))

    def cancel_order(self, parent_order_sn: str) -> None:
        """The buyer cancels the whole order; only from status 1 or 2."""
        with self.lock:
            self._change(parent_order_sn, lifecycle.cancel)

    def partial_cancel_order(self, parent_order_sn: str, order_sn: str | None = None,
                             quantity: int = 1) -> None:
        """The buyer cancels ``quantity`` units of one line before shipment (first line with
        units left when ``order_sn`` is None); ``quantity`` drops, the cancel count grows."""
        with self.lock:
            self._change(parent_order_sn,
                         lambda o, now: lifecycle.partial_cancel(o, order_sn, quantity, now))

    def change_address(self, parent_order_sn: str) -> None:
        """The buyer moves the order to a new address before shipment."""
        with self.lock:
            self._change(parent_order_sn, lambda o, now: lifecycle.change_address(
                o, random_address(self._rng, o.region_id), now))

    def spoil_order(self, parent_order_sn: str, *, parent_fields: dict[str, Any] | None = None,
                    line_fields: dict[str, Any] | None = None) -> None:
        """Serve this order with bad data, as Temu sometimes does: each given field of the
        ``parentOrderMap`` (or of every line) is replaced by the value, or removed when None.
        The order's update time moves on, so a sync sees it again."""
        if not isinstance(parent_fields or {}, dict) or not isinstance(line_fields or {}, dict):
            raise ValueError("parent_fields and line_fields must be JSON objects of field → value.")
        with self.lock:
            def spoil(order, now):
                order.bad_parent_fields.update(parent_fields or {})
                order.bad_line_fields.update(line_fields or {})
                order.update_time = max(order.update_time, now)
            self._change(parent_order_sn, spoil)

    def orders(self, mall_id: int | None = None, region_id: int | None = None) -> list[dict[str, Any]]:
        """Ground truth in creation order: each order exactly as the list API renders its
        ``parentOrderMap`` (``parentOrderStatus``, ``updateTime``…), plus ``mallId`` and
        ``orderList``."""
        with self.lock:
            return [_ground_truth(o) for o in self.order_book.select(mall_id, region_id)]

    def order_sns(self, mall_id: int | None = None, region_id: int | None = None,
                  statuses: tuple[int, ...] | None = None) -> list[str]:
        """``parentOrderSn`` of matching orders, in creation order (cheaper than ``orders``)."""
        with self.lock:
            return [o.sn for o in self.order_book.select(mall_id, region_id)
                    if statuses is None or o.status in statuses]

    def _change(self, sn: str, change: Any) -> Any:
        order = self.order_book.get(sn)
        if order is None:
            raise ValueError(f"Unknown order {sn!r}: create it first (see orders()).")
        result = change(order, self.clock.now())
        self.order_book.touch()
        return result

    def _fresh_sn(self, factory: OrderFactory, wanted: str | None) -> str:
        if wanted is not None:
            if not isinstance(wanted, str) or not wanted.strip() or " " in wanted:
                raise ValueError("parent_order_sn must be a non-empty string without spaces, "
                                 "e.g. PO-211-01234567890123456.")
            return wanted
        sn = factory.new_sn()
        while self.order_book.get(sn) is not None:
            sn = factory.new_sn()
        return sn

    def _mall(self, mall_id: int) -> Mall:
        mall = self.malls.get(mall_id)
        if mall is None:
            raise ValueError(f"Unknown mall {mall_id!r}: add it first with add_mall.")
        return mall


def _ground_truth(order: ParentOrder) -> dict[str, Any]:
    item = wire.list_item(order)
    return {"mallId": order.mall_id, **item["parentOrderMap"], "orderList": item["orderList"]}


def _region(region_id: Any) -> int:
    if isinstance(region_id, bool) or not isinstance(region_id, int) or region_id <= 0:
        raise ValueError(f"region_id must be a positive integer such as 211 (US) or 210 (EU), "
                         f"got {region_id!r}.")
    return region_id


def _timestamp(value: Any, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{name} must be Unix seconds (an integer), got {value!r}.")
    return value


def _mix(mix: dict[int, float] | None) -> dict[int, float]:
    try:
        weights = {int(k): float(v) for k, v in (mix or DEFAULT_MIX).items()}
    except (AttributeError, TypeError, ValueError):
        weights = {}
    if not weights or any(s not in lifecycle.STATUS_NAMES or w < 0 for s, w in weights.items()) \
            or sum(weights.values()) <= 0:
        raise ValueError("mix maps statuses 1–5 to non-negative weights with a positive sum, "
                         "e.g. {2: 0.6, 4: 0.25, 3: 0.1, 1: 0.05}.")
    return weights
