"""The FBA route over a fake seller account: one fulfilment order per package even after a
crash, the speed, packing-slip fields and line ids as Amazon wants them, received → processing
→ complete with every package's tracking number, short FBA stock refused naming the SKU, a
late cancel refused in Amazon's words."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest

from application.fulfillment.fba import LIST_MARGIN, FbaRoute
from application.ports.fba import FbaOrderStatus, ShippingSpeed
from application.ports.fulfillment import CancelStatus, Look, PushLine, PushRequest, ShipmentStatus
from application.ports.providers import AmazonCredentials
from bootstrap.fulfillment import build_routes
from domain.errors import UpstreamRejected, ValidationFailed
from domain.warehouse import PostalAddress, WarehouseKind
from tests.fakes_providers import FakeFbaAccount, FakeGateway, ProcessKilled, look

BUYER = PostalAddress("Jane Roe", "350 5th Ave", "New York", "10118", "US", state="NY")
CREDENTIALS = {"amz-1": AmazonCredentials("amzn1.client", "secret", "Atzr|refresh")}
NOW = datetime(2026, 12, 1, 8, 0, tzinfo=timezone.utc)


class FixedClock:
    def now(self) -> datetime:
        return NOW


def push_request(package_id: str = "pkg-1", **changes) -> PushRequest:
    request = PushRequest(package_id, f"erp-{package_id}", WarehouseKind.FBA, "amz-1", None, BUYER,
                          (PushLine("SKU-1", 2), PushLine("SKU-2", 1)), "expedited",
                          displayable_order_id="PO-211-7")
    return replace(request, **changes)


@pytest.fixture
def account() -> FakeFbaAccount:
    return FakeFbaAccount(stock={"SKU-1": 5, "SKU-2": 1})


@pytest.fixture
def route(account) -> FbaRoute:
    return FbaRoute(FakeGateway(account), CREDENTIALS.__getitem__, FixedClock())


def test_a_push_creates_the_order_with_the_speed_and_packing_slip_fields(route, account):
    shipment = route.push(push_request())
    assert (shipment.provider_ref, shipment.status, shipment.raw_status) == ("ERP-erp-pkg-1", ShipmentStatus.ACCEPTED,
                                                                             "Received")
    [sent] = account.requests
    assert (sent.reference, sent.speed, sent.displayable_order_id) == ("erp-pkg-1", ShippingSpeed.EXPEDITED, "PO-211-7")
    assert sent.ordered_at == NOW and "PO-211-7" in sent.comment
    assert [(line.sku, line.quantity, line.line_id) for line in sent.lines] == [("SKU-1", 2, "L1"), ("SKU-2", 1, "L2")]


def test_the_order_date_is_the_buyers_when_the_package_knows_it(route, account):
    ordered = datetime(2026, 11, 30, 23, 0, tzinfo=timezone.utc)
    route.push(push_request(ordered_at=ordered, channel_code=""))
    assert (account.requests[0].ordered_at, account.requests[0].speed) == (ordered, ShippingSpeed.STANDARD)


def test_an_unknown_shipping_speed_is_refused_naming_the_channel_code(route, account):
    with pytest.raises(ValidationFailed, match="'overnight'") as refused:
        route.push(push_request(channel_code="overnight"))
    assert refused.value.violations[0].field == "channel_code" and account.requests == []


def test_a_push_repeated_after_a_crash_adopts_the_order(route, account):
    account.crash_after_create = True
    with pytest.raises(ProcessKilled):
        route.push(push_request())
    account.stock["SKU-2"] = 0  # reserved by the hidden order: adopting must not check stock
    assert route.push(push_request()).provider_ref == "ERP-erp-pkg-1"
    assert account.created == {"ERP-erp-pkg-1": 1} and len(account.requests) == 1


def test_the_package_goes_received_processing_complete_with_every_tracking_number(route, account):
    ref = route.push(push_request()).provider_ref
    account.move(ref, FbaOrderStatus.PLANNING, "PLANNING")
    assert look(route, push_request(), ref).status is ShipmentStatus.ACCEPTED
    account.move(ref, FbaOrderStatus.PROCESSING, "processing")
    assert look(route, push_request(), ref).status is ShipmentStatus.PICKING
    account.move(ref, FbaOrderStatus.COMPLETE, "Complete", ("TBA001", "TBA002"))
    done = look(route, push_request(), ref)
    assert (done.status, done.tracking_numbers, done.carrier) == (ShipmentStatus.SHIPPED, ("TBA001", "TBA002"),
                                                                  "AMZN_US")


def test_many_packages_are_followed_in_one_list_and_only_a_shipped_order_is_read_alone(route, account):
    requests = [replace(push_request(), package_id=f"pkg-{n}", reference=f"pkg-{n}-1") for n in range(3)]
    refs = [route.push(request).provider_ref for request in requests]
    account.move(refs[0], FbaOrderStatus.COMPLETE, "Complete", ("TBA001",))
    account.move(refs[1], FbaOrderStatus.PROCESSING, "Processing")
    account.reads.clear()
    last_look = datetime(2026, 1, 5, 10, 0, tzinfo=timezone.utc)
    answer = route.track([Look(request, ref, since=last_look - timedelta(seconds=n), whole=False)
                          for n, (request, ref) in enumerate(zip(requests, refs))])
    assert account.lists == [last_look - timedelta(seconds=2) - LIST_MARGIN]  # one list from the oldest look
    assert account.reads == [refs[0]]  # the tracking numbers of the shipped one only
    assert answer[refs[0]].tracking_numbers == ("TBA001",) and answer[refs[1]].status is ShipmentStatus.PICKING
    assert answer[refs[2]].status is ShipmentStatus.ACCEPTED


def test_short_fba_stock_is_refused_before_any_order_naming_the_sku(route, account):
    del account.stock["SKU-2"]
    with pytest.raises(UpstreamRejected, match="SKU SKU-2 needs 1, FBA has 0") as refused:
        route.push(push_request())
    assert refused.value.reason == "OUT_OF_STOCK" and account.requests == []


def test_an_invalid_or_unfulfillable_order_is_refused_with_what_to_check(route, account):
    ref = route.push(push_request()).provider_ref
    account.move(ref, FbaOrderStatus.INVALID, "Invalid")
    shipment = look(route, push_request(), ref)
    assert shipment.status is ShipmentStatus.REFUSED and "Invalid" in shipment.message


def test_an_undocumented_status_is_kept_and_followed(route, account):
    ref = route.push(push_request()).provider_ref
    account.move(ref, FbaOrderStatus.UNKNOWN, "OnHoldForReview")
    shipment = look(route, push_request(), ref)
    assert (shipment.status, shipment.raw_status) == (ShipmentStatus.ACCEPTED, "OnHoldForReview")


def test_cancel_before_processing_cancels_and_after_is_too_late_in_amazons_words(route, account):
    early = route.push(push_request()).provider_ref
    assert route.cancel(push_request(), early).status is CancelStatus.CANCELLED
    assert route.cancel(push_request(), early).status is CancelStatus.CANCELLED
    late = route.push(push_request("pkg-2")).provider_ref
    account.move(late, FbaOrderStatus.PROCESSING, "Processing")
    account.cancel_refusal = "Amazon answered cancelFulfillmentOrder with HTTP 400 (InvalidInput: cannot be cancelled)"
    result = route.cancel(push_request("pkg-2"), late)
    assert (result.status, result.message) == (CancelStatus.TOO_LATE, account.cancel_refusal)


def test_the_wired_fba_route_uses_the_accounts_credentials(account):
    gateway = FakeGateway(account)
    routes = build_routes(None, FakeGateway(None), clock=FixedClock(), fba=gateway,
                          provider_credentials=CREDENTIALS.__getitem__)
    assert routes.for_kind(WarehouseKind.FBA).push(push_request()).status is ShipmentStatus.ACCEPTED
    assert gateway.connected == [CREDENTIALS["amz-1"]]
