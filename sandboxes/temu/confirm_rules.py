"""Temu's rules for ``bg.logistics.shipment.v2.confirm`` (docs/temu-protocol.md §18, §21), then
the shipment itself: packages created, orders SHIPPED, the call recorded.

Checks, in this order, the first failure answering: sendType fits the parcels (BAD_PARAMS) →
every order exists in this mall (120012007) and in this gateway's region (120011072) → not
shipped yet (120012004), shippable (120012007 for PENDING or CANCELED) → no pending cancel,
address change or risk alert unless the parcel overrides it (120012030, 120012023, 120012031) →
local malls name a warehouse (120015527), any named warehouse is the mall's (120011085) →
sub-packages only for one unit (120011045) → every parent covered exactly: missing units
120012003, extra units 120013002 → merged parents share one address (120012015) → tracking
numbers readable (120014020, 120014023), of a carrier of the region (120014022), distinct in
the call (120014003) and never used before (120014004).
"""
from __future__ import annotations

import re
from collections import Counter

from sandboxes.temu import errors as e
from sandboxes.temu.catalog import MALL_LOCAL, carriers_of, serves_region
from sandboxes.temu.confirm_request import ConfirmRequest, SendRequest, Tracked
from sandboxes.temu.errors import TemuError, bad_params
from sandboxes.temu.lifecycle import CANCELED, PENDING, SHIPPED, UN_SHIPPING
from sandboxes.temu.model import Box, Mall, Package, ParentOrder
from sandboxes.temu.orderbook import OrderBook
from sandboxes.temu.shipments import Confirmation, ShipmentBook

TRACKING = re.compile(r"[A-Za-z0-9]{8,40}")
PENDING_CODES = {"cancellation": e.CANCEL_PENDING, "address_change": e.ADDRESS_CHANGE_PENDING,
                 "risk_alert": e.RISK_ALERT_PENDING}


def check(request: ConfirmRequest, mall: Mall, gateway: str, orders: OrderBook,
          book: ShipmentBook) -> list[ParentOrder]:
    """The parent orders of an acceptable request; raises the first rule it breaks."""
    _check_shape(request)
    parents = [_order(sn, mall, gateway, orders) for sn in request.parent_order_sns]
    by_sn = {o.sn: o for o in parents}
    for parcel in request.parcels:
        for item in parcel.items:
            if not any(line.order_sn == item.order_sn for line in by_sn[item.parent_order_sn].lines):
                raise TemuError(e.ORDER_INVALID)
    for order in parents:
        _check_pending(order, request)
    for parcel in request.parcels:
        _check_warehouses(parcel, mall, book)
    _check_coverage(request, parents)
    if len({_place(o) for o in parents}) > 1:
        raise TemuError(e.ADDRESSES_DIFFER)
    _check_tracking(request, parents[0].region_id, book)
    return parents


def apply(request: ConfirmRequest, parents: list[ParentOrder], mall: Mall, gateway: str, now: int,
          book: ShipmentBook, orders: OrderBook) -> Confirmation:
    packages = [_package(p, mall, parents[0].region_id, book) for p in request.parcels]
    for package in packages:
        book.add_package(package)
    for order in parents:
        for line in order.lines:
            if line.quantity > 0:
                line.package_sns = [p.package_sn for p in packages if any(i[1] == line.order_sn for i in p.items)]
                line.status = SHIPPED
        order.status, order.shipping_time, order.update_time = SHIPPED, now, now
        order.pending.clear()
    orders.touch()
    confirmation = Confirmation(
        book.next_sequence(), now, mall.mall_id, gateway, request.send_type, request.parent_order_sns,
        tuple(p.package_sn for p in packages),
        tuple(n for p in request.parcels for n in (p.main.tracking_number, *(s.tracking_number for s in p.subs))))
    book.record(confirmation)
    return confirmation


def _check_shape(request: ConfirmRequest) -> None:
    parents, parcels = len(request.parent_order_sns), len(request.parcels)
    fits = {0: parcels == 1 and parents == 1, 1: parcels >= 2 and parents == 1, 2: parcels == 1 and parents >= 2}
    if not fits[request.send_type]:
        raise bad_params({0: "sendType 0 ships one parent order in one package",
                          1: "sendType 1 ships one parent order in several packages",
                          2: "sendType 2 ships several parent orders in one package"}[request.send_type])


def _order(sn: str, mall: Mall, gateway: str, orders: OrderBook) -> ParentOrder:
    order = orders.get(sn)
    if order is None or order.mall_id != mall.mall_id:
        raise TemuError(e.ORDER_INVALID)
    if not serves_region(gateway, order.region_id):
        raise TemuError(e.WRONG_REGION)
    if order.status != UN_SHIPPING:
        raise TemuError(e.ORDER_INVALID if order.status in (PENDING, CANCELED) else e.ALREADY_SHIPPED)
    return order


def _place(order: ParentOrder) -> tuple[str, ...]:
    """Where a parcel goes: the buyer's name and masked phone may differ between orders."""
    a = order.address
    return (a.country, a.state, a.city, a.district, a.line1, a.line2, a.post_code)


def _check_pending(order: ParentOrder, request: ConfirmRequest) -> None:
    """A request is overridden when any parcel of the order says so (the override is about the
    order, though Temu takes it per parcel)."""
    accepted = {a for p in request.parcels if any(i.parent_order_sn == order.sn for i in p.items) for a in p.accepted}
    blocking = sorted(order.pending - accepted)
    if blocking:
        raise TemuError(PENDING_CODES[blocking[0]])


def _check_warehouses(parcel: SendRequest, mall: Mall, book: ShipmentBook) -> None:
    for tracked in (parcel.main, *parcel.subs):
        if tracked.warehouse_id is None:
            if mall.mall_type == MALL_LOCAL:
                raise TemuError(e.WAREHOUSE_MISSING)
            continue
        warehouse = book.warehouses.get(tracked.warehouse_id)
        if warehouse is None or warehouse.mall_id != mall.mall_id:
            raise TemuError(e.WAREHOUSE_INVALID)
    if parcel.subs and (len(parcel.items) != 1 or parcel.items[0].quantity != 1):
        raise TemuError(e.SUB_PACKAGE_QUANTITY)


def _check_coverage(request: ConfirmRequest, parents: list[ParentOrder]) -> None:
    sent = Counter()
    for parcel in request.parcels:
        for item in parcel.items:
            sent[item.order_sn] += item.quantity
    for order in parents:
        for line in order.lines:
            if sent[line.order_sn] > line.quantity:
                raise TemuError(e.QUANTITY_MISMATCH)
            if sent[line.order_sn] < line.quantity:
                raise TemuError(e.ORDER_INCOMPLETE)


def _check_tracking(request: ConfirmRequest, region_id: int, book: ShipmentBook) -> None:
    carriers = {c[0] for c in carriers_of(region_id)}
    numbers = [t for p in request.parcels for t in (p.main, *p.subs)]
    for tracked in numbers:
        check_tracking_text(tracked.tracking_number)
        if tracked.carrier_id not in carriers:
            raise TemuError(e.TRACKING_CARRIER_MISMATCH)
    counts = Counter(t.tracking_number for t in numbers)
    if any(n > 1 for n in counts.values()):
        raise TemuError(e.TRACKING_DUPLICATE)
    if any(number in book.used_tracking for number in counts):
        raise TemuError(e.TRACKING_USED)


def check_tracking_text(number: str) -> None:
    """One rule for every carrier: 8 to 40 letters and digits."""
    if not TRACKING.fullmatch(number):
        if any(c in number for c in "-%#"):
            raise TemuError(e.TRACKING_SYMBOLS)
        raise TemuError(e.TRACKING_INVALID, message=f"Tracking number is invalid: {number}.")


def _package(parcel: SendRequest, mall: Mall, region_id: int, book: ShipmentBook) -> Package:
    return Package(book.new_package_sn(), mall.mall_id, region_id, parcel.main.carrier_id,
                   parcel.main.tracking_number, parcel.main.warehouse_id,
                   [(i.parent_order_sn, i.order_sn, i.quantity) for i in parcel.items],
                   [_box(s, book) for s in parcel.subs])


def _box(tracked: Tracked, book: ShipmentBook) -> Box:
    return Box(book.new_package_sn(), tracked.carrier_id, tracked.tracking_number)
