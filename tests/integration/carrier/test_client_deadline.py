"""Under a request's deadline (a gRPC caller waiting, ``adapters.deadline``) the carrier client
gives up when the caller does: no attempt outlives it, no retry starts after it. Without one (the
workers) the client keeps to its own timeouts."""
from __future__ import annotations

import time

import pytest

from adapters import deadline
from domain.errors import UpstreamUnavailable
from tests.integration.carrier.test_client_faults import _fault

SLOW_S = 3.0


def test_a_slow_carrier_is_given_up_when_the_callers_deadline_passes_not_when_it_answers(carrier):
    _fault(carrier, "delay", path="/carrier_accounts", method="GET", delay_s=SLOW_S, times=None)
    began = time.monotonic()
    with deadline.within(0.5), pytest.raises(UpstreamUnavailable):
        carrier.client(timeout_s=15, deadline_s=60).list_services()
    assert time.monotonic() - began < SLOW_S, "the client waited for the carrier after its caller gave up"
    assert carrier.store.faults.all()[0].seen == 1, "an attempt was sent after the caller's deadline"


def test_without_a_deadline_the_same_slow_carrier_is_waited_for(carrier):
    _fault(carrier, "delay", path="/carrier_accounts", method="GET", delay_s=1.0, times=1)
    assert carrier.client(timeout_s=15).list_services()


def test_a_retry_after_longer_than_the_time_left_is_not_waited(carrier):
    _fault(carrier, "status", path="/carrier_accounts", method="GET", status=429, retry_after_s=2, times=None)
    with deadline.within(1.0), pytest.raises(UpstreamUnavailable, match="rate limiting"):
        carrier.client(deadline_s=60).list_services()
    assert carrier.slept == []
