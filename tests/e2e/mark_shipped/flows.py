"""Steps the mark-shipped end-to-end tests share: a synced shop's orders, a route whose channel
names Temu's carrier, packages split, labelled or held, the queue read until a state shows."""
from __future__ import annotations

import uuid

from google.rpc import error_details_pb2

from adapters.grpc.gen.erp.v1 import fulfillment_service_pb2 as fpb, fulfillment_service_pb2_grpc
from adapters.grpc.gen.erp.v1 import mark_shipped_service_pb2 as pb, mark_shipped_service_pb2_grpc
from adapters.grpc.gen.erp.v1 import order_pb2, shop_pb2, shop_service_pb2 as spb
from adapters.grpc.gen.erp.v1 import warehouse_pb2 as w, warehouse_service_pb2 as wpb, warehouse_service_pb2_grpc
from adapters.temu.logistics import TemuLogistics
from application.ports.temu import TemuAccess
from application.ports.temu_shipments import Parcel, ShipmentConfirmation, ShipmentKind, ShippedItem, Tracking
from domain.shop_kinds import Region, ShopKind
from domain.token import TokenText
from tests.e2e.conftest import APP_KEY
from tests.e2e.orders.sync_helpers import all_orders, authorize, eventually, sandbox_shop, wait_done
from tests.e2e.packages.test_fulfillment_service import has_address
from tests.e2e.warehouses.test_warehouse_service import own_warehouse

USPS_AT_TEMU = 998264743  # the sandbox's US carrier id for USPS


def route(stack, carrier, md, temu_carrier: int | None = USPS_AT_TEMU):
    warehouses = warehouse_service_pb2_grpc.WarehouseServiceStub(stack.channel)
    warehouse = own_warehouse(warehouses, carrier, md)
    mapped = [w.TemuCarrier(region_id=211, carrier_id=temu_carrier, carrier_name="USPS")] if temu_carrier else []
    channel = warehouses.EnableChannel(wpb.EnableChannelRequest(
        warehouse=warehouse.name, service_token="usps_ground_advantage", label_format=w.LABEL_FORMAT_PDF_4X6,
        temu_carriers=mapped), metadata=md).channel
    return warehouse.name, channel.name


def synced(stack, count: int = 1, quantity: int = 3, same_address: bool = False, local: bool = False,
           seller_sku: str | None = None):
    """A shop synced with ``count`` orders to ship (a US local shop with ``local``)."""
    if local:
        mall = stack.temu.add_mall(mall_type=100)
        token = stack.temu.issue_token(mall, gateway="us", region_id=211, kind="local", app_key=APP_KEY)
    else:
        mall, token = sandbox_shop(stack)
    sns = [stack.temu.create_order(mall, 211, status=2, lines=1, quantity=quantity, seller_sku=seller_sku)
           for _ in range(count)]
    if same_address:
        for sn in sns[1:]:
            stack.temu.use_address_of(sn, sns[0])
    name = f"Mark {uuid.uuid4().hex[:6]}"
    shop = stack.shops().AuthorizeShop(spb.AuthorizeShopRequest(
        display_name=name, kind=shop_pb2.SHOP_KIND_LOCAL, region=shop_pb2.REGION_US, token=token),
        metadata=stack.md()) if local else authorize(stack, name, token)
    wait_done(stack, shop.history_sync_operation)

    def with_addresses():
        found = all_orders(stack, shop.shop.name, states=[order_pb2.ORDER_STATE_TO_REVIEW])
        return found if len(found) == count and all(has_address(stack, o.name) for o in found) else None
    synced.token = token  # for a test that plays Temu's seller centre
    return mall, shop.shop.name, eventually(with_addresses)


def stubs(stack):
    return (fulfillment_service_pb2_grpc.FulfillmentServiceStub(stack.channel),
            mark_shipped_service_pb2_grpc.MarkShippedServiceStub(stack.channel))


def split_in_three_and_audit(stack, carrier, md, order, refused_labels: int):
    fulfillment, _ = stubs(stack)
    warehouse, channel = route(stack, carrier, md)
    fulfillment.AssignFulfillment(fpb.AssignFulfillmentRequest(orders=[order.name], warehouse=warehouse,
                                                                channel=channel), metadata=md)
    sn = order.lines[0].order_sn
    fulfillment.SplitOrder(fpb.SplitOrderRequest(order=order.name, parts=[
        fpb.SplitPart(lines=[fpb.SplitLine(order_sn=sn, quantity=1)]) for _ in range(3)]), metadata=md)
    if refused_labels:  # every push refused: at least one stays refused whatever the races
        carrier.store.refuse_labels(3, "Address not deliverable")
    audited = fulfillment.AuditOrders(fpb.AuditOrdersRequest(orders=[order.name]), metadata=md)
    packages = list(audited.results[0].packages)
    settled = eventually(lambda: settled_packages(fulfillment, md, packages, refused_labels), timeout=60)
    assert settled, [(p.state, p.last_message) for p in (
        fulfillment.GetPackage(fpb.GetPackageRequest(name=n), metadata=md).package for n in packages)]
    return packages


def settled_packages(fulfillment, md, names, held_at_least):
    """Every package labelled or held (at least ``held_at_least`` held: a push that loses a race
    for its order is retried and may get the label the refused attempt did not)."""
    got = [fulfillment.GetPackage(fpb.GetPackageRequest(name=n), metadata=md).package for n in names]
    held = [p for p in got if p.state == fpb.PACKAGE_STATE_HELD]
    labelled = [p for p in got if p.state == fpb.PACKAGE_STATE_LABELLED]
    return got if len(held) >= held_at_least and len(labelled) == len(got) - len(held) else None


def labelled(fulfillment, md, names):
    got = [fulfillment.GetPackage(fpb.GetPackageRequest(name=n), metadata=md).package for n in names]
    return got if all(p.state == fpb.PACKAGE_STATE_LABELLED for p in got) else None


def relabel(stack, md, order_name, packages):
    fulfillment, _ = stubs(stack)
    fulfillment.AuditOrders(fpb.AuditOrdersRequest(orders=[order_name]), metadata=md)
    assert eventually(lambda: labelled(fulfillment, md, packages), timeout=60), "the held packages labelled"


def upload_of(marker, md, shop, state, parent_order_sn: str = ""):
    """The shop's upload (of that order) once it is in ``state``, as the queue filtered by state shows it."""
    def found():
        uploads = marker.ListMarkShipped(pb.ListMarkShippedRequest(shops=[shop], states=[state]), metadata=md).uploads
        return next((u for u in uploads if not parent_order_sn or parent_order_sn in u.parent_order_sns), None)
    return eventually(found, timeout=60)


def labelled_single_order(stack, carrier, md):
    mall, shop, [order] = synced(stack, quantity=1)
    fulfillment, marker = stubs(stack)
    warehouse, channel = route(stack, carrier, md)
    fulfillment.AssignFulfillment(fpb.AssignFulfillmentRequest(orders=[order.name], warehouse=warehouse,
                                                                channel=channel), metadata=md)
    audited = fulfillment.AuditOrders(fpb.AuditOrdersRequest(orders=[order.name]), metadata=md)
    [package] = eventually(lambda: labelled(fulfillment, md, list(audited.results[0].packages)), timeout=60)
    return mall, shop, order, package


def shipped_in_seller_centre(stack, shop, order, number):
    """Temu already holds a shipment of the order (ours after a crash, or someone else's)."""
    access = TemuAccess(shop.split("/")[1], Region.US, ShopKind.CROSS_BORDER, TokenText(synced.token))
    item = ShippedItem(order.parent_order_sn, order.lines[0].order_sn, 1)
    TemuLogistics(stack.app.temu).confirm(access, ShipmentConfirmation(
        ShipmentKind.SINGLE, (Parcel(Tracking(USPS_AT_TEMU, number), (item,)),)))


def reason_of(status) -> str:
    """The ErrorInfo reason of a ``google.rpc.Status`` (a MarkShipped result's)."""
    for detail in status.details:
        info = error_details_pb2.ErrorInfo()
        if detail.Unpack(info):
            return info.reason
    return ""


def labelled_packages(stack, carrier, md, order, parts: int = 1):
    """The order assigned to a fresh route, split in ``parts`` packages of one unit, audited and
    labelled; returns (warehouse, channel, package names)."""
    fulfillment, _ = stubs(stack)
    warehouse, channel = route(stack, carrier, md)
    fulfillment.AssignFulfillment(fpb.AssignFulfillmentRequest(orders=[order.name], warehouse=warehouse,
                                                                channel=channel), metadata=md)
    if parts > 1:
        sn = order.lines[0].order_sn
        fulfillment.SplitOrder(fpb.SplitOrderRequest(order=order.name, parts=[
            fpb.SplitPart(lines=[fpb.SplitLine(order_sn=sn, quantity=1)]) for _ in range(parts)]), metadata=md)
    audited = fulfillment.AuditOrders(fpb.AuditOrdersRequest(orders=[order.name]), metadata=md)
    packages = list(audited.results[0].packages)
    assert eventually(lambda: labelled(fulfillment, md, packages), timeout=60), "labelled"
    return warehouse, channel, packages
