"""Fault storm on the 3PL route (make soak): packages pushed while Goodcang loses, breaks, throttles
and fails answers at random, each push repeated as a redelivered message would; at the end every
package exists exactly once at Goodcang and every one is shipped with its tracking numbers."""
from __future__ import annotations

import random

import pytest

from application.ports.fulfillment import ShipmentStatus
from domain.errors import UpstreamUnavailable
from tests.fakes_providers import look
from tests.integration.goodcang.conftest import PICK_S, REVIEW_S
from tests.integration.goodcang.test_third_party_route_http import CREATE, push_request, route  # noqa: F401

FAULTS = ({"kind": "lose_response", "seconds": 1.5}, {"kind": "malformed"}, {"kind": "server_error", "status": 502},
          {"kind": "rate_limit"}, None)


@pytest.mark.soak
def test_a_fault_storm_leaves_one_order_per_package_and_every_tracking_number(route, sandbox):  # noqa: F811
    rng = random.Random(11)
    refs: dict[str, str] = {}
    for n in range(40):
        request = push_request(f"soak-{n}")
        for _ in range(3):  # the worker's redeliveries
            fault = rng.choice(FAULTS)
            if fault:
                path = rng.choice((CREATE, "order/get_order_by_ref_code", "inventory/get_product_inventory"))
                sandbox.registry.inject_fault(path=path, times=rng.randint(1, 2), **fault)
            try:
                refs[request.package_id] = route.push(request).provider_ref
            except UpstreamUnavailable:
                continue
            finally:
                sandbox.registry.clear_faults()
        refs.setdefault(request.package_id, route.push(request).provider_ref)
    sandbox.registry.clock.advance(REVIEW_S + PICK_S + 1)
    for package_id, code in refs.items():
        assert sandbox.registry.created_count(f"ERP-{package_id}") == 1
        shipped = look(route, push_request(package_id), code)
        assert shipped.status is ShipmentStatus.SHIPPED and len(shipped.tracking_numbers) == 2
