"""The gate as the use cases ask it: read a platform order with everything uploaded with it,
plan its one Temu call (``domain.mark_shipped``), keep the answer on its upload, and turn a plan
into Temu's request."""
from __future__ import annotations

import logging
from datetime import datetime

from application.orders.queries import order_not_found
from application.packages.loading import load_batch
from application.ports.temu_shipments import Parcel, ShipmentConfirmation, ShipmentKind, ShippedItem, Tracking
from application.ports.unit_of_work import UnitOfWork
from domain.errors import PreconditionFailed
from domain.mark_shipped import SendType, TemuWarehouses, UploadPlan, plan_upload, upload_group
from domain.principal import Principal
from domain.shop_kinds import ShopKind
from domain.temu_warehouse_binding import temu_warehouse_for
from domain.order_states import OrderState
from domain.platform_order import SHIPPED_ON_TEMU, TemuStatus
from domain.upload import SETTLED, SHIPPED_OUTSIDE_ERP, Upload, UploadState, upload_id
from domain.warehouse import TemuCarrier

log = logging.getLogger("erp.mark_shipped")
WAITING_REASONS = frozenset({"NOT_ALL_PACKAGES_TRACKED", "NO_PACKAGES"})
KINDS = {SendType.SINGLE: ShipmentKind.SINGLE, SendType.SPLIT: ShipmentKind.SPLIT, SendType.MERGED: ShipmentKind.MERGED}


def gate(uow: UnitOfWork, order_id: str, now: datetime,
         principal: Principal | None = None) -> tuple[Upload | None, UploadPlan | None, PreconditionFailed | None]:
    """The order's upload (created when new, stored) with the gate's answer recorded on it: READY
    with the plan, or WAITING / FAILED with the refusal; None for an order without packages.
    NotFound for an order the caller may not see."""
    packing, missing = load_batch(uow, [order_id], now, principal)
    if missing:
        raise order_not_found(order_id)
    order = packing.orders[order_id]
    group_ids, _ = upload_group(order_id, packing.packages)
    upload = uow.uploads.get_for_update(upload_id(group_ids))
    if upload is None and not packing.packages_of(order_id):
        return None, None, _no_packages(order)  # an order not packed is not in the queue
    if upload is None:
        upload = Upload(id=upload_id(group_ids), shop_id=order.shop_id, order_id=min(group_ids), now=now)
        uow.uploads.add(upload)
    if _shipped_elsewhere(upload, [packing.orders[oid] for oid in group_ids if oid in packing.orders], now):
        return upload, None, PreconditionFailed(
            f"Order {order.parent_order_sn} is shipped on Temu already, marked outside this ERP: nothing is "
            "uploaded from here.", reason=SHIPPED_OUTSIDE_ERP, subject=f"orders/{order_id}")
    channels: dict[str, object] = {}

    def carrier_of(channel_id: str, region_id: int) -> TemuCarrier | None:
        if channel_id not in channels:
            channels[channel_id] = uow.channels.get(channel_id)
        channel = channels[channel_id]
        return channel.temu_carrier_for(region_id) if channel is not None else None

    try:
        plan = plan_upload(order_id, packing.orders, packing.packages, carrier_of, temu_warehouses(uow, order.shop_id))
    except PreconditionFailed as refused:
        if refused.reason in WAITING_REASONS:
            upload.wait(refused.reason, refused.message, now)
        elif upload.state not in SETTLED:
            upload.fail(refused.reason, refused.message, now)
        return upload, None, refused
    upload.ready(order_ids=plan.order_ids, parent_order_sns=plan.parent_order_sns, send_type=int(plan.send_type),
                 tracking_numbers=tuple(sorted(plan.tracking_numbers)), now=now)
    return upload, plan, None


def _shipped_elsewhere(upload: Upload, orders: list, now: datetime) -> bool:
    """Reconciliation (item 8): an order of the upload that the order sync saw shipped on Temu
    takes the upload out of the queue, unless something of ours may have reached Temu (the
    worker reads that back). Its orders are then done in the ERP too."""
    if upload.state is not UploadState.UPLOADED_ELSEWHERE:
        if not any(TemuStatus.parse(o.temu_status) in SHIPPED_ON_TEMU for o in orders) or not upload.shipped_elsewhere(now):
            return False
        log.info("upload %s: shipped on Temu outside this ERP: orders %s", upload.id,
                 ",".join(o.parent_order_sn for o in orders))
    for o in orders:
        if o.state is OrderState.SHIPPED:
            o.mark_uploaded(now)
    return True


def temu_warehouses(uow: UnitOfWork, shop_id: str) -> TemuWarehouses:
    """The shop's Temu warehouse bindings; required for a US local shop (MARK-3)."""
    shop = uow.shops.get(shop_id)
    bound: dict = {}

    def of(warehouse_id: str, channel_id: str) -> str | None:
        if not bound:  # read once the plan reaches its parcels, not for a refused order
            bound.update({(b.target, b.target_id): b for b in uow.uploads.bindings(shop_id)} or {None: None})
        return temu_warehouse_for(bound, warehouse_id, channel_id)
    return TemuWarehouses(of, required=shop is not None and shop.kind is ShopKind.LOCAL, shop_id=shop_id)


def _no_packages(order) -> PreconditionFailed:
    try:
        plan_upload(order.id, {order.id: order}, (), lambda channel, region: None)
    except PreconditionFailed as refused:
        return refused
    raise AssertionError("an order without packages has no plan")


def confirmation(plan: UploadPlan) -> ShipmentConfirmation:
    parcels = tuple(
        Parcel(tracking=Tracking(p.carrier_id, p.tracking_numbers[0]),
               items=tuple(ShippedItem(i.parent_order_sn, i.order_sn, i.quantity, i.goods_id, i.sku_id)
                           for i in p.items),
               warehouse_id=p.temu_warehouse_id,
               extra_boxes=tuple(Tracking(p.carrier_id, n) for n in p.tracking_numbers[1:]))
        for p in plan.parcels)
    return ShipmentConfirmation(KINDS[plan.send_type], parcels)
