"""Packing: how orders become packages (设置发货仓库和物流, 拆单, 合单, 审核), and how packages
follow Temu's changes. ``Packing`` holds a set of orders and every package holding any of them:
each command checks the rules of ``domain.packing_rules`` before it changes anything, and leaves
each order's state following its packages (``Order`` stays the one owner of its state).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from datetime import datetime

from domain import order_states
from domain.errors import FieldViolation, PreconditionFailed, ValidationFailed
from domain.order import Order
from domain.order_states import OrderState
from domain.package import (
    BEFORE_AUDIT, BEFORE_PUSH, FLAG_ADDRESS_CHANGED, FLAG_STOP_PARCEL, ONLY_A_PACKAGE_BEFORE_AUDIT_IS_CHANGED,
    Package, PackageLine, PackageState,
)
from domain.packing_rules import (
    AN_ORDER_IS_PACKED_ONE_WAY, AUDIT_NEEDS_A_WAREHOUSE_AND_CHANNEL, NOT_TO_SHIP, NO_PUSH_FOR_AN_ORDER_NOT_TO_SHIP,
    SHIPPING_NEEDS_AN_ADDRESS, check_same_shop_and_address, units_to_ship,
)
from domain.packing_states import follow_packages

Part = list[tuple[str, int]]  # (child order number, units) of one package of a split


class Packing:
    def __init__(self, orders: dict[str, Order], packages: list[Package], new_id: Callable[[], str],
                 now: datetime) -> None:
        self.orders, self.packages, self._new_id, self._now = orders, [], new_id, now
        self._by_order: dict[str, list[Package]] = {}  # a batch holds hundreds of orders
        for package in packages:
            self._keep(package)
        self.added: list[Package] = []  # packages this command created: the caller stores them

    def packages_of(self, order_id: str) -> list[Package]:
        return [p for p in self._by_order.get(order_id, ()) if p.active]

    # -- commands ------------------------------------------------------------------------------

    def assign(self, order_id: str, warehouse_id: str, channel_id: str) -> None:
        """One package holding the whole order, or a new warehouse and channel on its packages."""
        order = self._reviewable(order_id)
        mine = self._changeable(order)
        if not mine:
            self._create(order.shop_id, whole_order(order), warehouse_id, channel_id)
        for package in mine:
            package.assign(warehouse_id, channel_id, self._now)
        self._follow(order.id, *(i for p in mine for i in p.order_ids))

    def split(self, order_id: str, parts: list[Part]) -> None:
        order = self._reviewable(order_id)
        mine = self._changeable(order)
        if any(len(p.order_ids) > 1 for p in mine):
            raise AN_ORDER_IS_PACKED_ONE_WAY.refuse(f"Order {order.parent_order_sn} is merged",
                                                   subject=f"orders/{order.id}")
        lines = _split_lines(order, parts)
        warehouse, channel = _common_route(mine)
        for package in mine:
            package.replace(self._now)
        for part in lines:
            self._create(order.shop_id, part, warehouse, channel)
        self._follow(order.id)

    def merge(self, order_ids: list[str]) -> None:
        orders = [self._reviewable(i) for i in dict.fromkeys(order_ids)]
        if len(orders) < 2:
            raise ValidationFailed("A merge needs at least two different orders.",
                                   [FieldViolation("orders", "name at least two different orders")])
        old = list({p.id: p for o in orders for p in self._changeable(o)}.values())
        for order in orders:
            if len(self.packages_of(order.id)) > 1:
                raise AN_ORDER_IS_PACKED_ONE_WAY.refuse(f"Order {order.parent_order_sn} is split",
                                                       subject=f"orders/{order.id}")
            if order.address is None:
                raise SHIPPING_NEEDS_AN_ADDRESS.refuse(f"Order {order.parent_order_sn} has no address",
                                                      subject=f"orders/{order.id}")
        everyone = list({o.id: o for o in orders + [self.orders[i] for p in old for i in p.order_ids]}.values())
        check_same_shop_and_address(everyone)
        warehouse, channel = _common_route(old)
        for package in old:
            package.replace(self._now)
        self._create(orders[0].shop_id, tuple(line for o in everyone for line in whole_order(o)), warehouse, channel)
        self._follow(*(o.id for o in everyone))

    def undo(self, order_id: str) -> None:
        """Back to one package per order (before audit), for the order and any merged with it."""
        order = self._reviewable(order_id)
        mine = self._changeable(order)
        involved = list(dict.fromkeys(i for p in mine for i in p.order_ids))
        if len(mine) < 2 and involved in ([], [order.id]):
            raise PreconditionFailed(f"Order {order.parent_order_sn} is neither split nor merged: nothing to undo.",
                                     reason="NOTHING_TO_UNDO", subject=f"orders/{order.id}")
        self._repack(mine, involved)

    def audit(self, order_id: str, seller_skus: Mapping[tuple[str, str], str]) -> str:
        """Audit the order's packages (and so every order merged with it): "" once audited, or
        the reason they are held. ``seller_skus``: (order id, child order number) → the seller
        SKU the warehouse ships, for every line that has one (mapped, or usable as it is)."""
        order = self.orders[order_id]
        mine = [p for p in self.packages_of(order_id) if p.state in BEFORE_PUSH]
        held = [self.orders[i] for p in mine for i in p.order_ids]
        for each in dict.fromkeys(held or [order]):
            try:
                _check_auditable(each, self.packages_of(each.id))
            except PreconditionFailed as refused:
                if each is order:
                    raise
                # the caller named this order: say which of its package's orders is in the way
                raise PreconditionFailed(
                    f"Order {order.parent_order_sn} shares a package with order {each.parent_order_sn}: "
                    f"{refused.message}", reason=refused.reason, subject=f"orders/{order.id}",
                    merged_with=f"orders/{each.id}") from refused
        if not mine:
            order_states.ONLY_AN_ASSIGNED_ORDER_IS_AUDITED.check(order)
        missing = [line for p in mine for line in p.lines if (line.order_id, line.order_sn) not in seller_skus]
        for package in mine:
            if missing:
                package.hold(_no_sku_reason(missing[0], self.orders[missing[0].order_id]), self._now)
            else:
                package.lines = tuple(_with_sku(line, seller_skus) for line in package.lines)
                package.audit(self._now)
        self._follow(*(o.id for o in held))
        return mine[0].hold_reason if missing else ""

    def follow_temu(self, order_id: str, *, address_changed: bool) -> None:
        """Temu cancelled the order, shipped it elsewhere, or changed its address."""
        order = self.orders[order_id]
        mine = self.packages_of(order_id)
        if order.state in NOT_TO_SHIP or FLAG_STOP_PARCEL_REASON in order.exceptions:
            waiting = [p for p in mine if p.state in BEFORE_PUSH]
            for package in mine:
                if package.state not in BEFORE_PUSH:
                    package.flag(FLAG_STOP_PARCEL, self._now)
            others = [i for p in waiting for i in p.order_ids if i != order_id]
            for package in waiting:
                package.cancel(self._now)
            for other in dict.fromkeys(others):
                self._create(self.orders[other].shop_id, whole_order(self.orders[other]),
                             *_common_route(waiting))
            self._follow(order_id, *others)
        elif address_changed:
            for package in mine:
                if package.state not in BEFORE_PUSH:
                    package.flag(FLAG_ADDRESS_CHANGED, self._now)
                elif len(package.order_ids) > 1:
                    self._repack([package], list(package.order_ids))

    def settle(self, package: Package) -> None:
        """After the provider's answer changed a package, its orders follow. A merged package
        back before its push (its label voided) whose orders no longer share one address (Temu
        changed one while it was out) is unmerged, as a change before the push would have done."""
        orders = [self.orders[i] for i in package.order_ids]
        if package.state in BEFORE_PUSH and len({(o.shop_id, o.address) for o in orders}) > 1:
            self._repack([package], list(package.order_ids))
            return
        self._follow(*package.order_ids)

    # -- internals -----------------------------------------------------------------------------

    def _reviewable(self, order_id: str) -> Order:
        order = self.orders[order_id]
        order_states.A_DONE_ORDER_IS_FINAL.check(order)
        order_states.AN_ORDER_IN_EXCEPTION_WAITS_FOR_A_PERSON.check(order)
        order_states.ONLY_AN_ORDER_TO_REVIEW_IS_ASSIGNED.check(order)
        return order

    def _changeable(self, order: Order) -> list[Package]:
        mine = self.packages_of(order.id)
        for package in mine:
            ONLY_A_PACKAGE_BEFORE_AUDIT_IS_CHANGED.check(package, order=order.id)
        return mine

    def _repack(self, old: list[Package], order_ids: list[str]) -> None:
        warehouse, channel = _common_route(old)
        for package in old:
            package.replace(self._now)
        for i in order_ids:
            self._create(self.orders[i].shop_id, whole_order(self.orders[i]), warehouse, channel)
        self._follow(*order_ids)

    def _create(self, shop_id: str, lines: tuple[PackageLine, ...], warehouse: str | None, channel: str | None) -> None:
        package = Package(id=self._new_id(), shop_id=shop_id, lines=lines, warehouse_id=warehouse,
                          channel_id=channel, now=self._now)
        self._keep(package)
        self.added.append(package)

    def _keep(self, package: Package) -> None:
        self.packages.append(package)
        for order_id in package.order_ids:
            self._by_order.setdefault(order_id, []).append(package)

    def _follow(self, *order_ids: str) -> None:
        for i in dict.fromkeys(order_ids):
            follow_packages(self.orders[i], self.packages_of(i), self._now)


FLAG_STOP_PARCEL_REASON = "CANCELLED_ON_TEMU_AFTER_PUSH"  # domain.order's exception code


def whole_order(order: Order) -> tuple[PackageLine, ...]:
    return tuple(PackageLine(order.id, line.order_sn, line.seller_sku, line.quantity)
                 for line in order.lines if line.quantity > 0)


def _common_route(packages: list[Package]) -> tuple[str | None, str | None]:
    """The warehouse and channel the old packages shared, else none (the new ones are drafts)."""
    routes = {(p.warehouse_id, p.channel_id) for p in packages}
    return routes.pop() if len(routes) == 1 else (None, None)


def _split_lines(order: Order, parts: list[Part]) -> list[tuple[PackageLine, ...]]:
    """The packages of a split; refused, naming the field, when it loses or invents a unit."""
    if len(parts) < 2:
        raise ValidationFailed("A split needs at least two packages.", [FieldViolation("parts", "give at least two parts")])
    to_ship, skus = units_to_ship(order), {line.order_sn: line.seller_sku for line in order.lines}
    given: Counter[str] = Counter()
    packages = []
    for i, part in enumerate(parts):
        if not part:
            raise ValidationFailed(f"Part {i} of the split is empty.", [FieldViolation(f"parts[{i}].lines", "empty")])
        for j, (order_sn, quantity) in enumerate(part):
            where = f"parts[{i}].lines[{j}]"
            if order_sn not in to_ship:
                raise ValidationFailed(f"Order {order.parent_order_sn} has no line {order_sn!r} to ship.",
                                       [FieldViolation(f"{where}.order_sn", "not a line of this order")])
            if quantity <= 0:
                raise ValidationFailed(f"The quantity of line {order_sn} must be at least 1.",
                                       [FieldViolation(f"{where}.quantity", "must be at least 1")])
            given[order_sn] += quantity
        merged: Counter[str] = Counter()
        for order_sn, quantity in part:
            merged[order_sn] += quantity
        packages.append(tuple(PackageLine(order.id, sn, skus[sn], q) for sn, q in merged.items()))
    for order_sn in sorted(set(to_ship) | set(given)):
        if given[order_sn] != to_ship[order_sn]:
            verb = "invents" if given[order_sn] > to_ship[order_sn] else "loses"
            raise ValidationFailed(
                f"The split {verb} units of line {order_sn}: the parts hold {given[order_sn]}, order "
                f"{order.parent_order_sn} ships {to_ship[order_sn]}.",
                [FieldViolation("parts", f"line {order_sn}: {given[order_sn]} given, {to_ship[order_sn]} to ship")],
                reason="SPLIT_UNITS_DO_NOT_MATCH")
    return packages


def _check_auditable(order: Order, packages: list[Package]) -> None:
    subject = f"orders/{order.id}"
    if order.state in NOT_TO_SHIP:
        raise NO_PUSH_FOR_AN_ORDER_NOT_TO_SHIP.refuse(f"Order {order.parent_order_sn} is {order.state.value}",
                                                      subject=subject)
    order_states.AN_ORDER_IN_EXCEPTION_WAITS_FOR_A_PERSON.check(order)
    if order.address is None:
        raise SHIPPING_NEEDS_AN_ADDRESS.refuse(f"Order {order.parent_order_sn} has no address", subject=subject)
    if not packages or any(not (p.warehouse_id and p.channel_id) for p in packages):
        field = "channel" if packages and all(p.warehouse_id for p in packages) else "warehouse"
        raise AUDIT_NEEDS_A_WAREHOUSE_AND_CHANNEL.refuse(
            f"Order {order.parent_order_sn} has no {field}", subject=subject, field=field)
    if order.state not in (OrderState.TO_REVIEW, OrderState.ASSIGNED, OrderState.AUDITED):
        order_states.ONLY_AN_ASSIGNED_ORDER_IS_AUDITED.check(order)


def _no_sku_reason(line: PackageLine, order: Order) -> str:
    sku = line.seller_sku or "(none)"
    return (f"order {order.parent_order_sn} line {line.order_sn}: SKU {sku} has no seller SKU mapping and no "
            "usable seller SKU; map it, then audit again")


def _with_sku(line: PackageLine, seller_skus: Mapping[tuple[str, str], str]) -> PackageLine:
    sku = seller_skus[(line.order_id, line.order_sn)]
    return line if sku == line.seller_sku else PackageLine(line.order_id, line.order_sn, sku, line.quantity)


__all__ = ["BEFORE_AUDIT", "Packing", "PackageState", "whole_order"]
