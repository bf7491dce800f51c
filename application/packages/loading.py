"""What every packing use case loads: the orders named, every package holding them, and the
orders merged with them (``domain.packing.Packing``), as the caller may see them."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from application.ids import time_ordered_uuid
from application.orders.queries import order_not_found
from application.ports.unit_of_work import UnitOfWork
from domain.errors import NotFound
from domain.order import Order
from domain.package import Package
from domain.packing import Packing
from domain.principal import Principal


def load_packing(uow: UnitOfWork, order_ids: Iterable[str], now: datetime,
                 principal: Principal | None = None) -> Packing:
    """``principal`` None: the workers, who act on every shop. An order the caller may not see
    is NOT_FOUND, as an order that does not exist."""
    packing, missing = load_batch(uow, list(order_ids), now, principal)
    if missing:
        raise order_not_found(missing[0])
    return packing


def load_batch(uow: UnitOfWork, order_ids: list[str], now: datetime,
               principal: Principal | None = None) -> tuple[Packing, list[str]]:
    """As ``load_packing``, in a few reads whatever the count; the ids not found (or not the
    caller's) are returned instead of raised. The orders are locked until the transaction ends:
    two commands on one order's packages take turns (a package is made from what was read)."""
    found = uow.orders.get_many(order_ids, for_update=True)
    orders: dict[str, Order] = {}
    missing = []
    for order_id in order_ids:
        order = found.get(order_id)
        if order is None or (principal is not None and not may_act_on_shop(uow, principal, order.shop_id)):
            missing.append(order_id)
        else:
            orders[order.id] = order
    packages: dict[str, Package] = {}
    wanted = set(orders)
    while wanted:  # to the orders merged with them, and theirs (a concurrent merge may add one)
        packages.update({p.id: p for p in uow.packages.holding(wanted)})
        others = {i for p in packages.values() for i in p.order_ids} - set(orders)
        found = uow.orders.get_many(sorted(others), for_update=True) if others else {}
        orders.update(found)
        wanted = set(found)
    return Packing(orders, list(packages.values()), time_ordered_uuid, now), missing


def store(uow: UnitOfWork, packing: Packing) -> None:
    for package in packing.added:
        uow.packages.add(package)


def may_act_on_shop(uow: UnitOfWork, principal: Principal, shop_id: str) -> bool:
    if principal.is_admin:
        return True
    shop = uow.shops.get(shop_id)
    return shop is not None and shop.owner_id == principal.id


def package_not_found(package_id: str) -> NotFound:
    return NotFound(f"There is no package '{package_id}' (or it is not in one of your shops).",
                    resource_type="erp.v1.Package", resource_name=f"packages/{package_id}",
                    reason="PACKAGE_NOT_FOUND")


def visible_package(uow: UnitOfWork, principal: Principal | None, package_id: str) -> Package:
    package = uow.packages.get(package_id)
    if package is None or (principal is not None and not may_act_on_shop(uow, principal, package.shop_id)):
        raise package_not_found(package_id)
    return package
