"""Orders shipped outside the ERP (issue 12, item 8): the seller marks an order shipped in Temu's
seller centre (the sandbox's order controls move it to SHIPPED); the order sync sees it and its
upload leaves the queue as UPLOADED_ELSEWHERE instead of failing; nothing of it is ever sent. SQLite and PostgreSQL."""
from __future__ import annotations

import grpc

from adapters.grpc.gen.erp.v1 import mark_shipped_service_pb2 as pb
from adapters.grpc.gen.erp.v1 import order_pb2, order_service_pb2 as opb
from tests.e2e.mark_shipped.flows import (
    labelled_single_order, reason_of, split_in_three_and_audit, stubs, synced, upload_of,
)
from tests.e2e.orders.sync_helpers import eventually


def order_state(stack, md, name):
    return stack.orders().GetOrder(opb.GetOrderRequest(name=name), metadata=md).order.state


def test_a_ready_order_shipped_in_the_seller_centre_leaves_the_queue_as_uploaded_elsewhere(stack, carrier):
    md = stack.md()
    mall, shop, order, _ = labelled_single_order(stack, carrier, md)
    _, marker = stubs(stack)
    assert upload_of(marker, md, shop, pb.UPLOAD_STATE_READY), "in the queue, ready to mark"

    stack.temu.advance_order(order.parent_order_sn)  # 2 → 4: shipped in the seller centre
    elsewhere = upload_of(marker, md, shop, pb.UPLOAD_STATE_UPLOADED_ELSEWHERE)
    assert elsewhere and elsewhere.reason == "SHIPPED_OUTSIDE_ERP" and "seller centre" in elsewhere.message
    assert eventually(lambda: order_state(stack, md, order.name) == order_pb2.ORDER_STATE_MARKED)

    [again] = marker.MarkShipped(pb.MarkShippedRequest(orders=[order.name]), metadata=md).results
    assert again.status.code == grpc.StatusCode.FAILED_PRECONDITION.value[0]
    assert reason_of(again.status) == "SHIPPED_OUTSIDE_ERP"
    assert again.upload.state == pb.UPLOAD_STATE_UPLOADED_ELSEWHERE
    assert stack.temu.confirmations(mall) == [] and stack.temu.refused_confirmations(mall) == []
    ready = marker.ListMarkShipped(pb.ListMarkShippedRequest(shops=[shop], states=[pb.UPLOAD_STATE_READY]),
                                   metadata=md).uploads
    assert ready == []


def test_an_order_waiting_for_packages_shipped_elsewhere_leaves_the_queue_and_is_never_sent(stack, carrier):
    md = stack.md()
    mall, shop, [order] = synced(stack)
    _, marker = stubs(stack)
    marker.SetAutomaticMarking(pb.SetAutomaticMarkingRequest(shop=shop, enabled=True), metadata=md)
    split_in_three_and_audit(stack, carrier, md, order, refused_labels=1)
    [waiting] = marker.MarkShipped(pb.MarkShippedRequest(orders=[order.name]), metadata=md).results
    assert waiting.upload.state == pb.UPLOAD_STATE_WAITING_FOR_PACKAGES

    stack.temu.advance_order(order.parent_order_sn)  # shipped in the seller centre, one package still held
    elsewhere = upload_of(marker, md, shop, pb.UPLOAD_STATE_UPLOADED_ELSEWHERE)
    assert elsewhere and elsewhere.name == waiting.upload.name
    assert order_state(stack, md, order.name) == order_pb2.ORDER_STATE_DO_NOT_SHIP  # its packages never leave
    [again] = marker.MarkShipped(pb.MarkShippedRequest(orders=[order.name]), metadata=md).results
    assert reason_of(again.status) == "SHIPPED_OUTSIDE_ERP"
    assert stack.temu.confirmations(mall) == [] and stack.temu.refused_confirmations(mall) == []
