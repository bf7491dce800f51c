"""Carrier faults through the own-warehouse route, over real HTTP (issue 10, acceptance 4): rate
limits, timeouts, 5xx, malformed bodies, unknown statuses. No crash, the right error with the
carrier's reason, retries that back off, and never a second label for one package."""
from __future__ import annotations

import pytest

from adapters.carrier.retrying import BACKOFF_BASE_S
from application.ports.fulfillment import ShipmentStatus
from domain.errors import UpstreamUnavailable
from tests.integration.carrier.route_world import own_route, push_request


def _fault(carrier, kind, path="/transactions", method="POST", **options):
    carrier.control("faults", {"kind": kind, "path": path, "method": method, **options})


def test_a_429_waits_the_carriers_retry_after_then_buys_once(carrier):
    _fault(carrier, "status", status=429, retry_after_s=7, times=2)
    assert own_route(carrier).push(push_request()).status is ShipmentStatus.LABELLED
    assert carrier.slept == [7, 7] and carrier.labels_bought("erp-pkg-1") == 1


def test_a_429_longer_than_the_deadline_is_unavailable_saying_when_to_come_back(carrier):
    _fault(carrier, "status", status=429, retry_after_s=120, times=None)
    with pytest.raises(UpstreamUnavailable) as caught:
        own_route(carrier, deadline_s=5).push(push_request())
    assert caught.value.retry_after_s == 120 and "rate limiting us" in caught.value.message
    assert carrier.slept == [] and carrier.labels_bought("erp-pkg-1") == 0


def test_5xx_that_does_not_end_backs_off_then_is_unavailable_with_the_carriers_status(carrier):
    _fault(carrier, "status", path="/shipments", status=503, times=None)
    with pytest.raises(UpstreamUnavailable) as caught:
        own_route(carrier, max_retries=3).push(push_request())
    assert "failing (HTTP 503)" in caught.value.message and caught.value.retry_after_s > 0
    assert len(carrier.slept) == 3  # full jitter under a doubling cap: 0.25, 0.5, 1 s
    assert all(0 <= wait <= BACKOFF_BASE_S * 2 ** attempt for attempt, wait in enumerate(carrier.slept))
    assert carrier.labels_bought("erp-pkg-1") == 0


def test_a_5xx_after_the_purchase_took_effect_adopts_the_label(carrier):
    _fault(carrier, "status", status=500, effect=True)
    assert own_route(carrier).push(push_request()).status is ShipmentStatus.LABELLED
    assert carrier.labels_bought("erp-pkg-1") == 1


def test_a_purchase_answered_after_our_timeout_is_adopted_not_bought_again(carrier):
    _fault(carrier, "delay", delay_s=1.0)  # the label is bought; its answer comes too late
    shipment = own_route(carrier, timeout_s=0.3).push(push_request())
    assert shipment.status is ShipmentStatus.LABELLED and carrier.labels_bought("erp-pkg-1") == 1


def test_a_malformed_answer_to_the_purchase_adopts_the_label(carrier):
    _fault(carrier, "malformed")
    assert own_route(carrier).push(push_request()).status is ShipmentStatus.LABELLED
    assert carrier.labels_bought("erp-pkg-1") == 1


def test_malformed_answers_that_do_not_end_are_unavailable(carrier):
    _fault(carrier, "malformed", path="/shipments", times=None)
    with pytest.raises(UpstreamUnavailable, match="not a JSON object"):
        own_route(carrier, max_retries=1).push(push_request())
    assert carrier.labels_bought("erp-pkg-1") == 0


def test_an_unknown_label_status_is_unavailable_naming_it_and_the_retry_adopts_the_label(carrier):
    _fault(carrier, "unknown_status", value="PRINTING")
    route = own_route(carrier)
    with pytest.raises(UpstreamUnavailable) as caught:
        route.push(push_request())
    assert "PRINTING" in caught.value.message and caught.value.retry_after_s == 30
    assert route.push(push_request()).status is ShipmentStatus.LABELLED
    assert carrier.labels_bought("erp-pkg-1") == 1


def test_an_unknown_status_on_a_poll_is_unavailable_and_the_next_poll_reads_the_label(carrier):
    route = own_route(carrier)
    shipment = route.push(push_request())
    _fault(carrier, "unknown_status", method="GET", value="IN_LIMBO")
    with pytest.raises(UpstreamUnavailable, match="IN_LIMBO"):
        route.status(push_request(), shipment.provider_ref)
    assert route.status(push_request(), shipment.provider_ref).status is ShipmentStatus.LABELLED


def test_a_dropped_connection_on_a_poll_is_retried(carrier):
    route = own_route(carrier)
    shipment = route.push(push_request())
    _fault(carrier, "drop", method="GET", path=f"/transactions/{shipment.provider_ref}")
    assert route.status(push_request(), shipment.provider_ref).tracking_numbers == shipment.tracking_numbers
    assert len(carrier.slept) == 1


def test_a_poll_that_keeps_timing_out_backs_off_then_is_unavailable(carrier):
    route = own_route(carrier, timeout_s=0.2, max_retries=2)
    shipment = route.push(push_request())
    _fault(carrier, "delay", method="GET", path=f"/transactions/{shipment.provider_ref}", delay_s=0.5, times=None)
    with pytest.raises(UpstreamUnavailable) as caught:
        route.status(push_request(), shipment.provider_ref)
    assert "not answering in time" in caught.value.message and caught.value.retry_after_s > 0
    assert len(carrier.slept) == 2
