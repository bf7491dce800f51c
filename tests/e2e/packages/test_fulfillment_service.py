"""FulfillmentService end to end (issue 10, acceptance 1): a real gRPC server and workers, orders
synced from the Temu sandbox, labels bought from the carrier sandbox; SQLite and PostgreSQL."""
from __future__ import annotations

import re
import uuid

from adapters.grpc.gen.erp.v1 import fulfillment_service_pb2 as pb
from adapters.grpc.gen.erp.v1 import order_pb2, order_service_pb2 as opb
from tests.e2e.orders.sync_helpers import all_orders, authorize, eventually, sandbox_shop, wait_done
from tests.e2e.packages.conftest import pdf_route


def synced_order_to_ship(stack, quantity: int = 2):
    """A to-ship order with its address, synced from the Temu sandbox."""
    mall, token = sandbox_shop(stack)
    stack.temu.create_order(mall, 211, status=2, lines=1, quantity=quantity)
    shop = authorize(stack, "Fulfil US", token)
    wait_done(stack, shop.history_sync_operation)

    def with_address():
        found = all_orders(stack, shop.shop.name, states=[order_pb2.ORDER_STATE_TO_REVIEW])
        return found if found and has_address(stack, found[0].name) else None
    [order] = eventually(with_address)
    return order


def has_address(stack, order_name: str) -> bool:
    """The order's address, fetched from Temu after the sync (not shown by the API)."""
    with stack.app.uow() as uow:
        return uow.orders.get(order_name.split("/")[1]).address is not None


def test_a_synced_order_split_in_two_and_audited_gets_two_labels_and_a_4x6_pdf(stack, carrier, fulfillment):
    md = stack.md()
    route = pdf_route(stack, carrier, md)
    order = synced_order_to_ship(stack, quantity=2)
    assigned = fulfillment.AssignFulfillment(pb.AssignFulfillmentRequest(
        orders=[order.name], warehouse=route.warehouse, channel=route.channel, request_id=str(uuid.uuid4())),
        metadata=md)
    assert assigned.results[0].status.code == 0, assigned.results[0].status.message
    line = order.lines[0]
    split = fulfillment.SplitOrder(pb.SplitOrderRequest(order=order.name, parts=[
        pb.SplitPart(lines=[pb.SplitLine(order_sn=line.order_sn, quantity=1)]),
        pb.SplitPart(lines=[pb.SplitLine(order_sn=line.order_sn, quantity=1)])]), metadata=md)
    assert len(split.packages) == 2
    audited = fulfillment.AuditOrders(pb.AuditOrdersRequest(orders=[order.name]), metadata=md)
    assert audited.results[0].status.code == 0 and len(audited.results[0].packages) == 2

    def labelled():
        got = [fulfillment.GetPackage(pb.GetPackageRequest(name=p), metadata=md).package
               for p in audited.results[0].packages]
        return got if all(p.state == pb.PACKAGE_STATE_LABELLED and p.has_label for p in got) else None
    packages = eventually(labelled, timeout=60)
    assert packages, "both packages labelled"
    assert all(p.tracking_numbers for p in packages)
    for package in packages:
        label = fulfillment.GetLabel(pb.GetLabelRequest(name=package.name), metadata=md)
        assert label.media_type == "application/pdf" and label.content.startswith(b"%PDF")
        assert re.findall(rb"/MediaBox \[0 0 (\d+) (\d+)\]", label.content) == [(b"288", b"432")]  # 4 x 6 in
    assert sum(carrier.store.labels_bought.values()) == 2
    listed = fulfillment.ListPackages(pb.ListPackagesRequest(order=order.name), metadata=md)
    states = {p.name: p.state for p in listed.packages}
    assert sorted(states.values()) == [pb.PACKAGE_STATE_LABELLED] * 2 + [pb.PACKAGE_STATE_VOIDED]  # the one split
    shipped = stack.orders().GetOrder(opb.GetOrderRequest(name=order.name), metadata=md).order
    assert shipped.state == order_pb2.ORDER_STATE_SHIPPED
