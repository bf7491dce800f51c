"""Fault storm on the FBA route (make soak): packages pushed while the SP-API sandbox throttles,
loses and breaks answers, fails with 5xx and expires the access token at random, each push
repeated as a redelivered message would; at the end every package exists exactly once at Amazon
and every one is complete with a tracking number per package."""
from __future__ import annotations

import random

import pytest

from application.ports.fulfillment import ShipmentStatus
from domain.errors import UpstreamUnavailable
from tests.fakes_providers import look
from tests.integration.fba.test_fba_route_http import STAGE_S, push_request, route  # noqa: F401

FAULTS = ({"kind": "lose", "seconds": 1}, {"kind": "malformed"}, {"kind": "refuse", "status": 503},
          {"kind": "throttle"}, "expire", None)


@pytest.mark.soak
def test_a_fault_storm_leaves_one_order_per_package_and_every_tracking_number(route, fba):  # noqa: F811
    rng = random.Random(11)
    fba.registry.set_stock("SKU-1", 1000)
    fba.registry.set_stock("SKU-2", 1000)
    for n in range(30):
        request = push_request(f"soak-{n}")
        for _ in range(3):  # the worker's redeliveries
            fault = rng.choice(FAULTS)
            if fault == "expire":
                fba.control("tokens/expire")
            elif fault:
                operation = rng.choice(("createFulfillmentOrder", "getFulfillmentOrder", "getInventorySummaries"))
                fba.control("faults", operation=operation, times=1, **fault)
            try:
                route.push(request)
            except UpstreamUnavailable:
                continue
        route.push(request)
    fba.registry.clock.advance(4 * STAGE_S)
    counts = fba.counts()
    assert len(counts) == 30 and all(c == {"created": 1, "duplicates": 0} for c in counts.values())
    for n in range(30):
        done = look(route, push_request(f"soak-{n}"), f"ERP-erp-soak-{n}")
        assert done.status is ShipmentStatus.SHIPPED and len(done.tracking_numbers) == 2
