"""Provider faults: rate limits honoured, 5xx retried, lost answers adopted, exactly one order per
reference, broken bodies and unknown statuses survived, refusals in Goodcang's words."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from adapters.threepl.goodcang import GoodcangClient
from adapters.threepl.goodcang_config import GoodcangConfig
from adapters.threepl.goodcang_values import OutboundStatus
from domain.errors import UpstreamRejected, UpstreamUnavailable
from sandboxes.goodcang import DEMO_APP_KEY, GoodcangSandbox
from tests.integration.goodcang.conftest import outbound

CREATE = "order/create_order"


def outcomes(sandbox: GoodcangSandbox, path: str) -> list[str]:
    return [call.outcome for call in sandbox.registry.calls(path)]


def test_a_rate_limited_call_waits_and_succeeds(client: GoodcangClient, sandbox: GoodcangSandbox) -> None:
    sandbox.registry.inject_fault("rate_limit", path="base_data/get_warehouse", times=1)
    assert len(client.warehouses()) == 2
    assert outcomes(sandbox, "base_data/get_warehouse") == ["429 Failure", "200 Success"]


def test_threads_calling_for_one_account_share_its_rate_and_are_not_refused(sandbox: GoodcangSandbox) -> None:
    sandbox.registry.add_account(DEMO_APP_KEY, "demo-goodcang-token", qps=20)
    config = GoodcangConfig(DEMO_APP_KEY, "demo-goodcang-token", base_url=sandbox.base_url, qps=20)

    def calls(_: int) -> None:
        client = GoodcangClient(config)  # a client per package, as the route connects
        for _ in range(10):
            client.warehouses()
        client.close()
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(calls, range(4)))
    answered = outcomes(sandbox, "base_data/get_warehouse")
    assert answered.count("200 Success") == 40
    assert answered.count("429 Failure") <= 2  # scheduling may bunch a paced call or two


def test_a_server_error_is_retried(client: GoodcangClient, sandbox: GoodcangSandbox) -> None:
    sandbox.registry.inject_fault("server_error", path="inventory/get_product_inventory", times=2, status=503)
    assert client.inventory(["DEMO-MUG-01"], "USEA")[0].sellable == 500


def test_a_create_refused_with_a_server_error_creates_exactly_one_order(client: GoodcangClient,
                                                                       sandbox: GoodcangSandbox) -> None:
    sandbox.registry.inject_fault("server_error", path=CREATE, times=1)
    ack = client.create_outbound(outbound("PKG-10"))
    assert not ack.adopted and sandbox.registry.created_count("PKG-10") == 1


def test_an_answer_lost_after_the_order_was_created_adopts_that_order(client: GoodcangClient,
                                                                      sandbox: GoodcangSandbox) -> None:
    sandbox.registry.inject_fault("lose_response", path=CREATE, times=1, seconds=3)
    ack = client.create_outbound(outbound("PKG-11"))
    assert ack.adopted
    assert sandbox.registry.created_count("PKG-11") == 1
    assert [o["order_code"] for o in sandbox.registry.orders("PKG-11")] == [ack.order_code]


def test_a_malformed_answer_to_a_create_adopts_the_order_it_created(client: GoodcangClient,
                                                                    sandbox: GoodcangSandbox) -> None:
    sandbox.registry.inject_fault("malformed", path=CREATE, times=1)
    ack = client.create_outbound(outbound("PKG-12"))
    assert ack.adopted and sandbox.registry.created_count("PKG-12") == 1


def test_pushing_a_reference_again_adopts_the_existing_order(client: GoodcangClient,
                                                             sandbox: GoodcangSandbox) -> None:
    first = client.create_outbound(outbound("PKG-13"))
    again = client.create_outbound(outbound("PKG-13"))
    assert (again.order_code, again.adopted) == (first.order_code, True)
    assert outcomes(sandbox, CREATE) == ["200 Success", "200 Failure"]
    assert sandbox.registry.created_count("PKG-13") == 1


def test_answers_that_stay_broken_end_in_a_clear_unavailable_error(client: GoodcangClient,
                                                                   sandbox: GoodcangSandbox) -> None:
    sandbox.registry.inject_fault("malformed", path="base_data/get_warehouse")
    with pytest.raises(UpstreamUnavailable) as unavailable:
        client.warehouses()
    assert "not JSON" in unavailable.value.message and unavailable.value.retry_after_s >= 1
    assert len(sandbox.registry.calls("base_data/get_warehouse")) == 4  # the first try and max_retries=3


def test_a_status_letter_goodcang_never_documented_is_kept_as_unknown(client: GoodcangClient,
                                                                      sandbox: GoodcangSandbox) -> None:
    ack = client.create_outbound(outbound("PKG-14"))
    sandbox.registry.force_status(ack.order_code, "z")
    order = client.get_outbound(ack.order_code)
    assert order is not None and (order.status, order.raw_status) == (OutboundStatus.UNKNOWN, "Z")


def test_an_exception_status_is_read_as_exception(client: GoodcangClient, sandbox: GoodcangSandbox) -> None:
    ack = client.create_outbound(outbound("PKG-15"))
    sandbox.registry.force_status(ack.order_code, "N")
    assert client.get_outbound(ack.order_code).status is OutboundStatus.EXCEPTION


def test_a_business_refusal_reaches_the_user_in_goodcangs_words(client: GoodcangClient) -> None:
    with pytest.raises(UpstreamRejected) as refused:
        client.create_outbound(outbound("PKG-16", ("DEMO-RUG-03", 99)))
    assert "DEMO-RUG-03" in refused.value.message and "库存不足" in refused.value.message
    assert refused.value.details["goodcang_error_code"] == "10103003"


def test_wrong_credentials_are_rejected_with_what_to_fix(sandbox: GoodcangSandbox) -> None:
    client = GoodcangClient(GoodcangConfig(DEMO_APP_KEY, "not-the-token", base_url=sandbox.base_url))
    with pytest.raises(UpstreamRejected) as refused:
        client.warehouses()
    client.close()
    assert refused.value.reason == "GOODCANG_CREDENTIALS_REJECTED" and "app-token" in refused.value.message


def test_retries_stop_at_the_deadline(sandbox: GoodcangSandbox) -> None:
    sandbox.registry.inject_fault("rate_limit")
    config = GoodcangConfig(DEMO_APP_KEY, "demo-goodcang-token", base_url=sandbox.base_url, deadline_s=0.5)
    client = GoodcangClient(config)
    with pytest.raises(UpstreamUnavailable) as unavailable:
        client.warehouses()
    client.close()
    assert "throttling" in unavailable.value.message
    assert len(sandbox.registry.calls()) == 1  # Retry-After (1 s) would pass the deadline


def test_a_cancel_whose_answer_was_lost_is_reported_cancelled_on_retry(client: GoodcangClient,
                                                                       sandbox: GoodcangSandbox) -> None:
    ack = client.create_outbound(outbound("PKG-17"))
    sandbox.registry.inject_fault("lose_response", path="order/cancel_order", times=1, seconds=3)
    result = client.cancel_outbound(ack.order_code, "buyer cancelled")
    assert result.cancelled and "订单已废弃" in result.message


def test_workers_pushing_one_reference_at_once_end_with_one_order(client: GoodcangClient,
                                                                  sandbox: GoodcangSandbox) -> None:
    with ThreadPoolExecutor(max_workers=4) as pool:
        acks = list(pool.map(lambda _: client.create_outbound(outbound("PKG-18")), range(4)))
    assert len({ack.order_code for ack in acks}) == 1
    assert sum(not ack.adopted for ack in acks) == 1
    assert sandbox.registry.created_count("PKG-18") == 1
