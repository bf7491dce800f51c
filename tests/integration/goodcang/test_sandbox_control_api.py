"""The control API drives a sandbox from another process: set-up, counts, forced statuses, faults."""
from __future__ import annotations

import httpx

from sandboxes.goodcang import GoodcangSandbox
from tests.integration.goodcang.conftest import order_body


def test_an_account_set_up_over_the_control_api_can_push_an_order_counted_by_reference() -> None:
    with GoodcangSandbox() as sandbox, httpx.Client(base_url=sandbox.root_url) as control, \
            httpx.Client(base_url=sandbox.base_url + "/", headers={"app-key": "k", "app-token": "t"}) as api:
        for path, body in [("/sandbox/accounts", {"app_key": "k", "app_token": "t", "customer_code": "G7"}),
                           ("/sandbox/warehouses", {"warehouse_code": "UK", "country_code": "GB"}),
                           ("/sandbox/shipping-methods", {"code": "TRACKED_NS", "warehouse_code": "UK"}),
                           ("/sandbox/stock", {"app_key": "k", "warehouse_code": "UK", "product_sku": "MUG",
                                               "sellable": 3})]:
            assert control.post(path, json=body).status_code == 200, path
        body = order_body(warehouse_code="UK", shipping_method="TRACKED_NS", country_code="GB",
                          items=[{"product_sku": "MUG", "quantity": 3}])
        code = api.post("order/create_order", json=body).json()["order_code"]
        assert code.startswith("G7-")
        assert control.get("/sandbox/references", params={"reference_no": "PKG-0001"}).json()["created"] == 1
        assert control.post("/sandbox/orders/status", json={"order_code": code, "status": "P"}).status_code == 200
        order = api.post("order/get_order_by_code", json={"order_code": code}).json()["data"]
        assert order["order_status"] == "P"
        api.post("order/create_order", json={})  # refused: counted apart
        counts = control.get("/sandbox/calls/counts", params={"path": "order/create_order"}).json()["counts"]
        assert counts == [{"path": "order/create_order", "outcome": "200 Failure", "count": 1},
                          {"path": "order/create_order", "outcome": "200 Success", "count": 1}]
        everything = control.get("/sandbox/calls/counts").json()["counts"]
        assert sum(c["count"] for c in everything) == len(control.get("/sandbox/calls").json()["calls"]) == 3


def test_a_fault_injected_over_the_control_api_fires_then_clears(control: httpx.Client, api: httpx.Client) -> None:
    fault = {"kind": "refuse", "path": "base_data/get_warehouse", "code": 10103086, "message": "没有数据", "times": 1}
    assert control.post("/sandbox/faults", json=fault).status_code == 200
    assert api.post("base_data/get_warehouse", json={}).json()["Error"]["errCode"] == 10103086
    assert api.post("base_data/get_warehouse", json={}).json()["ask"] == "Success"
    assert control.get("/sandbox").json()["faults"][0]["fired"] == 1


def test_bad_control_input_says_what_to_fix(control: httpx.Client) -> None:
    answer = control.post("/sandbox/faults", json={"kind": "explode"})
    assert answer.status_code == 400 and "kind must be one of" in answer.json()["error"]
    assert control.post("/sandbox/stock", json={"app_key": "nobody"}).status_code == 400
    assert control.get("/sandbox/nothing").status_code == 404


def test_the_clock_moves_orders_and_a_reset_with_the_demo_seed_starts_over(control: httpx.Client,
                                                                           api: httpx.Client) -> None:
    code = api.post("order/create_order", json=order_body()).json()["order_code"]
    control.post("/sandbox/clock/advance", json={"seconds": 3600})
    [order] = control.get("/sandbox/orders", params={"reference_no": "PKG-0001"}).json()["orders"]
    assert order["order_status"] == "D"
    assert control.post("/sandbox/reset", json={"seed": "demo"}).json()["seed"]["warehouses"] == ["USEA", "USWE"]
    assert api.post("order/get_order_by_code", json={"order_code": code}).json()["ask"] == "Failure"
