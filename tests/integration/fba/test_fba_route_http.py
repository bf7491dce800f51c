"""The FBA route (``FbaRoute`` over ``SpApiFbaGateway``) over real HTTP against the SP-API
sandbox: received → complete with a tracking number per package as the sandbox clock advances;
throttling, an expired token, lost and broken answers, 5xx and unknown statuses end with one
order at Amazon and Amazon's reason on the package."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone

import pytest

from adapters.fba.gateway import SpApiFbaGateway
from application.fulfillment.fba import LIST_MARGIN, FbaRoute
from application.ports.fulfillment import CancelStatus, Look, PushLine, PushRequest, ShipmentStatus
from application.ports.providers import AmazonCredentials
from domain.errors import UpstreamRejected
from domain.warehouse import PostalAddress, WarehouseKind
from tests.fakes_providers import look
from tests.integration.fba.conftest import CLIENT_ID, CLIENT_SECRET

STAGE_S = 30.0
BUYER = PostalAddress("Jane Doe", "1 Main St", "Troy", "48084", "US", state="MI")
ORDER = "ERP-erp-pkg-1"


class Clock:
    def now(self) -> datetime:
        return datetime(2026, 12, 1, 8, 0, tzinfo=timezone.utc)


def push_request(package_id: str = "pkg-1", **changes) -> PushRequest:
    request = PushRequest(package_id, f"erp-{package_id}", WarehouseKind.FBA, "amz-1", None, BUYER,
                          (PushLine("SKU-1", 2), PushLine("SKU-2", 1)), "Standard",
                          displayable_order_id="PO-211-0001")
    return replace(request, **changes)


@pytest.fixture
def route(fba) -> FbaRoute:
    fba.registry.set_stock("SKU-1", 50)
    fba.registry.set_stock("SKU-2", 50)
    credentials = AmazonCredentials(CLIENT_ID, CLIENT_SECRET, fba.refresh_token, endpoint=fba.sandbox.base_url,
                                    lwa_url=fba.sandbox.lwa_url)
    return FbaRoute(SpApiFbaGateway(timeout_s=0.5, max_retries=3), {"amz-1": credentials}.__getitem__, Clock())


def test_a_package_goes_received_to_complete_and_ends_with_a_tracking_number_per_package(route, fba):
    pushed = route.push(push_request())
    assert (pushed.provider_ref, pushed.status) == (ORDER, ShipmentStatus.ACCEPTED)
    seen = []
    for _ in range(4):
        last_look = datetime.fromtimestamp(fba.registry.clock.time(), timezone.utc)
        fba.registry.clock.advance(STAGE_S)
        answer = route.track([Look(push_request(), ORDER, since=last_look, whole=False)])
        seen.append(answer[ORDER].status if ORDER in answer else None)
    # Planning, Processing, Processing (changed within LIST_MARGIN of the last look: listed again), Complete
    assert seen == [ShipmentStatus.ACCEPTED, ShipmentStatus.PICKING, ShipmentStatus.PICKING, ShipmentStatus.SHIPPED]
    fba.registry.clock.advance(LIST_MARGIN.total_seconds() + 1)
    later = datetime.fromtimestamp(fba.registry.clock.time(), timezone.utc)
    assert route.track([Look(push_request(), ORDER, since=later, whole=False)]) == {}  # nothing new: not listed
    assert answer[ORDER].tracking_numbers and all(answer[ORDER].tracking_numbers) and answer[ORDER].carrier
    assert fba.registry.calls[("listAllFulfillmentOrders", 200)] == 5
    assert fba.registry.calls[("getFulfillmentOrder", 200)] == 1  # only once shipped, for its tracking numbers
    assert fba.counts() == {ORDER: {"created": 1, "duplicates": 0}}


def test_the_order_carries_the_temu_order_number_and_date_on_its_packing_slip(route, fba):
    route.push(push_request(ordered_at=datetime(2026, 11, 30, 23, 5, tzinfo=timezone.utc)))
    with fba.http() as http:
        order = http.get(f"/fba/outbound/2020-07-01/fulfillmentOrders/{ORDER}").json()["payload"]["fulfillmentOrder"]
    assert (order["displayableOrderId"], order["displayableOrderDate"]) == ("PO-211-0001", "2026-11-30T23:05:00Z")
    assert order["shippingSpeedCategory"] == "Standard"


def test_a_create_whose_answer_is_lost_is_looked_up_and_adopted(route, fba):
    fba.control("faults", kind="lose", operation="createFulfillmentOrder", seconds=2)
    assert route.push(push_request(first_attempt=True)).provider_ref == ORDER
    assert fba.counts() == {ORDER: {"created": 1, "duplicates": 0}}


@pytest.mark.parametrize("fault", [{"kind": "refuse", "status": 503, "code": "ServiceUnavailable"},
                                   {"kind": "malformed"}], ids=["5xx", "malformed"])
def test_a_create_answered_with_5xx_or_a_broken_body_ends_with_one_order(route, fba, fault):
    fba.control("faults", operation="createFulfillmentOrder", **fault)
    assert route.push(push_request(first_attempt=True)).status is ShipmentStatus.ACCEPTED
    assert fba.counts() == {ORDER: {"created": 1, "duplicates": 0}}


def test_throttling_and_an_access_token_expired_mid_run_do_not_stop_the_package(route, fba):
    route.push(push_request())
    fba.control("faults", kind="throttle", operation="getFulfillmentOrder", times=1)
    fba.control("tokens/expire")
    assert look(route, push_request(), ORDER).status is ShipmentStatus.ACCEPTED
    assert fba.registry.calls[("getFulfillmentOrder", 429)] == 1 and fba.registry.lwa.exchanges == 2
    assert fba.counts() == {ORDER: {"created": 1, "duplicates": 0}}


def test_amazons_refusal_reaches_the_package_in_its_words(route, fba):
    fba.control("faults", kind="refuse", operation="createFulfillmentOrder", status=400, code="InvalidInput",
                message="The SellerSKU for Item Id: L1 is invalid.")
    with pytest.raises(UpstreamRejected, match="SellerSKU for Item Id: L1 is invalid"):
        route.push(push_request())
    assert fba.counts() == {}


def test_short_fba_stock_is_refused_before_any_order_naming_the_sku(route, fba):
    fba.registry.set_stock("SKU-2", 0)
    with pytest.raises(UpstreamRejected, match="SKU SKU-2 needs 1, FBA has 0") as refused:
        route.push(push_request())
    assert refused.value.reason == "OUT_OF_STOCK" and fba.counts() == {}


@pytest.mark.parametrize("raw, expected", [("OnHoldForReview", ShipmentStatus.ACCEPTED),
                                           ("COMPLETE", ShipmentStatus.SHIPPED),
                                           ("unfulfillable", ShipmentStatus.REFUSED)])
def test_statuses_in_any_case_and_unknown_ones_are_read_with_amazons_word_kept(route, fba, raw, expected):
    route.push(push_request())
    fba.control("orders/status", seller_fulfillment_order_id=ORDER, status=raw)
    shipment = look(route, push_request(), ORDER)
    assert (shipment.status, shipment.raw_status) == (expected, raw)


def test_cancel_while_planning_and_too_late_once_processing_in_amazons_words(route, fba):
    route.push(push_request("early"))
    route.push(push_request("late"))
    fba.registry.clock.advance(STAGE_S + 1)
    assert route.cancel(push_request("early"), "ERP-erp-early").status is CancelStatus.CANCELLED
    fba.registry.clock.advance(STAGE_S)
    result = route.cancel(push_request("late"), "ERP-erp-late")
    assert result.status is CancelStatus.TOO_LATE and "its status is Processing" in result.message
