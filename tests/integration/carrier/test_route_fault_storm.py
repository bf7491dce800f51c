"""Packages pushed while the carrier misbehaves at random, retried as the worker retries: every
package ends labelled, and the sandbox sold exactly one label per package."""
from __future__ import annotations

import random

import pytest

from application.ports.fulfillment import ShipmentStatus
from domain.errors import UpstreamUnavailable
from tests.integration.carrier.route_world import own_route, push_request

FAULTS = [{"kind": "status", "status": 429, "retry_after_s": 0}, {"kind": "status", "status": 503},
          {"kind": "status", "status": 500, "effect": True}, {"kind": "delay", "delay_s": 0.4},
          {"kind": "malformed"}, {"kind": "drop"}, {"kind": "unknown_status", "value": "PRINTING"}]
CALLS = [("POST", "/shipments"), ("POST", "/transactions"), ("GET", "/transactions")]
MAX_ATTEMPTS = 12


def _storm(carrier, packages: int, seed: int) -> None:
    rng = random.Random(seed)
    carrier.control("time-to-track", {"polls": 1})
    route = own_route(carrier, timeout_s=0.3, max_retries=1)
    for n in range(packages):
        for _ in range(rng.randint(1, 3)):
            method, path = rng.choice(CALLS)
            carrier.control("faults", {**rng.choice(FAULTS), "method": method, "path": path,
                                       "after_calls": rng.randint(0, 2), "times": rng.randint(1, 3)})
        assert _until_labelled(route, push_request(f"pkg-{n}")).tracking_numbers
        carrier.http.delete("/sandbox/faults")
    assert [carrier.labels_bought(f"erp-pkg-{n}") for n in range(packages)] == [1] * packages


def _until_labelled(route, request):
    """What the push worker does: push (first try, or again after an error), then poll."""
    shipment = None
    for _ in range(MAX_ATTEMPTS):
        try:
            shipment = route.push(request) if shipment is None else route.status(request, shipment.provider_ref)
        except UpstreamUnavailable:
            continue
        if shipment.status is ShipmentStatus.LABELLED:
            return shipment
    raise AssertionError(f"{request.reference} not labelled after {MAX_ATTEMPTS} attempts: {shipment}")


def test_a_few_packages_through_random_carrier_faults_get_one_label_each(carrier):
    _storm(carrier, packages=4, seed=10)


@pytest.mark.soak
def test_many_packages_through_random_carrier_faults_get_one_label_each(carrier):
    _storm(carrier, packages=60, seed=20)
