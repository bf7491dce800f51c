"""Provider faults: throttling, expired tokens, lost responses, 5xx, malformed bodies, unknown
statuses. No crash, no duplicate order, and Amazon's reason reaches the caller."""
from __future__ import annotations

import threading

import pytest

from adapters.fba.values import FbaStatus
from domain.errors import TokenRevoked, UpstreamRejected, UpstreamUnavailable
from tests.integration.fba.conftest import package


def test_throttled_calls_back_off_and_succeed(fba):
    client = fba.client()
    client.create_order(package("PKG-1"))
    fba.control("faults", kind="throttle", operation="getFulfillmentOrder", times=2)
    assert client.get_order("ERP-PKG-1").status is FbaStatus.RECEIVED
    assert fba.registry.calls[("getFulfillmentOrder", 429)] == 2


def test_the_documented_usage_plan_is_kept_so_amazon_never_throttles(fba):
    fba.registry.set_stock("SKU-1", 3)
    client = fba.client()
    for _ in range(6):  # rate 2 per second, burst 2: four of these must wait for the bucket
        client.stock(["SKU-1"])
    assert fba.registry.calls[("getInventorySummaries", 200)] == 6
    assert fba.registry.calls[("getInventorySummaries", 429)] == 0


def test_an_access_token_expired_mid_run_is_refreshed_once(fba):
    client = fba.client()
    client.create_order(package("PKG-1"))
    fba.control("tokens/expire")
    assert client.get_order("ERP-PKG-1").seller_fulfillment_order_id == "ERP-PKG-1"
    assert fba.registry.lwa.exchanges == 2
    assert fba.registry.calls[("getFulfillmentOrder", 403)] == 1


def test_threads_meeting_an_expired_token_share_one_refresh(fba):
    client = fba.client()
    client.create_order(package("PKG-1"))
    fba.control("tokens/expire")
    failures: list[BaseException] = []

    def read() -> None:
        try:
            client.get_order("ERP-PKG-1")
        except BaseException as error:  # collected: an exception in a thread must fail the test
            failures.append(error)

    threads = [threading.Thread(target=read) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == [] and fba.registry.lwa.exchanges == 2


def test_a_lost_response_to_a_create_is_adopted_not_resent(fba):
    fba.control("faults", kind="lose", operation="createFulfillmentOrder", seconds=3)
    order = fba.client(timeout_s=0.5).create_order(package("PKG-1"))
    assert order.seller_fulfillment_order_id == "ERP-PKG-1"
    assert fba.counts() == {"ERP-PKG-1": {"created": 1, "duplicates": 0}}


@pytest.mark.parametrize("fault", [{"kind": "refuse", "status": 503, "code": "ServiceUnavailable"},
                                   {"kind": "malformed"}])
def test_a_create_that_failed_unseen_is_looked_up_then_sent_once_more(fba, fault):
    fba.control("faults", operation="createFulfillmentOrder", **fault)
    assert fba.client().create_order(package("PKG-1")).status is FbaStatus.NEW  # sent again: Amazon took it
    assert fba.counts() == {"ERP-PKG-1": {"created": 1, "duplicates": 0}}
    assert fba.registry.calls[("getFulfillmentOrder", 404)] == 1


def test_server_errors_on_reads_are_retried(fba):
    client = fba.client()
    client.create_order(package("PKG-1"))
    fba.control("faults", kind="refuse", operation="getFulfillmentOrder", status=500, times=2)
    assert client.get_order("ERP-PKG-1").status is FbaStatus.RECEIVED


def test_a_body_that_stays_malformed_ends_in_a_clear_error(fba):
    client = fba.client(max_retries=1)
    client.create_order(package("PKG-1"))
    fba.control("faults", kind="malformed", operation="getFulfillmentOrder", times=None)
    with pytest.raises(UpstreamUnavailable, match="getFulfillmentOrder .*not the SP-API's JSON"):
        client.get_order("ERP-PKG-1")


@pytest.mark.parametrize("raw, expected", [("OnHoldForReview", FbaStatus.UNKNOWN), ("COMPLETE", FbaStatus.COMPLETE),
                                           ("complete_partialled", FbaStatus.COMPLETE_PARTIALLED)])
def test_status_values_are_read_in_any_case_and_unknown_ones_do_not_crash(fba, raw, expected):
    client = fba.client()
    client.create_order(package("PKG-1"))
    fba.control("orders/status", seller_fulfillment_order_id="ERP-PKG-1", status=raw)
    order = client.get_order("ERP-PKG-1")
    assert order.status is expected and order.raw_status == raw


def test_amazons_refusal_reaches_the_caller_in_its_words(fba):
    fba.control("faults", kind="refuse", operation="createFulfillmentOrder", status=400, code="InvalidInput",
                message="The SellerSKU for Item Id: L1 is invalid.")
    with pytest.raises(UpstreamRejected, match="SellerSKU for Item Id: L1 is invalid"):
        fba.client().create_order(package("PKG-1"))
    assert fba.counts() == {}


def test_a_revoked_refresh_token_asks_for_reauthorization_before_any_sp_api_call(fba):
    fba.refresh_token = "Atzr|revoked"
    with pytest.raises(TokenRevoked, match="authorize the Amazon seller account again"):
        fba.client().create_order(package("PKG-1"))
    assert sum(fba.registry.calls.values()) == 0


def test_the_rate_amazon_reports_for_the_seller_replaces_the_default(fba):
    fba.control("usage-plans", operation="getInventorySummaries", rate=1, burst=2)
    client = fba.client()
    for _ in range(4):  # at the default rate of 2 the last two would be throttled
        client.stock(["SKU-1"])
    assert fba.registry.calls[("getInventorySummaries", 429)] == 0


def test_a_read_that_times_out_is_retried(fba):
    client = fba.client(timeout_s=0.5)
    client.create_order(package("PKG-1"))
    fba.control("faults", kind="delay", operation="getFulfillmentOrder", seconds=2)
    assert client.get_order("ERP-PKG-1").status is FbaStatus.RECEIVED
    # the answer that came too late, the retry (no read follows the create)
    assert fba.registry.calls[("getFulfillmentOrder", 200)] == 2
