"""Carrier faults: the client backs off, never buys a second label for one reference, and says
clearly what went wrong when it gives up."""
from __future__ import annotations

import pytest

from adapters.carrier.values import LabelFormat, LabelStatus, VoidStatus
from domain.errors import UpstreamUnavailable
from tests.integration.carrier.conftest import shipment_request


def _rate(client, reference="pkg-1") -> str:
    return client.quote(shipment_request(reference)).rates[0].rate_id


def _fault(carrier, kind, path="/transactions", method="POST", **options):
    carrier.control("faults", {"kind": kind, "path": path, "method": method, **options})


def test_a_429_waits_for_the_carriers_retry_after_then_succeeds(carrier):
    client = carrier.client()
    rate = _rate(client)
    _fault(carrier, "status", status=429, retry_after_s=7, times=2)
    label = client.buy_label(rate, LabelFormat.PDF_4X6, "pkg-1")
    assert label.status is LabelStatus.READY
    assert carrier.slept == [7, 7] and carrier.labels_bought("pkg-1") == 1


def test_a_retry_after_beyond_the_deadline_gives_up_at_once_saying_when_to_come_back(carrier):
    client = carrier.client(deadline_s=5)
    rate = _rate(client)
    _fault(carrier, "status", status=429, retry_after_s=120)
    with pytest.raises(UpstreamUnavailable) as caught:
        client.buy_label(rate, LabelFormat.PDF_4X6, "pkg-1")
    assert caught.value.retry_after_s == 120 and "rate limiting" in caught.value.message
    assert carrier.slept == [] and carrier.labels_bought("pkg-1") == 0


def test_5xx_on_a_read_is_retried_with_backoff(carrier):
    _fault(carrier, "status", path="/carrier_accounts", method="GET", status=502, times=3)
    assert carrier.client().list_services()
    assert len(carrier.slept) == 3


def test_5xx_that_never_ends_becomes_upstream_unavailable(carrier):
    _fault(carrier, "status", path="/carrier_accounts", method="GET", status=503, times=None)
    with pytest.raises(UpstreamUnavailable, match=r"failing \(HTTP 503\)"):
        carrier.client(max_retries=2).list_services()
    assert len(carrier.slept) == 2


def test_a_timeout_after_the_purchase_adopts_the_label_instead_of_buying_again(carrier):
    client = carrier.client(timeout_s=0.3)
    rate = _rate(client)
    _fault(carrier, "delay", delay_s=1.5)  # the label is bought, the answer comes too late
    label = client.buy_label(rate, LabelFormat.PDF_4X6, "pkg-1")
    assert label.status is LabelStatus.READY and label.reference == "pkg-1"
    assert carrier.labels_bought("pkg-1") == 1


def test_a_5xx_after_the_purchase_adopts_the_label(carrier):
    client = carrier.client()
    rate = _rate(client)
    _fault(carrier, "status", status=500, effect=True)  # bought, then the carrier answers 500
    assert client.buy_label(rate, LabelFormat.PDF_4X6, "pkg-1").status is LabelStatus.READY
    assert carrier.labels_bought("pkg-1") == 1


def test_a_5xx_before_the_purchase_buys_once_on_retry(carrier):
    client = carrier.client()
    rate = _rate(client)
    _fault(carrier, "status", status=503)  # nothing bought
    assert client.buy_label(rate, LabelFormat.PDF_4X6, "pkg-1").status is LabelStatus.READY
    assert carrier.labels_bought("pkg-1") == 1 and len(carrier.slept) == 1


def test_a_dropped_connection_after_the_purchase_adopts_the_label(carrier):
    client = carrier.client()
    rate = _rate(client)
    _fault(carrier, "drop")
    assert client.buy_label(rate, LabelFormat.PDF_4X6, "pkg-1").status is LabelStatus.READY
    assert carrier.labels_bought("pkg-1") == 1


def test_a_malformed_answer_to_a_purchase_adopts_the_label(carrier):
    client = carrier.client()
    rate = _rate(client)
    _fault(carrier, "malformed")
    assert client.buy_label(rate, LabelFormat.PDF_4X6, "pkg-1").status is LabelStatus.READY
    assert carrier.labels_bought("pkg-1") == 1


def test_when_the_carrier_cannot_say_whether_it_sold_the_label_nothing_is_bought_again(carrier):
    client = carrier.client(max_retries=1)
    rate = _rate(client)
    _fault(carrier, "status", status=500, effect=True)
    _fault(carrier, "status", path="/transactions", method="GET", status=503, times=None)
    with pytest.raises(UpstreamUnavailable):
        client.buy_label(rate, LabelFormat.PDF_4X6, "pkg-1")
    carrier.http.delete("/sandbox/faults")
    assert client.find_label("pkg-1", rate).status is LabelStatus.READY
    assert carrier.labels_bought("pkg-1") == 1


def test_malformed_answers_to_a_read_end_in_a_clear_error(carrier):
    _fault(carrier, "malformed", path="/carrier_accounts", method="GET", times=None)
    with pytest.raises(UpstreamUnavailable, match="not a JSON object"):
        carrier.client(max_retries=1).list_services()


def test_an_unknown_label_status_is_not_ready_and_says_so(carrier):
    client = carrier.client()
    label = client.buy_label(_rate(client), LabelFormat.PDF_4X6, "pkg-1")
    _fault(carrier, "unknown_status", path="/transactions", method="GET", value="printing")
    odd = client.get_label(label.transaction_id)
    assert odd.status is LabelStatus.UNKNOWN and "'PRINTING'" in odd.message
    assert client.get_label(label.transaction_id).status is LabelStatus.READY


def test_a_void_whose_answer_is_lost_is_read_back_from_the_label(carrier):
    client = carrier.client(timeout_s=0.3)
    label = client.buy_label(_rate(client), LabelFormat.PDF_4X6, "pkg-1")
    _fault(carrier, "delay", path="/refunds", delay_s=1.5)
    assert client.void_label(label.transaction_id).status is VoidStatus.VOIDED
    assert len(carrier.store.refunds) == 1
