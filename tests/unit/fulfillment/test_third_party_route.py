"""The 3PL route over a fake warehouse: one outbound order per package even after a crash,
accepted → picking → shipped with every box's tracking number, short stock refused naming the
SKU, a problem order shows the warehouse's reason, a late cancel is refused in its words."""
from __future__ import annotations

from dataclasses import replace

import pytest

from application.fulfillment.third_party import ThirdPartyRoute
from application.ports.fulfillment import CancelStatus, Look, PushLine, PushRequest, ShipmentStatus
from application.ports.providers import AmazonCredentials, GoodcangCredentials
from application.ports.threepl import OutboundStatus
from bootstrap.fulfillment import build_routes
from domain.errors import PreconditionFailed, UpstreamRejected
from domain.warehouse import PostalAddress, WarehouseKind
from tests.fakes_providers import FakeGateway, FakeThirdPartyWarehouse, ProcessKilled, look

BUYER = PostalAddress("Jane Roe", "350 5th Ave", "New York", "10118", "US", state="NY")
CREDENTIALS = {"gc-1": GoodcangCredentials("key-1", "token-1")}


def push_request(package_id: str = "pkg-1", **changes) -> PushRequest:
    request = PushRequest(package_id, f"erp-{package_id}", WarehouseKind.THIRD_PARTY, "gc-1", None, BUYER,
                          (PushLine("MUG-1", 2), PushLine("RUG-3", 1)), "FEDEX-SMALLPARCEL", warehouse_code="USEA",
                          displayable_order_id="PO-211-1")
    return replace(request, **changes)


@pytest.fixture
def warehouse() -> FakeThirdPartyWarehouse:
    return FakeThirdPartyWarehouse(stock={"MUG-1": 10, "RUG-3": 1})


@pytest.fixture
def gateway(warehouse) -> FakeGateway:
    return FakeGateway(warehouse)


@pytest.fixture
def route(gateway) -> ThirdPartyRoute:
    return ThirdPartyRoute(gateway, CREDENTIALS.__getitem__)


def test_a_push_creates_one_outbound_order_keyed_by_the_package_reference(route, warehouse, gateway):
    shipment = route.push(push_request())
    assert (shipment.status, shipment.raw_status, shipment.tracking_numbers) == (ShipmentStatus.ACCEPTED, "C", ())
    [sent] = warehouse.requests
    assert (sent.reference_no, sent.warehouse_code, sent.channel_code) == ("erp-pkg-1", "USEA", "FEDEX-SMALLPARCEL")
    assert [(line.sku, line.quantity) for line in sent.lines] == [("MUG-1", 2), ("RUG-3", 1)]
    assert sent.ship_to == BUYER and "PO-211-1" in sent.note
    assert gateway.connected == [CREDENTIALS["gc-1"]]


def test_a_push_repeated_after_a_crash_adopts_the_order_instead_of_creating_a_second(route, warehouse):
    warehouse.crash_after_create = True
    with pytest.raises(ProcessKilled):
        route.push(push_request())
    warehouse.stock["RUG-3"] = 0  # reserved by the order the crash hid: the adopt must not check stock
    again = route.push(push_request())
    assert again.provider_ref == "G100-000001" and warehouse.created == {"erp-pkg-1": 1}
    assert len(warehouse.requests) == 1


def test_the_package_goes_accepted_picking_shipped_with_a_tracking_number_per_box(route, warehouse):
    code = route.push(push_request()).provider_ref
    warehouse.move(code, OutboundStatus.PICKING, "W")
    assert look(route, push_request(), code).status is ShipmentStatus.PICKING
    warehouse.move(code, OutboundStatus.SHIPPED, "D", ("1Z001", "1Z002"))
    shipped = look(route, push_request(), code)
    assert (shipped.status, shipped.tracking_numbers) == (ShipmentStatus.SHIPPED, ("1Z001", "1Z002"))


def test_many_packages_are_followed_in_one_batch_read_and_only_a_whole_look_reads_an_order_alone(route, warehouse):
    requests = [replace(push_request(), package_id=f"pkg-{n}", reference=f"pkg-{n}-1") for n in range(3)]
    codes = [route.push(request).provider_ref for request in requests]
    warehouse.move(codes[0], OutboundStatus.SHIPPED, "D", ("1Z001",))
    warehouse.move(codes[1], OutboundStatus.EXCEPTION, "N", reason="address unknown")
    warehouse.reads.clear()
    looks = [Look(request, code, whole=False) for request, code in zip(requests, codes)]
    answer = route.track(looks)
    assert warehouse.batch_reads == [tuple(codes)] and warehouse.reads == []
    assert list(answer) == [codes[0]] and answer[codes[0]].tracking_numbers == ("1Z001",)
    answer = route.track([replace(looks[1], whole=True), looks[2]])  # a whole look finds the exception
    assert warehouse.reads == [codes[1]]
    assert answer[codes[1]].status is ShipmentStatus.REFUSED and codes[2] not in answer


def test_a_sku_short_at_the_warehouse_is_refused_before_any_order_naming_it(route, warehouse):
    warehouse.stock["RUG-3"] = 0
    with pytest.raises(UpstreamRejected, match="SKU RUG-3 needs 1, 3PL warehouse USEA has 0") as refused:
        route.push(push_request())
    assert refused.value.reason == "OUT_OF_STOCK" and refused.value.details["seller_sku"] == "RUG-3"
    assert warehouse.requests == [] and warehouse.orders == {}


def test_lines_of_one_sku_are_added_up_against_its_stock(route, warehouse):
    with pytest.raises(UpstreamRejected, match="SKU RUG-3 needs 2"):
        route.push(push_request(lines=(PushLine("RUG-3", 1), PushLine("RUG-3", 1))))


def test_a_problem_order_is_refused_with_the_warehouses_reason(route, warehouse):
    code = route.push(push_request()).provider_ref
    warehouse.move(code, OutboundStatus.EXCEPTION, "N", reason="地址不详 address incomplete")
    shipment = look(route, push_request(), code)
    assert (shipment.status, shipment.raw_status) == (ShipmentStatus.REFUSED, "N")
    assert shipment.message == "地址不详 address incomplete"


def test_an_undocumented_status_letter_is_kept_and_followed(route, warehouse):
    code = route.push(push_request()).provider_ref
    warehouse.move(code, OutboundStatus.UNKNOWN, "Z")
    shipment = look(route, push_request(), code)
    assert (shipment.status, shipment.raw_status) == (ShipmentStatus.ACCEPTED, "Z") and "'Z'" in shipment.message


def test_a_cancelled_order_does_not_block_a_new_push_of_the_reference(route, warehouse):
    first = route.push(push_request()).provider_ref
    assert route.cancel(push_request(), first).status is CancelStatus.CANCELLED
    assert route.push(push_request()).provider_ref != first


def test_cancel_before_picking_cancels_and_a_repeat_answers_the_same(route, warehouse):
    code = route.push(push_request()).provider_ref
    assert route.cancel(push_request(), code).status is CancelStatus.CANCELLED
    assert route.cancel(push_request(), code).status is CancelStatus.CANCELLED
    assert look(route, push_request(), code).status is ShipmentStatus.CANCELLED


def test_a_cancel_the_warehouse_refuses_is_too_late_in_its_words(route, warehouse):
    code = route.push(push_request()).provider_ref
    warehouse.move(code, OutboundStatus.PICKING, "W")
    warehouse.cancel_refusal = "订单状态不允许取消 order is being picked"
    result = route.cancel(push_request(), code)
    assert (result.status, result.message) == (CancelStatus.TOO_LATE, "订单状态不允许取消 order is being picked")


def test_a_shipped_order_is_too_late_to_cancel_without_asking(route, warehouse):
    code = route.push(push_request()).provider_ref
    warehouse.move(code, OutboundStatus.SHIPPED, "D", ("1Z001",))
    warehouse.cancel_refusal = "must not be asked"
    assert route.cancel(push_request(), code).status is CancelStatus.TOO_LATE


def test_the_wired_route_reads_credentials_per_account_and_refuses_another_providers_account(gateway, warehouse):
    accounts = {**CREDENTIALS, "amz-1": AmazonCredentials("client", "secret", "refresh")}
    routes = build_routes(None, FakeGateway(None), threepl=gateway, provider_credentials=accounts.__getitem__)
    assert routes.for_kind(WarehouseKind.THIRD_PARTY).push(push_request()).status is ShipmentStatus.ACCEPTED
    with pytest.raises(PreconditionFailed) as wrong:
        routes.for_kind(WarehouseKind.THIRD_PARTY).push(push_request("pkg-2", account_id="amz-1"))
    assert wrong.value.reason == "WRONG_PROVIDER_ACCOUNT"
    with pytest.raises(PreconditionFailed) as missing:
        routes.for_kind(WarehouseKind.FBA)
    assert missing.value.reason == "ROUTE_NOT_AVAILABLE"
