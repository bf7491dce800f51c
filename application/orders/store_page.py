"""Store one page of Temu orders: upsert by (shop, parent order number), never backwards."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from application.ids import time_ordered_uuid
from application.ports.unit_of_work import UnitOfWork
from domain.order import Order, OrderId
from domain.platform_order import PlatformOrder


@dataclass(frozen=True, slots=True)
class StoreCounts:
    created: int
    updated: int
    ignored: int


def store_orders(uow: UnitOfWork, shop_id: str, orders: list[PlatformOrder], history_from: datetime | None,
                 now: datetime) -> StoreCounts:
    """- One row per parent order: a known order is updated, an unknown one created.
    - An unknown order created before the shop's history horizon is not ours to hold.
    - The same order twice on one page (Temu repeats at page edges) counts once.
    """
    latest: dict[str, PlatformOrder] = {}
    for o in orders:
        if o.parent_order_sn not in latest or o.updated_at >= latest[o.parent_order_sn].updated_at:
            latest[o.parent_order_sn] = o
    known = uow.orders.get_many_by_sn(shop_id, list(latest))
    new: list[Order] = []
    updated = ignored = 0
    for sn, snapshot in latest.items():
        order = known.get(sn)
        if order is not None:
            updated += order.apply_platform_update(snapshot, now)
        elif history_from is not None and snapshot.created_at < history_from:
            ignored += 1
        else:
            new.append(Order(id=OrderId(time_ordered_uuid()), shop_id=shop_id, snapshot=snapshot, now=now))
    uow.orders.add_new(new)
    return StoreCounts(len(new), updated, ignored)
