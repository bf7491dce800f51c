"""MarkShippedService end to end (issue 12, acceptance 1, 2, 6): a real gRPC server and workers,
orders synced from the Temu sandbox, labels (tracking numbers) from the carrier sandbox, the
upload confirmed at the Temu sandbox; SQLite and PostgreSQL."""
from __future__ import annotations

import uuid

from adapters.grpc.gen.erp.v1 import fulfillment_service_pb2 as fpb, fulfillment_service_pb2_grpc
from adapters.grpc.gen.erp.v1 import mark_shipped_service_pb2 as pb, mark_shipped_service_pb2_grpc
from adapters.grpc.gen.erp.v1 import order_pb2, order_service_pb2 as opb
from adapters.grpc.gen.erp.v1 import warehouse_pb2 as w, warehouse_service_pb2 as wpb, warehouse_service_pb2_grpc
from adapters.temu.logistics import TemuLogistics
from application.ports.temu import TemuAccess
from application.ports.temu_shipments import Parcel, ShipmentConfirmation, ShipmentKind, ShippedItem, Tracking
from domain.shop_kinds import Region, ShopKind
from domain.token import TokenText
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


def synced(stack, count: int = 1, quantity: int = 3, same_address: bool = False):
    mall, token = sandbox_shop(stack)
    sns = [stack.temu.create_order(mall, 211, status=2, lines=1, quantity=quantity) for _ in range(count)]
    if same_address:
        for sn in sns[1:]:
            stack.temu.use_address_of(sn, sns[0])
    shop = authorize(stack, f"Mark {uuid.uuid4().hex[:6]}", token)
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
    settled = eventually(lambda: _settled(fulfillment, md, packages, refused_labels), timeout=60)
    assert settled, [(p.state, p.last_message) for p in (
        fulfillment.GetPackage(fpb.GetPackageRequest(name=n), metadata=md).package for n in packages)]
    return packages


def _settled(fulfillment, md, names, held_at_least):
    """Every package labelled or held (at least ``held_at_least`` held: a push that loses a race
    for its order is retried and may get the label the refused attempt did not)."""
    got = [fulfillment.GetPackage(fpb.GetPackageRequest(name=n), metadata=md).package for n in names]
    held = [p for p in got if p.state == fpb.PACKAGE_STATE_HELD]
    labelled = [p for p in got if p.state == fpb.PACKAGE_STATE_LABELLED]
    return got if len(held) >= held_at_least and len(labelled) == len(got) - len(held) else None


def _labelled(fulfillment, md, names):
    got = [fulfillment.GetPackage(fpb.GetPackageRequest(name=n), metadata=md).package for n in names]
    return got if all(p.state == fpb.PACKAGE_STATE_LABELLED for p in got) else None


def relabel(stack, md, order_name, packages):
    fulfillment, _ = stubs(stack)
    fulfillment.AuditOrders(fpb.AuditOrdersRequest(orders=[order_name]), metadata=md)
    assert eventually(lambda: _labelled(fulfillment, md, packages), timeout=60), "the held packages labelled"


def upload_of(marker, md, shop, state, parent_order_sn: str = ""):
    """The shop's upload (of that order) once it is in ``state``, as the queue filtered by state shows it."""
    def found():
        uploads = marker.ListMarkShipped(pb.ListMarkShippedRequest(shops=[shop], states=[state]), metadata=md).uploads
        return next((u for u in uploads if not parent_order_sn or parent_order_sn in u.parent_order_sns), None)
    return eventually(found, timeout=60)


def test_manual_marking_waits_for_every_package_then_one_call_holds_all_three(stack, carrier):
    md = stack.md()
    mall, shop, [order] = synced(stack)
    _, marker = stubs(stack)
    packages = split_in_three_and_audit(stack, carrier, md, order, refused_labels=1)

    refused = marker.MarkShipped(pb.MarkShippedRequest(orders=[order.name], request_id=str(uuid.uuid4())),
                                 metadata=md).results[0]
    assert refused.status.code == 9  # FAILED_PRECONDITION
    fulfillment, _ = stubs(stack)
    untracked = [p.split("/")[1] for p in packages
                 if not fulfillment.GetPackage(fpb.GetPackageRequest(name=p), metadata=md).package.tracking_numbers]
    assert untracked and all(p in refused.status.message for p in untracked)
    assert refused.upload.state == pb.UPLOAD_STATE_WAITING_FOR_PACKAGES
    assert stack.temu.confirmations(mall) == [] and stack.temu.refused_confirmations(mall) == []

    relabel(stack, md, order.name, packages)
    one_package = marker.MarkShipped(pb.MarkShippedRequest(package=packages[0]), metadata=md).results[0]
    assert one_package.status.code == 0, one_package.status.message
    uploaded = upload_of(marker, md, shop, pb.UPLOAD_STATE_UPLOADED)
    assert uploaded, "uploaded"
    [confirmation] = stack.temu.confirmations(mall)
    assert confirmation["send_type"] == 1 and len(confirmation["tracking_numbers"]) == 3
    assert sorted(confirmation["tracking_numbers"]) == sorted(uploaded.tracking_numbers)
    marked = stack.orders().GetOrder(opb.GetOrderRequest(name=order.name), metadata=md).order
    assert marked.state == order_pb2.ORDER_STATE_MARKED


def test_automatic_marking_uploads_after_the_last_tracking_number_and_never_before(stack, carrier):
    md = stack.md()
    mall, shop, [order] = synced(stack)
    _, marker = stubs(stack)
    assert not marker.GetAutomaticMarking(pb.GetAutomaticMarkingRequest(shop=shop), metadata=md).enabled
    marker.SetAutomaticMarking(pb.SetAutomaticMarkingRequest(shop=shop, enabled=True), metadata=md)
    packages = split_in_three_and_audit(stack, carrier, md, order, refused_labels=1)
    fulfillment, _ = stubs(stack)
    if any(fulfillment.GetPackage(fpb.GetPackageRequest(name=p), metadata=md).package.tracking_numbers
           for p in packages):
        assert upload_of(marker, md, shop, pb.UPLOAD_STATE_WAITING_FOR_PACKAGES), "the queue shows it waiting"
    assert stack.temu.confirmations(mall) == [] and stack.temu.refused_confirmations(mall) == []

    relabel(stack, md, order.name, packages)
    uploaded = upload_of(marker, md, shop, pb.UPLOAD_STATE_UPLOADED)
    assert uploaded and uploaded.automatic and uploaded.attempts == 1
    [confirmation] = stack.temu.confirmations(mall)
    assert confirmation["send_type"] == 1 and len(confirmation["tracking_numbers"]) == 3


def test_a_merged_parcel_of_two_orders_is_one_merged_confirmation(stack, carrier):
    md = stack.md()
    mall, shop, orders = synced(stack, count=2, quantity=1, same_address=True)
    fulfillment, marker = stubs(stack)
    warehouse, channel = route(stack, carrier, md)
    names = [o.name for o in orders]
    fulfillment.AssignFulfillment(fpb.AssignFulfillmentRequest(orders=names, warehouse=warehouse, channel=channel),
                                  metadata=md)
    merged = fulfillment.MergeOrders(fpb.MergeOrdersRequest(orders=names), metadata=md).package
    fulfillment.AuditOrders(fpb.AuditOrdersRequest(orders=names), metadata=md)
    assert eventually(lambda: _labelled(fulfillment, md, [merged.name]), timeout=60)

    results = marker.MarkShipped(pb.MarkShippedRequest(orders=names), metadata=md).results
    assert [r.status.code for r in results] == [0, 0]
    assert upload_of(marker, md, shop, pb.UPLOAD_STATE_UPLOADED)
    [confirmation] = stack.temu.confirmations(mall)
    assert confirmation["send_type"] == 2 and sorted(confirmation["parent_order_sns"]) == sorted(
        o.parent_order_sn for o in orders)


def test_temu_busy_is_retried_and_a_pending_cancel_fails_with_temus_reason(stack, carrier):
    md = stack.md()
    mall, shop, orders = synced(stack, count=2, quantity=1)
    fulfillment, marker = stubs(stack)
    warehouse, channel = route(stack, carrier, md)
    names = [o.name for o in orders]
    fulfillment.AssignFulfillment(fpb.AssignFulfillmentRequest(orders=names, warehouse=warehouse, channel=channel),
                                  metadata=md)
    audited = fulfillment.AuditOrders(fpb.AuditOrdersRequest(orders=names), metadata=md)
    packages = [p for r in audited.results for p in r.packages]
    assert eventually(lambda: _labelled(fulfillment, md, packages), timeout=60)
    stack.temu.inject_fault(error_code=4000000, type="bg.logistics.shipment.v2.confirm", times=1)
    marker.MarkShipped(pb.MarkShippedRequest(orders=[names[0]]), metadata=md)
    retried = upload_of(marker, md, shop, pb.UPLOAD_STATE_UPLOADED, orders[0].parent_order_sn)
    assert retried and retried.attempts == 2  # the busy answer, then the resend after asking Temu

    stack.temu.flag_pending(orders[1].parent_order_sn, "cancellation")
    marker.MarkShipped(pb.MarkShippedRequest(orders=[names[1]]), metadata=md)
    failed = upload_of(marker, md, shop, pb.UPLOAD_STATE_FAILED, orders[1].parent_order_sn)
    assert failed and failed.parent_order_sns == [orders[1].parent_order_sn]
    assert failed.reason == "PENDING_CANCEL_OR_ADDRESS_CHANGE" and failed.message
    assert [list(c["parent_order_sns"]) for c in stack.temu.confirmations(mall)] == [[orders[0].parent_order_sn]]


def labelled_single_order(stack, carrier, md):
    mall, shop, [order] = synced(stack, quantity=1)
    fulfillment, marker = stubs(stack)
    warehouse, channel = route(stack, carrier, md)
    fulfillment.AssignFulfillment(fpb.AssignFulfillmentRequest(orders=[order.name], warehouse=warehouse,
                                                                channel=channel), metadata=md)
    audited = fulfillment.AuditOrders(fpb.AuditOrdersRequest(orders=[order.name]), metadata=md)
    [package] = eventually(lambda: _labelled(fulfillment, md, list(audited.results[0].packages)), timeout=60)
    return mall, shop, order, package


def shipped_in_seller_centre(stack, shop, order, number):
    """Temu already holds a shipment of the order (ours after a crash, or someone else's)."""
    access = TemuAccess(shop.split("/")[1], Region.US, ShopKind.CROSS_BORDER, TokenText(synced.token))
    item = ShippedItem(order.parent_order_sn, order.lines[0].order_sn, 1)
    TemuLogistics(stack.app.temu).confirm(access, ShipmentConfirmation(
        ShipmentKind.SINGLE, (Parcel(Tracking(USPS_AT_TEMU, number), (item,)),)))


def test_already_shipped_at_temu_with_our_number_is_adopted_without_a_second_shipment(stack, carrier):
    md = stack.md()
    mall, shop, order, package = labelled_single_order(stack, carrier, md)
    shipped_in_seller_centre(stack, shop, order, package.tracking_numbers[0])
    _, marker = stubs(stack)
    marker.MarkShipped(pb.MarkShippedRequest(orders=[order.name]), metadata=md)
    assert upload_of(marker, md, shop, pb.UPLOAD_STATE_UPLOADED)
    assert len(stack.temu.confirmations(mall)) == 1


def test_already_shipped_at_temu_with_other_numbers_is_a_conflict_never_an_overwrite(stack, carrier):
    md = stack.md()
    mall, shop, order, package = labelled_single_order(stack, carrier, md)
    shipped_in_seller_centre(stack, shop, order, "ZZ99887766")
    _, marker = stubs(stack)
    marker.MarkShipped(pb.MarkShippedRequest(orders=[order.name]), metadata=md)
    conflict = upload_of(marker, md, shop, pb.UPLOAD_STATE_CONFLICT)
    assert conflict and "ZZ99887766" in conflict.message
    [confirmation] = stack.temu.confirmations(mall)
    assert list(confirmation["tracking_numbers"]) == ["ZZ99887766"] and stack.temu.tracking_edits() == []


def test_bad_requests_name_the_field_and_unknown_names_are_not_found(stack):
    import grpc
    import pytest

    md = stack.md()
    _, marker = stubs(stack)
    for request, field in ((pb.MarkShippedRequest(), "orders"), (pb.MarkShippedRequest(orders=["o1"]), "orders[0]"),
                           (pb.MarkShippedRequest(orders=["orders/x"], request_id="nope"), "request_id")):
        with pytest.raises(grpc.RpcError) as bad:
            marker.MarkShipped(request, metadata=md)
        assert bad.value.code() is grpc.StatusCode.INVALID_ARGUMENT and field in bad.value.details()
    with pytest.raises(grpc.RpcError) as bad:
        marker.ListMarkShipped(pb.ListMarkShippedRequest(page_token="garbage"), metadata=md)
    assert bad.value.code() is grpc.StatusCode.INVALID_ARGUMENT
    for call in (lambda: marker.MarkShipped(pb.MarkShippedRequest(package="packages/nope"), metadata=md),
                 lambda: marker.RetryMarkShipped(pb.RetryMarkShippedRequest(name="uploads/nope"), metadata=md),
                 lambda: marker.SetAutomaticMarking(pb.SetAutomaticMarkingRequest(shop="shops/nope"), metadata=md)):
        with pytest.raises(grpc.RpcError) as missing:
            call()
        assert missing.value.code() is grpc.StatusCode.NOT_FOUND
    [unknown] = marker.MarkShipped(pb.MarkShippedRequest(orders=["orders/nope"]), metadata=md).results
    assert unknown.status.code == grpc.StatusCode.NOT_FOUND.value[0]


def test_a_channel_without_temu_carrier_is_refused_before_any_call_and_retried_once_mapped(stack, carrier):
    md = stack.md()
    mall, shop, [order] = synced(stack, quantity=1)
    fulfillment, marker = stubs(stack)
    warehouse, channel = route(stack, carrier, md, temu_carrier=None)
    fulfillment.AssignFulfillment(fpb.AssignFulfillmentRequest(orders=[order.name], warehouse=warehouse,
                                                                channel=channel), metadata=md)
    audited = fulfillment.AuditOrders(fpb.AuditOrdersRequest(orders=[order.name]), metadata=md)
    assert eventually(lambda: _labelled(fulfillment, md, list(audited.results[0].packages)), timeout=60)
    [refused] = marker.MarkShipped(pb.MarkShippedRequest(orders=[order.name]), metadata=md).results
    assert refused.status.code == 9 and channel.split("/")[1] in refused.status.message
    assert "211" in refused.status.message and refused.upload.state == pb.UPLOAD_STATE_FAILED
    assert stack.temu.confirmations(mall) == [] and stack.temu.refused_confirmations(mall) == []

    warehouses = warehouse_service_pb2_grpc.WarehouseServiceStub(stack.channel)
    warehouses.DisableChannel(wpb.DisableChannelRequest(name=channel), metadata=md)
    again = warehouses.EnableChannel(wpb.EnableChannelRequest(  # the same channel, now mapped
        warehouse=warehouse, service_token="usps_ground_advantage", label_format=w.LABEL_FORMAT_PDF_4X6,
        temu_carriers=[w.TemuCarrier(region_id=211, carrier_id=USPS_AT_TEMU, carrier_name="USPS")]),
        metadata=md).channel
    assert again.name == channel
    marker.RetryMarkShipped(pb.RetryMarkShippedRequest(name=refused.upload.name), metadata=md)
    assert upload_of(marker, md, shop, pb.UPLOAD_STATE_UPLOADED)
    assert len(stack.temu.confirmations(mall)) == 1
