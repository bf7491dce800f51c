"""MarkShippedService end to end, what goes wrong (issue 12, acceptance 6): Temu busy, Temu's
refusals, Temu already holding a shipment (ours adopted, another's a conflict), a channel without
Temu carrier, bad requests; SQLite and PostgreSQL."""
from __future__ import annotations

import uuid

import grpc
import pytest

from adapters.grpc.gen.erp.v1 import fulfillment_service_pb2 as fpb
from adapters.grpc.gen.erp.v1 import mark_shipped_service_pb2 as pb
from adapters.grpc.gen.erp.v1 import warehouse_service_pb2 as wpb, warehouse_service_pb2_grpc
from tests.e2e.orders.sync_helpers import eventually
from tests.e2e.mark_shipped.flows import (
    USPS_AT_TEMU, labelled, labelled_single_order, route, shipped_in_seller_centre, stubs, synced, upload_of,
)


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
    assert eventually(lambda: labelled(fulfillment, md, packages), timeout=60)
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


def test_already_shipped_at_temu_with_our_number_is_adopted_without_a_second_shipment(stack, carrier):
    md = stack.md()
    mall, shop, order, package = labelled_single_order(stack, carrier, md)
    stack.temu.inject_fault(error_code=4000000, type="bg.order.list.v2.get")  # the worker finds it, not the sync
    shipped_in_seller_centre(stack, shop, order, package.tracking_numbers[0])
    _, marker = stubs(stack)
    marker.MarkShipped(pb.MarkShippedRequest(orders=[order.name]), metadata=md)
    assert upload_of(marker, md, shop, pb.UPLOAD_STATE_UPLOADED)
    assert len(stack.temu.confirmations(mall)) == 1


def test_already_shipped_at_temu_with_other_numbers_is_a_conflict_never_an_overwrite(stack, carrier):
    md = stack.md()
    mall, shop, order, package = labelled_single_order(stack, carrier, md)
    stack.temu.inject_fault(error_code=4000000, type="bg.order.list.v2.get")  # the worker finds it, not the sync
    shipped_in_seller_centre(stack, shop, order, "ZZ99887766")
    _, marker = stubs(stack)
    marker.MarkShipped(pb.MarkShippedRequest(orders=[order.name]), metadata=md)
    conflict = upload_of(marker, md, shop, pb.UPLOAD_STATE_CONFLICT)
    assert conflict and "ZZ99887766" in conflict.message
    [confirmation] = stack.temu.confirmations(mall)
    assert list(confirmation["tracking_numbers"]) == ["ZZ99887766"] and stack.temu.tracking_edits() == []


def test_bad_requests_name_the_field_and_unknown_names_are_not_found(stack):
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


def test_a_channel_without_temu_carrier_is_refused_before_any_call_and_retried_once_mapped_from_temus_list(stack, carrier):
    md = stack.md()
    mall, shop, [order] = synced(stack, quantity=1)
    fulfillment, marker = stubs(stack)
    warehouse, channel = route(stack, carrier, md, temu_carrier=None)
    fulfillment.AssignFulfillment(fpb.AssignFulfillmentRequest(orders=[order.name], warehouse=warehouse,
                                                                channel=channel), metadata=md)
    audited = fulfillment.AuditOrders(fpb.AuditOrdersRequest(orders=[order.name]), metadata=md)
    assert eventually(lambda: labelled(fulfillment, md, list(audited.results[0].packages)), timeout=60)
    [refused] = marker.MarkShipped(pb.MarkShippedRequest(orders=[order.name]), metadata=md).results
    assert refused.status.code == 9 and channel.split("/")[1] in refused.status.message
    assert "211" in refused.status.message and refused.upload.state == pb.UPLOAD_STATE_FAILED
    assert stack.temu.confirmations(mall) == [] and stack.temu.refused_confirmations(mall) == []

    assert "MapTemuCarrier" in refused.status.message
    listed = marker.ListTemuCarriers(pb.ListTemuCarriersRequest(shop=shop, region_id=211), metadata=md).carriers
    usps = next(c for c in listed if c.display_name == "USPS")
    assert usps.temu_carrier_id == USPS_AT_TEMU
    with pytest.raises(grpc.RpcError) as unknown:
        marker.MapTemuCarrier(pb.MapTemuCarrierRequest(channel=channel, shop=shop, region_id=211,
                                                       temu_carrier_id=12345), metadata=md)
    assert unknown.value.code() is grpc.StatusCode.INVALID_ARGUMENT and f"{USPS_AT_TEMU} USPS" in unknown.value.details()
    mapped = marker.MapTemuCarrier(pb.MapTemuCarrierRequest(channel=channel, shop=shop, region_id=211,
                                                            temu_carrier_id=usps.temu_carrier_id), metadata=md)
    assert mapped.temu_carrier_name == "USPS"
    warehouses = warehouse_service_pb2_grpc.WarehouseServiceStub(stack.channel)
    [shown] = [c for c in warehouses.ListChannels(wpb.ListChannelsRequest(warehouse=warehouse), metadata=md).channels
               if c.name == channel]
    assert [(t.region_id, t.carrier_id) for t in shown.temu_carriers] == [(211, USPS_AT_TEMU)]
    marker.RetryMarkShipped(pb.RetryMarkShippedRequest(name=refused.upload.name), metadata=md)
    assert upload_of(marker, md, shop, pb.UPLOAD_STATE_UPLOADED)
    assert len(stack.temu.confirmations(mall)) == 1



def test_a_repeated_request_id_changes_nothing_and_answers_as_things_stand(stack, carrier):
    md = stack.md()
    mall, shop, order, _ = labelled_single_order(stack, carrier, md)
    _, marker = stubs(stack)
    rid = str(uuid.uuid4())
    marker.MarkShipped(pb.MarkShippedRequest(orders=[order.name], request_id=rid), metadata=md)
    assert upload_of(marker, md, shop, pb.UPLOAD_STATE_UPLOADED)
    [again] = marker.MarkShipped(pb.MarkShippedRequest(orders=[order.name], request_id=rid), metadata=md).results
    assert again.status.code == 0 and again.upload.state == pb.UPLOAD_STATE_UPLOADED
    assert len(stack.temu.confirmations(mall)) == 1
    with pytest.raises(grpc.RpcError) as reused:
        marker.MarkShipped(pb.MarkShippedRequest(orders=["orders/other"], request_id=rid), metadata=md)
    assert reused.value.code() is grpc.StatusCode.INVALID_ARGUMENT
