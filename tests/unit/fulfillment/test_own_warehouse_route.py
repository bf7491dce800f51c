"""The own-warehouse route over a fake carrier: one label per package, pending then labelled,
refusals in the carrier's words, voids that answer the same when repeated."""
from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from application.fulfillment.own_warehouse import DEFAULT_PARCEL, OwnWarehouseRoute
from application.ports.carrier import CarrierCredentials, Parcel
from application.ports.fulfillment import CancelStatus, PushLine, PushRequest, ShipmentStatus
from bootstrap.fulfillment import RoutesByKind
from domain.errors import PreconditionFailed, UpstreamUnavailable, ValidationFailed
from domain.warehouse import LabelFormat, PostalAddress, WarehouseKind
from tests.fakes_carrier import FakeCarrierGateway, ProcessKilled

WAREHOUSE = PostalAddress("Demo Warehouse", "100 Harbor Blvd", "Long Beach", "90802", "US", state="CA")
BUYER = PostalAddress("Jane Roe", "350 5th Ave", "New York", "10118", "US", state="NY")
CREDENTIALS = {"acct-1": CarrierCredentials("shippo", "shippo_test_one")}


def push_request(package_id: str = "pkg-1", **changes) -> PushRequest:
    request = PushRequest(package_id, f"erp-{package_id}", WarehouseKind.OWN, "acct-1", WAREHOUSE, BUYER,
                          (PushLine("SKU-1", 2),), "usps_ground_advantage", LabelFormat.PDF_4X6)
    return replace(request, **changes)


@pytest.fixture
def gateway() -> FakeCarrierGateway:
    return FakeCarrierGateway()


@pytest.fixture
def route(gateway) -> OwnWarehouseRoute:
    return OwnWarehouseRoute(gateway, CREDENTIALS.__getitem__)


def test_a_push_buys_a_label_with_its_tracking_number_using_the_accounts_credentials(route, gateway):
    shipment = route.push(push_request())
    assert shipment.status is ShipmentStatus.LABELLED and shipment.label_ready
    assert shipment.tracking_numbers == (gateway.carrier.labels[shipment.provider_ref].tracking_number,)
    assert shipment.carrier == "USPS" and shipment.raw_status == "SUCCESS"
    assert gateway.connected == [CREDENTIALS["acct-1"]]


def test_a_push_repeated_after_a_crash_adopts_the_label_instead_of_buying_a_second(route, gateway):
    gateway.carrier.crash_after_buy = True
    with pytest.raises(ProcessKilled):
        route.push(push_request())
    shipment = route.push(push_request())
    assert shipment.status is ShipmentStatus.LABELLED
    assert gateway.carrier.purchases == {"erp-pkg-1": 1}
    assert route.push(push_request()).provider_ref == shipment.provider_ref
    assert gateway.carrier.purchases == {"erp-pkg-1": 1}


def test_a_first_attempt_buys_without_asking_and_its_retry_after_a_crash_asks_and_adopts(route, gateway):
    gateway.carrier.crash_after_buy = True
    with pytest.raises(ProcessKilled):
        route.push(push_request(first_attempt=True))
    assert gateway.carrier.finds == 0
    route.push(push_request())
    assert gateway.carrier.finds == 1 and gateway.carrier.purchases == {"erp-pkg-1": 1}


def test_a_pending_label_is_accepted_without_tracking_until_a_later_poll(route, gateway):
    gateway.carrier.polls_to_track = 2
    first = route.push(push_request())
    assert first.status is ShipmentStatus.ACCEPTED and first.tracking_numbers == () and not first.label_ready
    assert "later poll" in first.message and first.raw_status == "QUEUED"
    assert route.status(push_request(), first.provider_ref).status is ShipmentStatus.ACCEPTED
    ready = route.status(push_request(), first.provider_ref)
    assert ready.status is ShipmentStatus.LABELLED and ready.tracking_numbers and ready.label_ready


def test_a_pending_label_found_again_is_not_bought_again(route, gateway):
    gateway.carrier.polls_to_track = 5
    first = route.push(push_request())
    assert route.push(push_request()).provider_ref == first.provider_ref
    assert gateway.carrier.purchases == {"erp-pkg-1": 1}


def test_a_refused_label_says_why_in_the_carriers_words_and_a_later_push_buys_it(route, gateway):
    gateway.carrier.refuse_next = "The address could not be verified."
    refused = route.push(push_request())
    assert refused.status is ShipmentStatus.REFUSED and refused.message == "The address could not be verified."
    assert refused.tracking_numbers == () and not refused.label_ready
    assert route.push(push_request()).status is ShipmentStatus.LABELLED
    assert gateway.carrier.purchases == {"erp-pkg-1": 1}


def test_the_label_document_is_the_bytes_in_the_channels_format(route):
    pdf = route.push(push_request())
    assert route.label(push_request(), pdf.provider_ref).media_type == "application/pdf"
    zpl_request = push_request("pkg-2", label_format=LabelFormat.ZPL)
    document = route.label(zpl_request, route.push(zpl_request).provider_ref)
    assert document.media_type == "application/zpl" and document.content.startswith(b"^XA")


def test_a_void_cancels_and_a_repeated_void_answers_the_same_without_asking_again(route, gateway):
    shipment = route.push(push_request())
    assert route.cancel(push_request(), shipment.provider_ref).status is CancelStatus.CANCELLED
    assert route.cancel(push_request(), shipment.provider_ref).status is CancelStatus.CANCELLED
    assert gateway.carrier.voids == 1
    assert route.status(push_request(), shipment.provider_ref).status is ShipmentStatus.CANCELLED


def test_a_void_too_late_is_refused_in_the_carriers_words(route, gateway):
    shipment = route.push(push_request())
    gateway.carrier.in_transit.add(shipment.provider_ref)
    late = route.cancel(push_request(), shipment.provider_ref)
    assert late.status is CancelStatus.TOO_LATE and "in transit" in late.message
    assert route.cancel(push_request(), shipment.provider_ref).status is CancelStatus.TOO_LATE
    assert gateway.carrier.voids == 1
    assert route.status(push_request(), shipment.provider_ref).status is ShipmentStatus.LABELLED


def test_a_label_still_being_made_cannot_be_voided_yet(route, gateway):
    gateway.carrier.polls_to_track = 5
    shipment = route.push(push_request())
    with pytest.raises(UpstreamUnavailable, match="not finished yet"):
        route.cancel(push_request(), shipment.provider_ref)
    assert gateway.carrier.voids == 0


def test_a_package_pushed_again_after_its_label_was_voided_gets_a_new_label(route, gateway):
    first = route.push(push_request())
    route.cancel(push_request(), first.provider_ref)
    second = route.push(push_request())
    assert second.provider_ref != first.provider_ref and second.status is ShipmentStatus.LABELLED
    assert route.push(push_request()).provider_ref == second.provider_ref
    assert gateway.carrier.purchases == {"erp-pkg-1": 2}


def test_the_label_is_quoted_for_the_packages_parcels_or_else_the_default_parcel(route, gateway):
    measured = (Parcel(Decimal("30"), Decimal("20"), Decimal("10"), "cm", Decimal("1.2"), "kg"),)
    default = route.push(push_request())
    sized = route.push(push_request("pkg-2", parcels=measured))
    assert gateway.carrier.requests[default.provider_ref].parcels == (DEFAULT_PARCEL,)
    assert gateway.carrier.requests[sized.provider_ref].parcels == measured


def test_a_package_without_a_channel_format_gets_a_4x6_pdf(route, gateway):
    shipment = route.push(push_request(label_format=None))
    assert gateway.carrier.requests[shipment.provider_ref].label_format is LabelFormat.PDF_4X6


def test_an_own_warehouse_package_without_a_ship_from_address_is_refused_naming_the_field(route, gateway):
    with pytest.raises(ValidationFailed) as caught:
        route.push(push_request(ship_from=None))
    assert [v.field for v in caught.value.violations] == ["ship_from"] and gateway.carrier.purchases == {}


def test_routes_give_the_own_route_and_refuse_the_kinds_not_configured(route):
    routes = RoutesByKind({WarehouseKind.OWN: route})
    assert routes.for_kind(WarehouseKind.OWN) is route
    for kind in (WarehouseKind.THIRD_PARTY, WarehouseKind.FBA):
        with pytest.raises(PreconditionFailed) as caught:
            routes.for_kind(kind)
        assert caught.value.reason == "ROUTE_NOT_AVAILABLE" and kind.value in caught.value.message
        assert "no route" in caught.value.message


class _Accounts:
    def credentials(self, account_id: str) -> CarrierCredentials:
        return CREDENTIALS[account_id]


class _Uow:
    carrier_accounts = _Accounts()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return None


def test_the_wired_own_route_reads_the_accounts_credentials_in_a_unit_of_work_of_its_own(gateway):
    from bootstrap.fulfillment import build_routes

    route = build_routes(_Uow, gateway).for_kind(WarehouseKind.OWN)
    assert route.push(push_request()).status is ShipmentStatus.LABELLED
    assert gateway.connected == [CREDENTIALS["acct-1"]]
