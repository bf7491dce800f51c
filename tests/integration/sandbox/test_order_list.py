"""``bg.order.list.v2.get``: paging, filters, visibility and the shape of each item."""
from .conftest import APP_KEY, error_of

LIST = "bg.order.list.v2.get"
PARENT_FIELDS = {
    "parentOrderSn", "parentOrderStatus", "regionId", "siteId", "parentOrderTime",
    "parentOrderPendingFinishTime", "expectShipLatestTime", "parentShippingTime",
    "latestDeliveryTime", "updateTime", "parentOrderLabel", "fulfillmentWarning",
    "orderPaymentType", "shippingMethod", "hasShippingFee", "batchOrderNumberList"}
LINE_FIELDS = {
    "orderSn", "goodsId", "skuId", "quantity", "originalOrderQuantity",
    "canceledQuantityBeforeShipment", "orderStatus", "fulfillmentType", "goodsName",
    "originalGoodsName", "spec", "originalSpecName", "thumbUrl", "orderLabel",
    "fulfillmentWarning", "orderPaymentType", "isCancelledDuringPending",
    "inventoryDeductionWarehouseId", "inventoryDeductionWarehouseName",
    "earliestTimeBuyShippingLabel", "earliestTimeGetShippingDocument", "productList"}


def sns(result):
    return [item["parentOrderMap"]["parentOrderSn"] for item in result["pageItems"]]


def test_paging_through_every_page_returns_each_order_exactly_once(world):
    world.registry.generate_orders(world.mall, 211, 250, seed=3)

    pages = [world.temu.orders(world.token, pageNumber=n, pageSize=100) for n in (1, 2, 3, 4)]

    assert [p["totalItemNum"] for p in pages] == [250] * 4
    assert [len(p["pageItems"]) for p in pages] == [100, 100, 50, 0]
    seen = [sn for page in pages for sn in sns(page)]
    assert sorted(seen) == sorted(world.registry.order_sns(world.mall, 211))


def test_the_default_page_is_the_first_ten_newest_orders_by_creation(world):
    world.registry.generate_orders(world.mall, 211, 30, seed=4)

    result = world.temu.orders(world.token)
    times = [i["parentOrderMap"]["parentOrderTime"] for i in result["pageItems"]]
    newest = sorted((o["parentOrderTime"] for o in world.registry.orders(world.mall)), reverse=True)

    assert times == newest[:10]


def test_a_page_size_above_100_is_refused_with_a_message(world):
    code, message = error_of(world.temu.call(LIST, world.token, pageSize=101))

    assert code == 3000000 and "pageSize must be at most 100" in message


def test_business_fields_of_the_wrong_json_type_are_bad_params(world):
    for field, value in (("pageSize", "10"), ("pageNumber", 1.0), ("parentOrderStatus", True),
                         ("parentOrderSnList", "PO-211-1"), ("updateAtStart", "1700000000")):
        params = {field: value, "updateAtEnd": 1} if field == "updateAtStart" else {field: value}
        assert error_of(world.temu.call(LIST, world.token, **params))[0] == 3000000, field


def test_update_time_window_is_a_closed_interval(world):
    now = world.registry.clock.now()
    sn_at = {t: world.registry.create_order(world.mall, 211, created_at=now - 900,
                                             updated_at=now - t) for t in (600, 500, 400, 300)}

    result = world.temu.orders(world.token, updateAtStart=now - 500, updateAtEnd=now - 400,
                               sortby="updateTime")

    assert sns(result) == [sn_at[400], sn_at[500]]


def test_a_time_window_sent_without_its_partner_is_refused_as_a_pair(world):
    now = world.registry.clock.now()
    for half in ({"updateAtStart": now}, {"updateAtEnd": now}, {"createAfter": now},
                 {"createBefore": now}):
        code, message = error_of(world.temu.call(LIST, world.token, **half))
        assert code == 3000000 and "must be sent as a pair" in message, half


def test_create_time_window_selects_orders_by_parent_order_time(world):
    now = world.registry.clock.now()
    old = world.registry.create_order(world.mall, 211, created_at=now - 5000)
    new = world.registry.create_order(world.mall, 211, created_at=now - 100)

    result = world.temu.orders(world.token, createAfter=now - 5000, createBefore=now - 1000)

    assert sns(result) == [old] and new not in sns(result)


def test_sorting_by_update_time_puts_the_latest_change_first(world):
    first = world.registry.create_order(world.mall, 211, status=1)
    second = world.registry.create_order(world.mall, 211, status=1)
    world.registry.clock.advance(5)
    before = world.registry.clock.now()
    world.registry.advance_order(first)
    after = world.registry.clock.now()

    by_update = world.temu.orders(world.token, sortby="updateTime")

    assert sns(by_update) == [first, second]
    # The change is stamped with the second it happened in; a second boundary may fall
    # between the two readings of the clock, never outside them.
    assert before <= by_update["pageItems"][0]["parentOrderMap"]["updateTime"] <= after


def test_status_filter_returns_only_orders_in_that_status(world):
    world.registry.generate_orders(world.mall, 211, 60, seed=5)
    shipped = world.registry.order_sns(world.mall, 211, statuses=(4,))

    result = world.temu.orders(world.token, parentOrderStatus=4, pageSize=100)

    assert result["totalItemNum"] == len(shipped) > 0
    assert sorted(sns(result)) == sorted(shipped)


def test_order_numbers_filter_accepts_at_most_twenty(world):
    code, message = error_of(world.temu.call(
        LIST, world.token, parentOrderSnList=[f"PO-211-{i}" for i in range(21)]))

    assert code == 3000000 and "at most 20" in message


def test_a_token_sees_only_its_own_malls_orders_in_its_gateways_regions(world):
    mine = world.registry.create_order(world.mall, 211)
    world.registry.create_order(world.mall, 210)
    other_mall = world.registry.add_mall(1, "Someone else")
    world.registry.create_order(other_mall, 211)
    eu_token = world.order_token(gateway="eu", region_id=210)

    eu_items = world.temu.orders(eu_token, "eu")["pageItems"]

    assert sns(world.temu.orders(world.token)) == [mine]
    assert [item["parentOrderMap"]["regionId"] for item in eu_items] == [210]


def test_asking_an_order_gateway_for_a_region_it_does_not_serve_is_refused(world):
    assert error_of(world.temu.call(LIST, world.token, regionId=210))[0] == 120011072
    assert world.temu.call(LIST, world.token, regionId=211)["success"] is True


def test_items_carry_the_full_shape_of_a_real_semi_managed_order(world):
    world.registry.create_order(world.mall, 211, lines=2, quantity=3, seller_sku="SKU-RED-M")

    item = world.temu.orders(world.token)["pageItems"][0]

    assert set(item["parentOrderMap"]) == PARENT_FIELDS
    assert all(set(line) == LINE_FIELDS for line in item["orderList"])
    assert [line["productList"][0]["extCode"] for line in item["orderList"]] == ["SKU-RED-M"] * 2
    assert [line["quantity"] for line in item["orderList"]] == [3, 3]


def test_local_mall_orders_have_an_empty_product_list_and_a_sku_id(world):
    local = world.registry.add_mall(100, "Local shop")
    token = world.registry.issue_token(local, gateway="us", region_id=211, kind="local", app_key=APP_KEY)
    world.registry.create_order(local, 211)

    line = world.temu.orders(token)["pageItems"][0]["orderList"][0]

    assert line["productList"] == [] and line["skuId"] > 0
