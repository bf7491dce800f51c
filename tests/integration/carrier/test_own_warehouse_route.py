"""The own-warehouse route against the carrier sandbox over real HTTP: labels as real documents,
tracking on a later poll, the carrier's refusals in its words, voids."""
from __future__ import annotations

import re
from dataclasses import replace

import pytest

from application.ports.fulfillment import CancelStatus, ShipmentStatus
from domain.errors import UpstreamRejected, ValidationFailed
from domain.warehouse import LabelFormat
from tests.integration.carrier.route_world import BUYER, own_route, push_request


def test_a_pushed_package_gets_one_label_whose_pdf_page_is_4x6_inches(carrier):
    route = own_route(carrier)
    shipment = route.push(push_request())
    assert shipment.status is ShipmentStatus.LABELLED and shipment.label_ready
    assert re.fullmatch(r"9400\d{18}", shipment.tracking_numbers[0]) and shipment.carrier == "USPS"
    document = route.label(push_request(), shipment.provider_ref)
    assert document.media_type == "application/pdf" and document.content.startswith(b"%PDF-")
    assert re.findall(rb"/MediaBox \[0 0 (\d+) (\d+)\]", document.content) == [(b"288", b"432")]
    assert len(re.findall(rb"/Type /Page\b", document.content)) == 1
    assert shipment.tracking_numbers[0].encode() in document.content
    assert carrier.labels_bought("erp-pkg-1") == 1


def test_a_label_bought_ready_comes_with_its_document_in_three_calls(carrier):
    shipment = own_route(carrier).push(push_request(first_attempt=True))
    assert shipment.status is ShipmentStatus.LABELLED and shipment.document is not None
    assert shipment.document.content.startswith(b"%PDF-") and shipment.tracking_numbers[0].encode() in shipment.document.content
    calls = carrier.http.get("/sandbox/stats").json()["calls"]
    assert calls == {"POST /shipments": 1, "POST /transactions": 1, "GET /labels": 1}


def test_a_document_that_fails_with_the_purchase_does_not_fail_it_and_is_fetched_later(carrier):
    carrier.control("faults", {"kind": "status", "path": "/labels", "method": "GET", "status": 503})
    route = own_route(carrier)
    shipment = route.push(push_request())
    assert shipment.status is ShipmentStatus.LABELLED and shipment.label_ready and shipment.document is None
    assert carrier.slept == []  # one try only: the purchase's answer is not held back by retries
    document = route.label(push_request(), shipment.provider_ref)
    assert document.content.startswith(b"%PDF-") and carrier.labels_bought("erp-pkg-1") == 1


def test_a_zpl_channel_gets_a_zpl_document_from_xa_to_xz(carrier):
    route = own_route(carrier)
    request = push_request(label_format=LabelFormat.ZPL)
    document = route.label(request, route.push(request).provider_ref)
    assert document.media_type == "application/zpl"
    assert document.content.lstrip().startswith(b"^XA") and document.content.rstrip().endswith(b"^XZ")


def test_pushing_again_adopts_the_label_already_bought(carrier):
    route = own_route(carrier)
    first = route.push(push_request())
    assert own_route(carrier).push(push_request()).provider_ref == first.provider_ref
    assert carrier.labels_bought("erp-pkg-1") == 1


def test_the_tracking_number_arriving_on_a_later_poll(carrier):
    carrier.control("time-to-track", {"polls": 2})
    route = own_route(carrier)
    accepted = route.push(push_request())
    assert accepted.status is ShipmentStatus.ACCEPTED and accepted.tracking_numbers == ()
    assert accepted.raw_status == "QUEUED" and not accepted.label_ready
    polls = [route.status(push_request(), accepted.provider_ref) for _ in range(3)]
    assert polls[0].status is ShipmentStatus.ACCEPTED
    assert polls[-1].status is ShipmentStatus.LABELLED and polls[-1].tracking_numbers
    assert carrier.labels_bought("erp-pkg-1") == 1


def test_a_label_the_carrier_refuses_says_why_in_its_words(carrier):
    carrier.control("refuse-labels", {"count": 1, "message": "Address could not be verified by USPS."})
    refused = own_route(carrier).push(push_request())
    assert refused.status is ShipmentStatus.REFUSED and refused.message == "Address could not be verified by USPS."
    assert refused.raw_status == "ERROR" and carrier.labels_bought("erp-pkg-1") == 0


def test_an_address_the_carrier_refuses_is_an_upstream_rejection_in_its_words(carrier):
    with pytest.raises(UpstreamRejected) as caught:
        own_route(carrier).push(push_request(ship_to=replace(BUYER, zip="1011")))
    assert "address_to.zip: Enter a valid postal code for US." in caught.value.message


def test_a_service_the_carrier_does_not_offer_is_refused_naming_what_it_offers(carrier):
    with pytest.raises(UpstreamRejected) as caught:
        own_route(carrier).push(push_request(channel_code="dhl_express"))
    assert caught.value.reason == "CARRIER_SERVICE_NOT_OFFERED" and "usps_priority" in caught.value.message
    assert carrier.labels_bought("erp-pkg-1") == 0


def test_a_refused_api_token_is_a_credentials_refusal(carrier):
    with pytest.raises(UpstreamRejected) as caught:
        own_route(carrier, token="shippo_test_wrong").push(push_request())
    assert caught.value.reason == "CARRIER_CREDENTIALS_REFUSED" and "Invalid token." in caught.value.message


def test_credentials_of_another_provider_are_refused_naming_the_field(carrier):
    from adapters.carrier.gateway import ShippoCarrierGateway
    from application.ports.carrier import CarrierCredentials
    with pytest.raises(ValidationFailed) as caught:
        ShippoCarrierGateway().connect(CarrierCredentials("easypost", "t", carrier.sandbox.base_url))
    assert caught.value.violations[0].field == "credentials.provider"


def test_a_void_cancels_the_label_once_and_a_repeat_answers_the_same(carrier):
    route = own_route(carrier)
    shipment = route.push(push_request())
    assert route.cancel(push_request(), shipment.provider_ref).status is CancelStatus.CANCELLED
    assert route.cancel(push_request(), shipment.provider_ref).status is CancelStatus.CANCELLED
    assert len(carrier.store.refunds) == 1
    assert route.status(push_request(), shipment.provider_ref).status is ShipmentStatus.CANCELLED


def test_a_void_after_the_carrier_scanned_the_parcel_is_too_late(carrier):
    route = own_route(carrier)
    shipment = route.push(push_request())
    carrier.control("in-transit", {"transaction": shipment.provider_ref})
    late = route.cancel(push_request(), shipment.provider_ref)
    assert late.status is CancelStatus.TOO_LATE and "scanned or used" in late.message
    assert route.cancel(push_request(), shipment.provider_ref).status is CancelStatus.TOO_LATE
    assert route.status(push_request(), shipment.provider_ref).status is ShipmentStatus.LABELLED


def test_the_carriers_services_are_listed_through_the_gateway(carrier):
    from adapters.carrier.gateway import ShippoCarrierGateway
    from application.ports.carrier import CarrierCredentials
    connected = ShippoCarrierGateway().connect(CarrierCredentials("shippo", "shippo_test_sandbox",
                                                                  carrier.sandbox.base_url))
    connected.verify()
    assert ("usps", "usps_ground_advantage") in {(s.carrier, s.token) for s in connected.list_services()}
