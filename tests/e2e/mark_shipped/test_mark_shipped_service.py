"""MarkShippedService end to end (issue 12, acceptance 1, 2, 6): a real gRPC server and workers,
orders synced from the Temu sandbox, labels (tracking numbers) from the carrier sandbox, the
upload confirmed at the Temu sandbox; SQLite and PostgreSQL."""
from __future__ import annotations

import uuid

from adapters.grpc.gen.erp.v1 import fulfillment_service_pb2 as fpb
from adapters.grpc.gen.erp.v1 import mark_shipped_service_pb2 as pb
from adapters.grpc.gen.erp.v1 import order_pb2, order_service_pb2 as opb
from tests.e2e.orders.sync_helpers import eventually
from tests.e2e.mark_shipped.flows import labelled, relabel, route, split_in_three_and_audit, stubs, synced, upload_of


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
    setting = marker.GetAutomaticMarking(pb.GetAutomaticMarkingRequest(shop=shop), metadata=md).automatic_marking
    assert not setting.enabled  # off by default
    marker.SetAutomaticMarking(pb.SetAutomaticMarkingRequest(shop=shop, enabled=True), metadata=md)
    packages = split_in_three_and_audit(stack, carrier, md, order, refused_labels=1)
    fulfillment, _ = stubs(stack)
    if any(fulfillment.GetPackage(fpb.GetPackageRequest(name=p), metadata=md).package.tracking_numbers
           for p in packages):
        assert upload_of(marker, md, shop, pb.UPLOAD_STATE_WAITING_FOR_PACKAGES), "the queue shows it waiting"
    assert stack.temu.confirmations(mall) == [] and stack.temu.refused_confirmations(mall) == []

    relabel(stack, md, order.name, packages)
    uploaded = eventually(lambda: next(iter(marker.ListMarkShipped(pb.ListMarkShippedRequest(
        shops=[shop], states=[pb.UPLOAD_STATE_UPLOADED]), metadata=md).uploads), None), timeout=5)
    assert uploaded and uploaded.automatic and uploaded.attempts == 1, "uploaded within 5 s of the last number"
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
    assert eventually(lambda: labelled(fulfillment, md, [merged.name]), timeout=60)

    results = marker.MarkShipped(pb.MarkShippedRequest(orders=names), metadata=md).results
    assert [r.status.code for r in results] == [0, 0]
    assert upload_of(marker, md, shop, pb.UPLOAD_STATE_UPLOADED)
    [confirmation] = stack.temu.confirmations(mall)
    assert confirmation["send_type"] == 2 and sorted(confirmation["parent_order_sns"]) == sorted(
        o.parent_order_sn for o in orders)
