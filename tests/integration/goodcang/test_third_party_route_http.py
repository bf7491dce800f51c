"""The 3PL route (``ThirdPartyRoute`` over ``GoodcangGateway``) over real HTTP against the
Goodcang sandbox: accepted → shipped with tracking numbers as the sandbox clock advances; provider
faults end in one order at Goodcang and the provider's reason on the package."""
from __future__ import annotations

from dataclasses import replace
from typing import Iterator

import pytest

from adapters.threepl.gateway import GoodcangGateway
from application.fulfillment.third_party import ThirdPartyRoute
from application.ports.fulfillment import CancelStatus, Look, PushLine, PushRequest, ShipmentStatus
from application.ports.providers import GoodcangCredentials
from domain.errors import UpstreamRejected, UpstreamUnavailable
from domain.warehouse import PostalAddress, WarehouseKind
from sandboxes.goodcang import DEMO_APP_KEY, DEMO_APP_TOKEN, GoodcangSandbox
from tests.fakes_providers import look
from tests.integration.goodcang.conftest import PICK_S, REVIEW_S

CREATE = "order/create_order"
BUYER = PostalAddress("Katiu", "2225 5th Ave", "Miami", "33000", "US", state="FL")


def push_request(package_id: str = "pkg-1", **changes) -> PushRequest:
    request = PushRequest(package_id, f"ERP-{package_id}", WarehouseKind.THIRD_PARTY, "gc-1", None, BUYER,
                          (PushLine("DEMO-MUG-01", 2), PushLine("DEMO-RUG-03", 1)), "FEDEX-SMALLPARCEL",
                          warehouse_code="USEA", displayable_order_id="PO-211-0001")
    return replace(request, **changes)


@pytest.fixture
def route(sandbox: GoodcangSandbox) -> Iterator[ThirdPartyRoute]:
    gateway = GoodcangGateway(timeout_s=1.0, deadline_s=20.0, max_retries=3, backoff_base_s=0.01, qps=1000)
    credentials = GoodcangCredentials(DEMO_APP_KEY, DEMO_APP_TOKEN, base_url=sandbox.base_url)
    yield ThirdPartyRoute(gateway, {"gc-1": credentials}.__getitem__)
    gateway.close()


def test_a_package_goes_accepted_picking_shipped_and_ends_with_a_tracking_number_per_box(route, sandbox):
    pushed = route.push(push_request())
    assert pushed.status is ShipmentStatus.ACCEPTED
    assert sandbox.registry.calls("order/get_order_by_code") == []  # no read right after the create
    batch = Look(push_request(), pushed.provider_ref, whole=False)
    assert route.track([batch]) == {}  # not shipped: the tracking query knows nothing of it yet
    sandbox.registry.clock.advance(REVIEW_S + 1)
    assert look(route, push_request(), pushed.provider_ref).status is ShipmentStatus.PICKING  # a whole look
    sandbox.registry.clock.advance(PICK_S)
    shipped = route.track([batch])[pushed.provider_ref]
    assert shipped.status is ShipmentStatus.SHIPPED
    assert len(shipped.tracking_numbers) == 2 and all(shipped.tracking_numbers)
    assert sandbox.registry.created_count("ERP-pkg-1") == 1
    assert len(sandbox.registry.calls("order/get_order_by_code")) == 1


def test_sixty_packages_are_followed_in_two_tracking_queries(route, sandbox):
    requests = [push_request(f"pkg-{n}", lines=(PushLine("DEMO-MUG-01", 1),)) for n in range(60)]
    looks = [Look(request, route.push(request).provider_ref, whole=False) for request in requests]
    sandbox.registry.clock.advance(REVIEW_S + PICK_S + 1)
    answer = route.track(looks)
    assert len(sandbox.registry.calls("order/batch_query_tracking_status")) == 2  # 50 orders a query
    assert sorted(answer) == sorted(look.provider_ref for look in looks)
    assert all(len(s.tracking_numbers) == 1 for s in answer.values())


def test_pushing_again_adopts_the_order_goodcang_has(route, sandbox):
    first = route.push(push_request())
    assert route.push(push_request()).provider_ref == first.provider_ref
    assert sandbox.registry.created_count("ERP-pkg-1") == 1


@pytest.mark.parametrize("fault", [{"kind": "lose_response", "seconds": 2}, {"kind": "malformed"},
                                   {"kind": "server_error", "status": 503}],
                         ids=["timeout-order-created", "malformed", "5xx"])
def test_a_create_whose_answer_is_lost_broken_or_5xx_ends_with_one_order(route, sandbox, fault):
    sandbox.registry.inject_fault(path=CREATE, times=1, **fault)
    pushed = route.push(push_request(first_attempt=True))
    assert pushed.status is ShipmentStatus.ACCEPTED
    assert sandbox.registry.created_count("ERP-pkg-1") == 1
    assert [o["order_code"] for o in sandbox.registry.orders("ERP-pkg-1")] == [pushed.provider_ref]


def test_a_rate_limited_push_waits_the_documented_second_and_goes_through(route, sandbox):
    sandbox.registry.inject_fault("rate_limit", path="order/get_order_by_ref_code", times=1)
    assert route.push(push_request()).status is ShipmentStatus.ACCEPTED
    outcomes = [c.outcome for c in sandbox.registry.calls("order/get_order_by_ref_code")]
    assert outcomes[:2] == ["429 Failure", "200 Failure"]  # throttled, then "no order holds it"
    assert sandbox.registry.created_count("ERP-pkg-1") == 1


def test_goodcang_staying_down_is_retried_later_and_the_next_push_makes_one_order(route, sandbox):
    sandbox.registry.inject_fault("server_error", path=CREATE, status=503)
    with pytest.raises(UpstreamUnavailable) as down:
        route.push(push_request())
    assert "Goodcang is busy or unreachable" in down.value.message and down.value.retry_after_s >= 1
    sandbox.registry.clear_faults()
    route.push(push_request())
    assert sandbox.registry.created_count("ERP-pkg-1") == 1


def test_a_sku_without_stock_at_the_warehouse_is_refused_before_any_order(route, sandbox):
    with pytest.raises(UpstreamRejected, match="SKU DEMO-NONE needs 1, 3PL warehouse USEA has 0") as refused:
        route.push(push_request(lines=(PushLine("DEMO-MUG-01", 1), PushLine("DEMO-NONE", 1))))
    assert refused.value.reason == "OUT_OF_STOCK" and sandbox.registry.orders() == []


def test_unknown_and_problem_statuses_do_not_crash_and_show_goodcangs_words(route, sandbox):
    code = route.push(push_request()).provider_ref
    sandbox.registry.force_status(code, "z")
    unknown = look(route, push_request(), code)
    assert (unknown.status, unknown.raw_status) == (ShipmentStatus.ACCEPTED, "Z")
    sandbox.registry.force_status(code, "N")
    assert look(route, push_request(), code).status is ShipmentStatus.REFUSED


def test_cancel_before_the_warehouse_picks_and_too_late_after_in_goodcangs_words(route, sandbox):
    early = route.push(push_request("early")).provider_ref
    assert route.cancel(push_request("early"), early).status is CancelStatus.CANCELLED
    late = route.push(push_request("late")).provider_ref
    sandbox.registry.clock.advance(REVIEW_S + 1)
    result = route.cancel(push_request("late"), late)
    assert result.status is CancelStatus.TOO_LATE and "不允许取消" in result.message
