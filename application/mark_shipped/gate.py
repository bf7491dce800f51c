"""The gate as the use cases ask it: read a platform order with everything uploaded with it,
plan its one Temu call (``domain.mark_shipped``), keep the answer on its upload, and turn a plan
into Temu's request."""
from __future__ import annotations

from datetime import datetime

from application.orders.queries import order_not_found
from application.packages.loading import load_batch
from application.ports.temu_shipments import Parcel, ShipmentConfirmation, ShipmentKind, ShippedItem, Tracking
from application.ports.unit_of_work import UnitOfWork
from domain.errors import PreconditionFailed
from domain.mark_shipped import SendType, UploadPlan, plan_upload, upload_group
from domain.principal import Principal
from domain.upload import SETTLED, Upload, upload_id
from domain.warehouse import TemuCarrier

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
    channels: dict[str, object] = {}

    def carrier_of(channel_id: str, region_id: int) -> TemuCarrier | None:
        if channel_id not in channels:
            channels[channel_id] = uow.channels.get(channel_id)
        channel = channels[channel_id]
        return channel.temu_carrier_for(region_id) if channel is not None else None

    try:
        plan = plan_upload(order_id, packing.orders, packing.packages, carrier_of)
    except PreconditionFailed as refused:
        if refused.reason in WAITING_REASONS:
            upload.wait(refused.reason, refused.message, now)
        elif upload.state not in SETTLED:
            upload.fail(refused.reason, refused.message, now)
        return upload, None, refused
    upload.ready(order_ids=plan.order_ids, parent_order_sns=plan.parent_order_sns, send_type=int(plan.send_type),
                 tracking_numbers=tuple(sorted(plan.tracking_numbers)), now=now)
    return upload, plan, None


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
               extra_boxes=tuple(Tracking(p.carrier_id, n) for n in p.tracking_numbers[1:]))
        for p in plan.parcels)
    return ShipmentConfirmation(KINDS[plan.send_type], parcels)
