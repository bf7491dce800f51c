"""The mark-shipped gate (订单标发, MARK-1, MARK-2): when the tracking of a platform order may go
up to Temu, and what the one call that carries it holds.

A platform order is uploaded whole, in one call, with every order it shares a parcel with:

- every active package of each order has a tracking number (``NOT_ALL_PACKAGES_TRACKED``,
  naming the packages that lack one);
- every unit to ship of each order is in exactly one active package (``UNITS_NOT_COVERED``);
- the orders of a merged parcel go together, to one address (``MERGED_ADDRESS_MISMATCH``,
  checked here before Temu would refuse it);
- each package's channel names Temu's carrier for the order's region (``NO_TEMU_CARRIER``);
- a US local shop's package ships from a Temu warehouse bound to its ERP warehouse or channel
  (TEMU仓库绑定, MARK-3: ``TEMU_WAREHOUSE_NOT_BOUND``, saying what to bind and where).

The call is built from the group: SINGLE (sendType 0: one order, one package), SPLIT (1: one
order over several packages, all of them in the call), MERGED (2: several orders in one
package). Only pure values here; the application turns a plan into Temu's request.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from enum import Enum
from typing import Callable, Iterable, Mapping

from domain.errors import PreconditionFailed
from domain.order import Order
from domain.package import Package
from domain.warehouse import TemuCarrier


NO_TEMU_CARRIER = "NO_TEMU_CARRIER"


class SendType(int, Enum):
    SINGLE = 0
    SPLIT = 1
    MERGED = 2


@dataclass(frozen=True, slots=True)
class PlannedItem:
    parent_order_sn: str
    order_sn: str
    quantity: int
    goods_id: int | None = None
    sku_id: int | None = None


@dataclass(frozen=True, slots=True)
class PlannedParcel:
    package_id: str
    carrier_id: int
    tracking_numbers: tuple[str, ...]  # the first is the parcel's; more only for one unit in several boxes
    items: tuple[PlannedItem, ...]
    temu_warehouse_id: str | None = None  # ``selfShippingWarehouseId``


@dataclass(frozen=True, slots=True)
class UploadPlan:
    """One Temu confirmation: the orders it marks shipped and their parcels."""

    send_type: SendType
    order_ids: tuple[str, ...]
    parent_order_sns: tuple[str, ...]
    parcels: tuple[PlannedParcel, ...]

    @property
    def tracking_numbers(self) -> frozenset[str]:
        return frozenset(n for p in self.parcels for n in p.tracking_numbers)


# The channel's Temu carrier for a region: (channel id, region id) → carrier, None when unmapped.
CarrierLookup = Callable[[str, int], TemuCarrier | None]


@dataclass(frozen=True, slots=True)
class TemuWarehouses:
    """The Temu warehouse (``WH-…``) each package ships from: ``of(warehouse_id, channel_id)``
    is the binding of the package's channel, else of its ERP warehouse, else None. ``required``
    for US local shops (MARK-3): an unbound package is refused before any call."""

    of: Callable[[str, str], str | None]
    required: bool
    shop_id: str = ""


NO_TEMU_WAREHOUSES = TemuWarehouses(lambda warehouse_id, channel_id: None, required=False)


def upload_group(order_id: str, packages: Iterable[Package]) -> tuple[tuple[str, ...], tuple[Package, ...]]:
    """The orders uploaded with ``order_id`` (itself and those merged with it) and their active
    packages, in a stable order."""
    active = [p for p in packages if p.active]
    orders, seen = [order_id], {order_id}
    for oid in orders:  # grows while merged packages bring more orders
        for p in active:
            if oid in p.order_ids:
                for other in p.order_ids:
                    if other not in seen:
                        seen.add(other)
                        orders.append(other)
    group = tuple(p for p in active if seen & set(p.order_ids))
    return tuple(sorted(seen)), tuple(sorted(group, key=lambda p: p.id))


def plan_upload(order_id: str, orders: Mapping[str, Order], packages: Iterable[Package],
                carrier_of: CarrierLookup, temu_warehouses: TemuWarehouses = NO_TEMU_WAREHOUSES) -> UploadPlan:
    """The one call that uploads ``order_id`` with everything that must go with it, or a
    ``PreconditionFailed`` whose reason says why not yet (nothing is sent then)."""
    order_ids, group = upload_group(order_id, packages)
    subject = f"orders/{order_id}"
    if not group:
        raise PreconditionFailed(f"Order {orders[order_id].parent_order_sn} has no package to upload: assign "
                                 "it to a warehouse first.", reason="NO_PACKAGES", subject=subject)
    untracked = [p.id for p in group if not p.tracking_numbers]
    if untracked:
        raise PreconditionFailed(
            f"Nothing of order {orders[order_id].parent_order_sn} is uploaded until every package has a tracking "
            f"number; waiting for: {', '.join(untracked)}.",
            reason="NOT_ALL_PACKAGES_TRACKED", subject=subject, missing_packages=",".join(untracked))
    _check_units(order_ids, orders, group, subject)
    members = [orders[oid] for oid in order_ids]
    if len(members) > 1 and len({o.address for o in members}) > 1:
        raise PreconditionFailed(
            "The orders of merged package " + group[0].id + " go to different addresses: undo the merge "
            "and ship them apart.", reason="MERGED_ADDRESS_MISMATCH", subject=subject)
    parcels = tuple(_parcel(p, orders, carrier_of, temu_warehouses, subject) for p in group)
    kind = SendType.MERGED if len(members) > 1 else SendType.SPLIT if len(parcels) > 1 else SendType.SINGLE
    if kind is SendType.MERGED and len(parcels) > 1:
        raise PreconditionFailed("A merged package's orders are not split too: Temu takes one or the other.",
                                 reason="ORDER_SPLIT_OR_MERGED", subject=subject)
    return UploadPlan(kind, order_ids, tuple(o.parent_order_sn for o in members), parcels)


def _check_units(order_ids: tuple[str, ...], orders: Mapping[str, Order], group: tuple[Package, ...],
                 subject: str) -> None:
    packed = Counter()
    for p in group:
        for line in p.lines:
            packed[(line.order_id, line.order_sn)] += line.quantity
    wanted = Counter({(oid, l.order_sn): l.quantity for oid in order_ids for l in orders[oid].lines if l.quantity > 0})
    wrong = sorted(k for k in set(packed) | set(wanted) if packed[k] != wanted[k])
    if wrong:
        oid, sn = wrong[0]
        raise PreconditionFailed(
            f"Child order {sn} of {orders[oid].parent_order_sn} has {wanted[(oid, sn)]} unit(s) to ship but its "
            f"packages hold {packed[(oid, sn)]}: fix the packages before uploading.",
            reason="UNITS_NOT_COVERED", subject=subject, order_sn=sn)


def _parcel(p: Package, orders: Mapping[str, Order], carrier_of: CarrierLookup, temu_warehouses: TemuWarehouses,
            subject: str) -> PlannedParcel:
    regions = {orders[oid].region_id for oid in p.order_ids}
    carriers = {carrier_of(p.channel_id or "", r) for r in regions}
    if None in carriers or len(carriers) != 1:
        region = next(iter(sorted(regions)))
        # A provider's route (3PL, FBA) names no Temu carrier by itself: the provider's own name
        # for its carrier, when it gave one, tells the person which of Temu's to pick.
        shipped_by = f" (the provider ships it with {p.carrier})" if p.carrier else ""
        raise PreconditionFailed(
            f"Channel {p.channel_id} of package {p.id}{shipped_by} has no Temu carrier for region {region}: map the "
            "channel's carrier to one of Temu's (MarkShippedService.ListTemuCarriers lists them, MapTemuCarrier "
            "maps); the order is then asked through the gate again by itself (uploaded at once with automatic "
            "marking on, READY otherwise).",
            reason=NO_TEMU_CARRIER, subject=subject, channel_id=p.channel_id, region_id=region,
            provider_carrier=p.carrier or None)
    (carrier,) = carriers
    temu_warehouse = temu_warehouses.of(p.warehouse_id or "", p.channel_id or "")
    if temu_warehouse is None and temu_warehouses.required:
        raise PreconditionFailed(
            f"Package {p.id} ships from ERP warehouse {p.warehouse_id} by channel {p.channel_id}, and Temu needs the "
            f"Temu warehouse of every parcel of a US local shop (selfShippingWarehouseId): bind warehouse "
            f"{p.warehouse_id} (or channel {p.channel_id}) to one of shop {temu_warehouses.shop_id}'s Temu "
            "warehouses (TEMU仓库绑定: MarkShippedService.ListTemuWarehouses shows them, BindTemuWarehouse "
            "binds), then mark the order shipped again.",
            reason="TEMU_WAREHOUSE_NOT_BOUND", subject=subject, warehouse_id=p.warehouse_id or "",
            channel_id=p.channel_id or "", shop_id=temu_warehouses.shop_id)
    by_sn = {l.order_sn: l for oid in p.order_ids for l in orders[oid].lines}
    items = tuple(PlannedItem(orders[l.order_id].parent_order_sn, l.order_sn, l.quantity,
                              by_sn[l.order_sn].goods_id, by_sn[l.order_sn].sku_id) for l in p.lines)
    one_unit = sum(i.quantity for i in items) == 1
    # Several numbers on a parcel of several units are a multi-piece label: Temu takes extra
    # boxes only for one unit, so the parcel's own number goes up alone.
    numbers = p.tracking_numbers if one_unit else p.tracking_numbers[:1]
    return PlannedParcel(p.id, carrier.carrier_id, numbers, items, temu_warehouse)
