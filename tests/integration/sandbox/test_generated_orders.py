"""Generated orders look like real ones: every time field agrees with the status."""
from sandboxes.temu import SandboxRegistry

LINE_STATUS_OF = {1: {1}, 2: {2, 3}, 3: {3}, 4: {4, 3}, 5: {5, 3}}


def generated(count=600, **kw):
    registry = SandboxRegistry()
    mall = registry.add_mall(1, "Semi shop")
    registry.generate_orders(mall, 211, count, **kw)
    return registry, registry.orders(mall)


def test_each_generated_order_has_times_consistent_with_its_status():
    registry, orders = generated(seed=11)
    now = registry.clock.now()

    for o in orders:
        assert o["parentOrderTime"] <= o["updateTime"] <= now, o["parentOrderSn"]
        assert (o["parentShippingTime"] is not None) == (o["parentOrderStatus"] in (4, 5))
        if o["parentShippingTime"] is not None:
            assert o["parentOrderTime"] <= o["parentShippingTime"] <= o["updateTime"]
        assert {line["orderStatus"] for line in o["orderList"]} <= LINE_STATUS_OF[o["parentOrderStatus"]]


def test_generated_orders_spread_over_the_requested_days_with_the_default_mix():
    registry, orders = generated(days=10, seed=12)
    now = registry.clock.now()
    share = {s: sum(o["parentOrderStatus"] == s for o in orders) / len(orders) for s in range(1, 6)}

    assert all(now - 10 * 86400 <= o["parentOrderTime"] <= now for o in orders)
    assert 0.5 < share[2] < 0.7 and 0.18 < share[4] + share[5] < 0.32
    assert 0.05 < share[3] < 0.15 and 0.01 < share[1] < 0.1


def test_cancelled_orders_have_nothing_left_to_ship():
    _, orders = generated(mix={3: 1.0}, seed=13)

    lines = [line for o in orders for line in o["orderList"]]
    assert all(line["quantity"] == 0 for line in lines)
    assert all(line["canceledQuantityBeforeShipment"] == line["originalOrderQuantity"] for line in lines)


def test_generated_lines_carry_the_sellers_sku_code_in_the_product_list():
    _, orders = generated(count=50, seed=14)

    codes = {line["productList"][0]["extCode"] for o in orders for line in o["orderList"]}
    assert len(codes) > 5 and all(code.count("-") >= 2 for code in codes)
