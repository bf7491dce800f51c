"""Authentication, rate limit, and the rules of the look-up, cancel, stock and tracking calls."""
from __future__ import annotations

import httpx
import pytest

from sandboxes.goodcang import DEMO_APP_KEY, GoodcangSandbox
from tests.integration.goodcang.conftest import order_body, refusal


@pytest.mark.parametrize("headers", [{}, {"app-key": DEMO_APP_KEY}, {"app-key": DEMO_APP_KEY, "app-token": "wrong"},
                                     {"app-key": "nobody", "app-token": "x"}],
                         ids=["no headers", "no token", "wrong token", "unknown key"])
def test_a_call_without_the_accounts_app_key_and_app_token_is_refused(sandbox: GoodcangSandbox,
                                                                      headers: dict[str, str]) -> None:
    answer = httpx.post(f"{sandbox.base_url}/base_data/get_warehouse", json={}, headers=headers)
    assert "app-token" in refusal(answer)


def test_calls_beyond_the_accounts_rate_are_answered_429_with_retry_after(sandbox: GoodcangSandbox,
                                                                          api: httpx.Client) -> None:
    sandbox.registry.accounts[DEMO_APP_KEY].qps = 2
    answers = [api.post("base_data/get_warehouse", json={}) for _ in range(3)]
    assert [a.status_code for a in answers] == [200, 200, 429]
    assert answers[2].headers["Retry-After"] == "1" and answers[2].json()["ask"] == "Failure"


def test_an_api_goodcang_does_not_have_is_not_found(api: httpx.Client) -> None:
    assert api.post("order/no_such_api", json={}).status_code == 404


@pytest.mark.parametrize("api_path,body,field", [
    ("order/get_order_by_code", {}, "order_code"),
    ("order/get_order_by_code", {"order_code": "G" * 51}, "order_code"),
    ("order/get_order_by_ref_code", {}, "reference_no"),
    ("order/get_order_by_ref_code", {"reference_no": "R" * 51}, "reference_no"),
    ("order/cancel_order", {}, "order_code"),
    ("base_data/get_shipping_method", {"warehouseCode": "W" * 33}, "warehouseCode"),
    ("inventory/get_product_inventory", {"page": 1}, "pageSize"),
    ("inventory/get_product_inventory", {"page": 1, "pageSize": 201}, "pageSize"),
    ("inventory/get_product_inventory", {"page": 0, "pageSize": 10}, "page"),
    ("inventory/get_product_inventory", {"page": 1, "pageSize": 10, "product_sku_arr": ["S"] * 201},
     "product_sku_arr"),
    ("inventory/get_product_inventory", {"page": 1, "pageSize": 10, "product_sku": "S" * 25}, "product_sku"),
], ids=lambda value: value if isinstance(value, str) else None)
def test_a_look_up_breaking_its_documented_request_is_refused(api: httpx.Client, api_path: str, body: dict,
                                                              field: str) -> None:
    assert field in refusal(api.post(api_path, json=body))


def test_an_order_code_or_reference_nobody_holds_is_no_data(api: httpx.Client) -> None:
    assert api.post("order/get_order_by_code", json={"order_code": "G100-000000-0001"}).json()["Error"]["errCode"] \
        == 10103086
    assert "没有数据" in refusal(api.post("order/get_order_by_ref_code", json={"reference_no": "nobody"}))


@pytest.mark.parametrize("body,field", [({"code_type": "order_code"}, "value_list"),
                                        ({"value_list": ["x"] * 51, "code_type": "order_code"}, "value_list"),
                                        ({"value_list": [], "code_type": "order_code"}, "value_list"),
                                        ({"value_list": ["x" * 51], "code_type": "order_code"}, "value_list"),
                                        ({"value_list": ["x"]}, "code_type"),
                                        ({"value_list": ["x"], "code_type": "sku"}, "code_type")])
def test_a_tracking_query_breaking_its_request_is_refused_with_a_nonzero_code(api: httpx.Client, body: dict,
                                                                              field: str) -> None:
    envelope = api.post("order/batch_query_tracking_status", json=body).json()
    assert envelope["code"] != 0 and field in envelope["message"] and "ask" not in envelope


def test_an_order_that_is_picking_cannot_be_cancelled(api: httpx.Client, sandbox: GoodcangSandbox) -> None:
    code = api.post("order/create_order", json=order_body()).json()["order_code"]
    sandbox.registry.clock.advance(61)
    envelope = api.post("order/cancel_order", json={"order_code": code}).json()
    assert envelope["ask"] == "Failure" and envelope["order_code"] == code and "不允许取消" in envelope["message"]


def test_a_discarded_order_cannot_be_cancelled_again(api: httpx.Client) -> None:
    code = api.post("order/create_order", json=order_body()).json()["order_code"]
    api.post("order/cancel_order", json={"order_code": code})
    envelope = api.post("order/cancel_order", json={"order_code": code}).json()
    assert envelope["message"] == "订单已废弃" and envelope["Error"]["errCode"] == 10103099
