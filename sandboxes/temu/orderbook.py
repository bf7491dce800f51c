"""In-memory order storage, indexed for the list query.

Orders are kept per (mall, region). A list query needs one mall's orders over a gateway's
region set, sorted newest first by creation or update time; that sorted view is cached and
rebuilt only after a change (``touch``), so paging through 20,000 orders sorts them once.
Callers hold the registry lock around every method.
"""
from __future__ import annotations

from collections import defaultdict

from sandboxes.temu.catalog import serves_region
from sandboxes.temu.model import ParentOrder

SORT_KEYS = {
    "createTime": lambda o: (o.created_at, o.sn),
    "updateTime": lambda o: (o.update_time, o.sn),
}


class OrderBook:
    def __init__(self) -> None:
        self._by_sn: dict[str, ParentOrder] = {}
        self._by_place: dict[tuple[int, int], list[ParentOrder]] = defaultdict(list)
        self._version = 0
        self._views: dict[tuple[int, str, str], tuple[int, list[ParentOrder]]] = {}

    def __len__(self) -> int:
        return len(self._by_sn)

    def add(self, order: ParentOrder) -> None:
        if order.sn in self._by_sn:
            raise ValueError(f"Order {order.sn} already exists: choose another parent_order_sn.")
        self._by_sn[order.sn] = order
        self._by_place[(order.mall_id, order.region_id)].append(order)
        self.touch()

    def get(self, sn: str) -> ParentOrder | None:
        return self._by_sn.get(sn)

    def touch(self) -> None:
        """Note that some order changed, so cached sorted views are stale."""
        self._version += 1

    def select(self, mall_id: int | None = None, region_id: int | None = None) -> list[ParentOrder]:
        """Orders in creation order, optionally of one mall and/or one region."""
        if mall_id is None and region_id is None:
            return list(self._by_sn.values())
        return [o for (m, r), orders in self._by_place.items()
                if mall_id in (None, m) and region_id in (None, r) for o in orders]

    def sorted_view(self, mall_id: int, gateway: str, sortby: str) -> list[ParentOrder]:
        """The mall's orders readable through ``gateway``, newest first by ``sortby``.

        The returned list is shared with the cache: read it, never change it.
        """
        key = (mall_id, gateway, sortby)
        cached = self._views.get(key)
        if cached and cached[0] == self._version:
            return cached[1]
        orders = [o for (m, r), place in self._by_place.items()
                  if m == mall_id and serves_region(gateway, r) for o in place]
        orders.sort(key=SORT_KEYS[sortby], reverse=True)
        self._views[key] = (self._version, orders)
        return orders

    def clear(self) -> None:
        self._by_sn.clear()
        self._by_place.clear()
        self._views.clear()
        self.touch()
