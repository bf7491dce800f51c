"""The sandbox refuses every create_order that Goodcang's field table refuses, in Goodcang's shape."""
from __future__ import annotations

import httpx
import pytest

from sandboxes.goodcang import GoodcangSandbox
from tests.integration.goodcang.conftest import order_body, refusal

REQUIRED = ["shipping_method", "warehouse_code", "country_code", "province", "city", "zipcode", "name", "items"]
MAX_LENGTHS = {"reference_no": 50, "platform": 20, "shipping_method": 32, "warehouse_code": 32, "country_code": 2,
               "province": 20, "city": 32, "company": 50, "address1": 50, "address2": 50, "zipcode": 20,
               "doorplate": 20, "name": 48, "last_name": 48, "cell_phone": 8, "phone": 20, "email": 100,
               "order_desc": 500}
ENUMERATIONS = {"verify": 2, "is_signature": 2, "is_insurance": 2, "LiftGate": 2, "age_detection": 17,
                "customer_package_requirement": 5, "is_shipping_method_not_allow_update": 2}
ITEM_RULES = {"sku longer than 24": {"product_sku": "S" * 25, "quantity": 1},
              "no sku": {"quantity": 1},
              "zero quantity": {"product_sku": "DEMO-MUG-01", "quantity": 0},
              "quantity not a number": {"product_sku": "DEMO-MUG-01", "quantity": "one"},
              "transaction_id longer than 50": {"product_sku": "DEMO-MUG-01", "quantity": 1,
                                                "transaction_id": "T" * 51},
              "hs_code of 5 digits": {"product_sku": "DEMO-MUG-01", "quantity": 1, "hs_code": "12345"},
              "declared value with 3 decimals": {"product_sku": "DEMO-MUG-01", "quantity": 1,
                                                 "product_declared_value": "1.001"}}


def create(api: httpx.Client, **overrides: object) -> httpx.Response:
    return api.post("order/create_order", json=order_body(**overrides))


@pytest.mark.parametrize("field", REQUIRED)
def test_a_required_field_left_out_is_refused_naming_it(api: httpx.Client, field: str) -> None:
    assert field in refusal(create(api, **{field: None}))


@pytest.mark.parametrize("field,max_len", MAX_LENGTHS.items())
def test_a_field_one_character_over_its_documented_length_is_refused(api: httpx.Client, field: str,
                                                                      max_len: int) -> None:
    assert field in refusal(create(api, **{field: "A" * (max_len + 1)}))


@pytest.mark.parametrize("field,max_len", MAX_LENGTHS.items())
def test_a_field_at_its_documented_length_is_not_refused_for_its_length(api: httpx.Client, field: str,
                                                                         max_len: int) -> None:
    answer = create(api, **{field: "A" * max_len}).json()
    assert "长度" not in answer["message"], answer


@pytest.mark.parametrize("field,value", ENUMERATIONS.items())
def test_a_value_outside_a_documented_enumeration_is_refused(api: httpx.Client, field: str, value: int) -> None:
    assert field in refusal(create(api, **{field: value}))


@pytest.mark.parametrize("case", ITEM_RULES)
def test_an_item_breaking_the_items_table_is_refused(api: httpx.Client, case: str) -> None:
    assert refusal(create(api, items=[ITEM_RULES[case]]))


def test_an_address_needs_line_one_or_line_two(api: httpx.Client) -> None:
    assert "address1" in refusal(create(api, address1=None))
    assert create(api, address1=None, address2="Suite 4").json()["ask"] == "Success"


def test_an_unknown_country_code_is_refused(api: httpx.Client) -> None:
    assert "country_code" in refusal(create(api, country_code="ZZ"))


def test_a_warehouse_goodcang_does_not_have_is_refused(api: httpx.Client) -> None:
    assert "warehouse_code" in refusal(create(api, warehouse_code="NOWH"))


def test_a_shipping_method_of_another_warehouse_is_refused(api: httpx.Client) -> None:
    assert "USPS-PRIORITY" in refusal(create(api, shipping_method="USPS-PRIORITY"))


def test_an_sku_the_account_does_not_have_is_refused_naming_it(api: httpx.Client) -> None:
    assert "NO-SUCH-SKU" in refusal(create(api, items=[{"product_sku": "NO-SUCH-SKU", "quantity": 1}]))


def test_more_units_than_the_sellable_stock_are_refused(api: httpx.Client) -> None:
    message = refusal(create(api, items=[{"product_sku": "DEMO-RUG-03", "quantity": 41}]))
    assert "DEMO-RUG-03" in message and "40" in message


def test_units_of_one_sku_over_several_lines_count_together_against_stock(api: httpx.Client) -> None:
    lines = [{"product_sku": "DEMO-RUG-03", "quantity": 30}, {"product_sku": "DEMO-RUG-03", "quantity": 11}]
    assert "DEMO-RUG-03" in refusal(create(api, items=lines))


def test_a_reference_already_used_by_a_live_order_is_refused_with_goodcangs_error(
        api: httpx.Client, sandbox: GoodcangSandbox) -> None:
    assert create(api).json()["ask"] == "Success"
    assert "参考号已存在" in refusal(create(api))
    assert sandbox.registry.created_count("PKG-0001") == 1


def test_a_reference_can_be_used_again_once_its_order_is_discarded(api: httpx.Client,
                                                                   sandbox: GoodcangSandbox) -> None:
    first = create(api).json()["order_code"]
    assert api.post("order/cancel_order", json={"order_code": first}).json()["cancel_status"] == 2
    second = create(api).json()
    assert second["ask"] == "Success" and second["order_code"] != first
    assert sandbox.registry.created_count("PKG-0001") == 2


def test_a_body_that_is_not_json_is_refused(api: httpx.Client) -> None:
    answer = api.post("order/create_order", content=b"reference_no=1", headers={"Content-Type": "application/json"})
    assert "JSON" in refusal(answer)
