"""The carrier client against the sandbox: services, rates, labels as real documents, voids."""
from __future__ import annotations

import re
from dataclasses import replace

import pytest

from adapters.carrier.values import LabelFormat, LabelStatus, VoidStatus
from domain.errors import UpstreamRejected
from tests.integration.carrier.conftest import shipment_request


def _buy(carrier, client, reference="pkg-1", label_format=LabelFormat.PDF_4X6):
    quote = client.quote(shipment_request(reference))
    return client.buy_label(quote.rates[0].rate_id, label_format, reference)


def test_the_carrier_lists_its_services_per_account(carrier):
    services = {(s.carrier, s.token) for s in carrier.client().list_services()}
    assert ("usps", "usps_priority") in services and ("ups", "ups_ground") in services


def test_a_refused_token_says_to_check_the_account_token(carrier):
    with pytest.raises(UpstreamRejected) as caught:
        carrier.client(token="shippo_test_wrong").verify_credentials()
    assert caught.value.reason == "CARRIER_AUTH_FAILED" and "Invalid token." in caught.value.message


def test_a_quote_has_one_rate_per_service_with_a_price(carrier):
    quote = carrier.client().quote(shipment_request())
    assert len(quote.rates) == 4 and all(r.amount and r.amount > 0 and r.currency == "USD" for r in quote.rates)
    assert {r.service_token for r in quote.rates} >= {"usps_ground_advantage", "ups_next_day_air"}


def test_the_carrier_refusing_a_shipment_is_told_in_its_own_words(carrier):
    request = shipment_request()
    bad = replace(request, address_to=replace(request.address_to, zip="1011"))
    with pytest.raises(UpstreamRejected) as caught:
        carrier.client().quote(bad)
    assert caught.value.message == "The carrier refused the request: address_to.zip: Enter a valid postal code for US."


def test_a_pdf_label_is_one_4x6_inch_page_with_the_tracking_number(carrier):
    client = carrier.client()
    label = _buy(carrier, client)
    assert label.status is LabelStatus.READY and label.tracking_number and label.reference == "pkg-1"
    document = client.download_label(label)
    assert document.media_type == "application/pdf"
    pdf = document.content
    assert pdf.startswith(b"%PDF-1.") and pdf.rstrip().endswith(b"%%EOF")
    assert re.findall(rb"/MediaBox \[0 0 (\d+) (\d+)\]", pdf) == [(b"288", b"432")]  # 4 x 6 in at 72 pt/in
    assert len(re.findall(rb"/Type /Page\b", pdf)) == 1
    assert label.tracking_number.encode() in pdf and b"Jane Roe" in pdf
    _assert_xref_points_at_objects(pdf)


def _assert_xref_points_at_objects(pdf: bytes) -> None:
    start = int(re.search(rb"startxref\s+(\d+)", pdf).group(1))
    assert pdf[start:start + 4] == b"xref"
    count = int(re.match(rb"xref\s+0 (\d+)", pdf[start:]).group(1))
    offsets = [int(o) for o in re.findall(rb"(\d{10}) 00000 n ", pdf[start:])]
    assert len(offsets) == count - 1
    for number, offset in enumerate(offsets, start=1):
        assert pdf[offset:].startswith(b"%d 0 obj" % number)


def test_a_zpl_label_runs_from_xa_to_xz_with_the_tracking_barcode(carrier):
    client = carrier.client()
    label = _buy(carrier, client, label_format=LabelFormat.ZPL)
    document = client.download_label(label)
    text = document.content.decode()
    assert document.media_type == "application/zpl"
    assert text.startswith("^XA") and text.rstrip().endswith("^XZ")
    assert f"^BCN,160,Y,N,N^FD{label.tracking_number}^FS" in text


def test_the_tracking_number_arrives_on_a_later_poll(carrier):
    carrier.control("time-to-track", {"polls": 2})
    client = carrier.client()
    label = _buy(carrier, client)
    assert label.status is LabelStatus.PENDING and not label.tracking_number
    assert client.get_label(label.transaction_id).status is LabelStatus.PENDING
    assert client.get_label(label.transaction_id).status is LabelStatus.PENDING
    ready = client.get_label(label.transaction_id)
    assert ready.status is LabelStatus.READY and ready.tracking_number and ready.label_url


def test_a_label_the_carrier_refuses_comes_back_failed_with_its_words(carrier):
    carrier.control("refuse-labels", {"count": 1, "message": "Recipient address is undeliverable."})
    label = _buy(carrier, carrier.client())
    assert label.status is LabelStatus.FAILED and label.message == "Recipient address is undeliverable."
    assert carrier.labels_bought("pkg-1") == 0


def test_an_unused_label_is_voided(carrier):
    client = carrier.client()
    label = _buy(carrier, client)
    assert client.void_label(label.transaction_id).status is VoidStatus.VOIDED
    assert client.get_label(label.transaction_id).status is LabelStatus.VOIDED


def test_a_label_already_in_transit_is_too_late_to_void(carrier):
    client = carrier.client()
    label = _buy(carrier, client)
    carrier.control("in-transit", {"transaction": label.transaction_id})
    assert client.void_label(label.transaction_id).status is VoidStatus.REJECTED
    assert client.get_label(label.transaction_id).status is LabelStatus.VOID_REJECTED


def test_voiding_twice_is_refused_in_the_carriers_words(carrier):
    client = carrier.client()
    label = _buy(carrier, client)
    client.void_label(label.transaction_id)
    with pytest.raises(UpstreamRejected, match="already been requested"):
        client.void_label(label.transaction_id)


def test_find_label_finds_a_reference_without_knowing_the_rate(carrier):
    client = carrier.client()
    label = _buy(carrier, client, reference="pkg-7")
    _buy(carrier, client, reference="pkg-8")
    assert client.find_label("pkg-7").transaction_id == label.transaction_id
    assert client.find_label("pkg-9") is None
