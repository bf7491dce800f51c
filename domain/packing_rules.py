"""The rules across orders and their packages (FUL-3), each named, each with a stable reason.

The commands of ``domain.packing`` check them before they change anything; ``violations`` checks
them all over a set of orders and packages (the property tests call it after every step).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from domain.errors import PreconditionFailed
from domain.order import Order
from domain.order_states import OrderState
from domain.package import FLAG_STOP_PARCEL, LEFT, Package

NOT_TO_SHIP = frozenset({OrderState.DO_NOT_SHIP, OrderState.CANCELLED})


@dataclass(frozen=True, slots=True)
class PackingRule:
    reason: str
    sentence: str

    def refuse(self, message: str, *, subject: str, **details: object) -> PreconditionFailed:
        return PreconditionFailed(f"{message}: {self.sentence}.", reason=self.reason, subject=subject, **details)


UNITS_MATCH_THE_ORDER = PackingRule(
    "UNITS_DO_NOT_MATCH", "for every order, the units across its packages equal its units to ship, per line")
NO_UNIT_IN_TWO_PACKAGES = PackingRule(
    "UNIT_IN_TWO_PACKAGES", "no unit is in two active packages")
NO_PUSH_FOR_AN_ORDER_NOT_TO_SHIP = PackingRule(
    "ORDER_NOT_TO_SHIP", "no package of a do-not-ship or cancelled order is pushed")
ONE_SHOP_AND_ONE_ADDRESS_PER_PACKAGE = PackingRule(
    "MERGE_ACROSS_SHOPS_OR_ADDRESSES", "a merged package holds orders of one shop and one address only")
AN_ORDER_IS_PACKED_ONE_WAY = PackingRule(
    "ORDER_SPLIT_OR_MERGED", "an order is either split or merged, never both: undo one first")
SHIPPING_NEEDS_AN_ADDRESS = PackingRule(
    "ADDRESS_NOT_GIVEN", "Temu has not given this order's address yet; it is fetched by itself, try again later")
AUDIT_NEEDS_A_WAREHOUSE_AND_CHANNEL = PackingRule(
    "NO_WAREHOUSE_OR_CHANNEL", "assign a warehouse and a logistics channel first")


def units_to_ship(order: Order) -> Counter[str]:
    """Units to ship per child order (``orderSn``); lines with nothing left to ship are left out."""
    return Counter({line.order_sn: line.quantity for line in order.lines if line.quantity > 0})


def packed_units(order_id: str, packages: Iterable[Package]) -> Counter[str]:
    units: Counter[str] = Counter()
    for package in packages:
        if package.active:
            for line in package.lines:
                if line.order_id == order_id:
                    units[line.order_sn] += line.quantity
    return units


def check_pushable(package: Package, orders: Iterable[Order]) -> None:
    """Every order in the package is still to ship (the order's state, read now)."""
    for order in orders:
        if order.state in NOT_TO_SHIP:
            raise NO_PUSH_FOR_AN_ORDER_NOT_TO_SHIP.refuse(
                f"Order {order.parent_order_sn} is {order.state.value}", subject=f"orders/{order.id}")


def check_same_shop_and_address(orders: list[Order]) -> None:
    first = orders[0]
    for order in orders[1:]:
        if order.shop_id != first.shop_id or order.address != first.address:
            what = "shop" if order.shop_id != first.shop_id else "address"
            raise ONE_SHOP_AND_ONE_ADDRESS_PER_PACKAGE.refuse(
                f"Order {order.parent_order_sn} has another {what} than order {first.parent_order_sn}",
                subject=f"orders/{order.id}")


def violations(orders: dict[str, Order], packages: Iterable[Package]) -> list[str]:
    """Every rule broken by this set of orders and packages, in words ([] when all hold)."""
    packages = [p for p in packages if p.active]
    found: list[str] = []
    for order in orders.values():
        mine = [p for p in packages if order.id in p.order_ids]
        if mine and packed_units(order.id, mine) != units_to_ship(order):
            found.append(f"{UNITS_MATCH_THE_ORDER.reason}: {order.parent_order_sn}")
        lines = Counter((p.id, line.order_id, line.order_sn) for p in mine for line in p.lines if line.order_id == order.id)
        if any(n > 1 for n in lines.values()) or any(line.quantity <= 0 for p in mine for line in p.lines):
            found.append(f"{NO_UNIT_IN_TWO_PACKAGES.reason}: {order.parent_order_sn}")
    for package in packages:
        held = [orders[i] for i in package.order_ids if i in orders]
        if package.state in LEFT and package.audited_at is None:
            found.append(f"PACKAGE_NOT_AUDITED: {package.id}")
        if package.state in LEFT and any(o.state in NOT_TO_SHIP for o in held) and FLAG_STOP_PARCEL not in package.flags:
            found.append(f"{NO_PUSH_FOR_AN_ORDER_NOT_TO_SHIP.reason}: {package.id}")
        if len(held) > 1 and package.state not in LEFT:
            if len({(o.shop_id, o.address) for o in held}) > 1:
                found.append(f"{ONE_SHOP_AND_ONE_ADDRESS_PER_PACKAGE.reason}: {package.id}")
    return found
