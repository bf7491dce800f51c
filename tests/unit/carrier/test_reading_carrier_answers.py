"""The carrier client reads answers leniently and words the carrier's errors plainly."""
from __future__ import annotations

from decimal import Decimal

import httpx

from adapters.carrier import wire
from adapters.carrier.errors import plain_words
from adapters.carrier.transport import read, retry_after
from adapters.carrier.values import LabelStatus, VoidStatus


def test_status_is_read_case_insensitively_and_unknown_fields_are_ignored():
    label = wire.label({"object_id": "t1", "status": "success", "tracking_number": "9400", "label_url": "http://x",
                        "metadata": "pkg-1", "rate": "r1", "brand_new_field": {"x": 1}})
    assert (label.status, label.tracking_number, label.reference, label.rate_id) == (LabelStatus.READY, "9400",
                                                                                     "pkg-1", "r1")


def test_a_success_without_tracking_number_or_document_is_still_pending():
    assert wire.label({"object_id": "t1", "status": "SUCCESS", "label_url": "http://x"}).status is LabelStatus.PENDING


def test_a_rate_given_as_an_object_and_wrongly_typed_fields_read_as_absent():
    label = wire.label({"object_id": "t1", "status": "QUEUED", "rate": {"object_id": "r9"}, "tracking_number": 12})
    assert (label.rate_id, label.tracking_number, label.status) == ("r9", "", LabelStatus.PENDING)
    rate = wire.rate({"object_id": "r1", "amount": "5.50", "estimated_days": "two", "servicelevel": None})
    assert (rate.amount, rate.estimated_days, rate.service_token) == (Decimal("5.50"), None, "")


def test_refund_statuses_map_to_void_results():
    assert wire.void({"transaction": "t1", "status": "pending"}).status is VoidStatus.PENDING
    assert wire.void({"transaction": "t1", "status": "ERROR"}).status is VoidStatus.REJECTED
    assert wire.void({"transaction": "t1", "status": "LOST"}).status is VoidStatus.UNKNOWN


def test_field_errors_are_flattened_to_field_paths():
    body = {"address_to": {"zip": ["This field is required."]}, "parcels": [{}, {"mass_unit": ['"st" is bad.']}],
            "__all__": ["Shipments need two addresses."]}
    assert plain_words(body) == ('address_to.zip: This field is required.; parcels[1].mass_unit: "st" is bad.; '
                                 "Shipments need two addresses.")
    assert plain_words({"detail": "Invalid token."}) == "Invalid token."


def test_retry_after_in_seconds_is_honoured_and_nonsense_is_ignored():
    assert (retry_after("7"), retry_after("soon"), retry_after(None), retry_after("-1")) == (7.0, None, None, None)
    assert retry_after("86400") == 300.0  # a runaway header cannot park a worker for a day


def test_a_2xx_with_an_html_body_is_an_ambiguous_transient_failure():
    outcome = read(httpx.Response(200, content=b"<html>gateway</html>"), "POST /transactions/")
    assert not outcome.ok and outcome.retryable and outcome.ambiguous
