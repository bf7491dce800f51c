"""The HTTP control API under /sandbox/: drive a sandbox running in another process."""
from .conftest import APP_KEY
from sandboxes.temu.seed import DEMO_SKU_ORDERS


def post(world, path, **body):
    return world.control.post(f"/sandbox/{path}", json=body)


def test_an_order_walks_temus_state_machine_through_the_control_api(world):
    sn = post(world, "orders", mall_id=world.mall, region_id=211, status=1).json()["parent_order_sn"]

    statuses = [post(world, "orders/advance", parent_order_sn=sn).json()["status"] for _ in range(3)]

    assert statuses == [2, 4, 5]
    response = post(world, "orders/advance", parent_order_sn=sn)
    assert response.status_code == 400
    assert "DELIVERED (5)" in response.json()["error"]


def test_an_illegal_jump_is_refused_and_names_the_allowed_moves(world):
    sn = post(world, "orders", mall_id=world.mall, region_id=211, status=1).json()["parent_order_sn"]

    response = post(world, "orders/advance", parent_order_sn=sn, to_status=5)

    assert response.status_code == 400
    assert "UN_SHIPPING (2), CANCELED (3)" in response.json()["error"]


def test_cancelling_marks_every_line_cancelled_and_moves_update_time(world):
    now = world.registry.clock.now()
    sn = world.registry.create_order(world.mall, 211, status=2, lines=2, quantity=2,
                                     created_at=now - 100, updated_at=now - 50)

    assert post(world, "orders/cancel", parent_order_sn=sn).status_code == 200

    order = world.control.get("/sandbox/orders", params={"mall_id": world.mall}).json()["orders"][0]
    assert order["parentOrderStatus"] == 3 and order["updateTime"] >= now
    assert [(l["orderStatus"], l["quantity"], l["canceledQuantityBeforeShipment"])
            for l in order["orderList"]] == [(3, 0, 2), (3, 0, 2)]


def test_a_shipped_order_can_no_longer_be_cancelled(world):
    sn = world.registry.create_order(world.mall, 211, status=4)

    response = post(world, "orders/cancel", parent_order_sn=sn)

    assert response.status_code == 400 and "SHIPPED (4)" in response.json()["error"]


def test_a_partial_cancel_before_shipment_reduces_the_quantity_to_ship(world):
    sn = world.registry.create_order(world.mall, 211, status=2, quantity=3)

    post(world, "orders/partial-cancel", parent_order_sn=sn, quantity=2)

    line = world.registry.orders(world.mall)[0]["orderList"][0]
    assert (line["quantity"], line["originalOrderQuantity"], line["canceledQuantityBeforeShipment"],
            line["orderStatus"]) == (1, 3, 2, 2)


def test_cancelling_during_pending_is_flagged_on_the_lines(world):
    sn = world.registry.create_order(world.mall, 211, status=1)

    world.registry.cancel_order(sn)

    assert world.registry.orders(world.mall)[0]["orderList"][0]["isCancelledDuringPending"] is True


def test_apps_malls_and_tokens_can_be_set_up_over_http(world):
    assert post(world, "apps", app_key="http-app", app_secret="s3cret", qps=5).status_code == 200
    mall = post(world, "malls", mall_type=100, name="Local via HTTP").json()["mall_id"]
    token = post(world, "tokens", mall_id=mall, gateway="us", region_id=211, kind="local",
                 app_key="http-app", expired_time=None).json()["token"]

    assert world.registry.tokens.get(token).expired_time is None
    assert post(world, "tokens/revoke", token=token).json()["state"] == "revoked"


def test_generated_orders_follow_the_requested_status_mix(world):
    response = post(world, "orders/generate", mall_id=world.mall, region_id=211, count=40,
                    mix={"4": 1.0}, seed=9)

    orders = world.registry.orders(world.mall)
    assert response.json()["count"] == 40
    assert {o["parentOrderStatus"] for o in orders} == {4}
    assert all(o["parentOrderTime"] <= o["parentShippingTime"] <= o["updateTime"] for o in orders)


def test_the_same_seed_generates_the_same_orders(world):
    first = world.registry.generate_orders(world.mall, 211, 20, seed=7)
    world.registry.reset()
    world.registry.add_mall(1, mall_id=world.mall)

    assert world.registry.generate_orders(world.mall, 211, 20, seed=7) == first


def test_bad_control_input_is_a_400_that_says_what_to_fix(world):
    cases = {
        "malls": ({"mall_type": 7}, "mall_type must be 1"),
        "orders": ({"mall_id": world.mall}, "region_id is required"),
        "tokens": ({"mall_id": world.mall, "gateway": "us", "region_id": 210, "kind": "order",
                    "app_key": APP_KEY}, "belongs on the 'eu' gateway"),
        "orders/advance": ({"parent_order_sn": "PO-nope"}, "Unknown order"),
        "clock/advance": ({"seconds": "soon"}, "seconds must be a number"),
    }
    for path, (body, hint) in cases.items():
        response = post(world, path, **body)
        assert response.status_code == 400 and hint in response.json()["error"], path


def test_a_control_body_that_is_not_json_is_a_400(world):
    response = world.control.post("/sandbox/malls", content=b"mall_type=1")

    assert response.status_code == 400 and "JSON" in response.json()["error"]


def test_an_unknown_control_endpoint_is_a_404_pointing_at_the_index(world):
    response = world.control.post("/sandbox/teleport", json={})

    assert response.status_code == 404 and "GET /sandbox" in response.json()["error"]
    assert "POST /sandbox/orders/advance" in world.control.get("/sandbox").json()["endpoints"]


def test_the_clock_can_be_advanced_over_http(world):
    before = world.registry.clock.now()

    now = post(world, "clock/advance", seconds=3600).json()["now"]

    assert before + 3600 <= now <= before + 3602
    assert world.control.get("/sandbox/clock").json()["offset"] == 3600


def test_reset_over_http_can_reseed_the_demo_world(world):
    seed = post(world, "reset", seed="demo").json()["seed"]

    assert seed["app_key"] == "demo-app-key" and seed["us_order_token"]
    assert world.registry.apps.keys() == {"demo-app-key"}
    assert world.control.get("/sandbox/orders", params={"region_id": 210}).json()["count"] == 200 + DEMO_SKU_ORDERS
