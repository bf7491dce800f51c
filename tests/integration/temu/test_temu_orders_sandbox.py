"""Reading orders through the adapter, against the Temu sandbox."""
from domain.platform_order import Address
from domain.shop_kinds import ShopKind
from domain.sync import Window

DAY = 86400


def window_of(temu, days=31):
    now = temu.registry.clock.now()
    return Window(now - days * DAY, now + 60)


def read_all(source, access, window, page_size=100):
    orders, skipped, page_number = [], [], 1
    while True:
        page = source.list_orders(access, window, page_number, page_size)
        orders += page.orders
        skipped += page.skipped
        if not page.has_more:
            return orders, skipped, page_number
        page_number += 1


def test_a_window_of_250_orders_is_read_completely_in_three_pages(temu):
    mall = temu.semi_mall()
    token = temu.order_token(mall)
    temu.registry.generate_orders(mall, 211, 250, days=30, seed=0)
    orders, skipped, pages = read_all(temu.orders(), temu.access(token), window_of(temu))
    assert (len(orders), skipped, pages) == (250, [], 3)
    assert {o.parent_order_sn for o in orders} == set(temu.registry.order_sns(mall, 211))


def test_pages_come_newest_update_first(temu):
    mall = temu.semi_mall()
    token = temu.order_token(mall)
    temu.registry.generate_orders(mall, 211, 30, days=30, seed=1)
    page = temu.orders().list_orders(temu.access(token), window_of(temu), 1, 30)
    stamps = [o.updated_at for o in page.orders]
    assert stamps == sorted(stamps, reverse=True)


def test_the_window_is_a_closed_interval_of_update_times(temu):
    mall = temu.semi_mall()
    token = temu.order_token(mall)
    now = temu.registry.clock.now()
    inside = [temu.registry.create_order(mall, 211, created_at=now - 500, updated_at=now - t) for t in (300, 200)]
    temu.registry.create_order(mall, 211, created_at=now - 500, updated_at=now - 100)
    page = temu.orders().list_orders(temu.access(token), Window(now - 300, now - 200), 1, 100)
    assert sorted(o.parent_order_sn for o in page.orders) == sorted(inside)


def test_orders_read_from_temu_match_the_sandbox_ground_truth(temu):
    mall = temu.semi_mall()
    token = temu.order_token(mall)
    sn = temu.registry.create_order(mall, 211, status=2, lines=2, quantity=3, seller_sku="SKU-RED-M")
    truth = temu.registry.orders(mall, 211)[0]
    order = temu.orders().get_order(temu.access(token), sn)
    assert (order.parent_order_sn, order.status, order.region_id) == (sn, 2, 211)
    assert int(order.updated_at.timestamp()) == truth["updateTime"]
    assert [line.order_sn for line in order.lines] == [line["orderSn"] for line in truth["orderList"]]
    assert order.lines[0].seller_sku == "SKU-RED-M"
    assert order.lines[0].quantity == 3
    assert order.problems == ()


def test_an_order_temu_does_not_know_is_none(temu):
    token = temu.order_token(temu.semi_mall())
    assert temu.orders().get_order(temu.access(token), "PO-211-00000000000000000") is None
    assert temu.orders().get_address(temu.access(token), "PO-211-00000000000000000") is None


def test_the_address_of_an_order_to_ship_includes_its_masked_phone(temu):
    mall = temu.semi_mall()
    token = temu.order_token(mall)
    sn = temu.registry.create_order(mall, 211, status=2)
    address = temu.orders().get_address(temu.access(token), sn)
    assert isinstance(address, Address)
    assert address.phone and address.country and address.line1 and address.post_code


def test_a_local_shop_uses_the_sku_id_as_seller_sku(temu):
    mall = temu.registry.add_mall(100, name="Local shop")
    token = temu.registry.issue_token(mall, gateway="us", region_id=211, kind="local", app_key="it-app-key")
    sn = temu.registry.create_order(mall, 211, status=2)
    order = temu.orders().get_order(temu.access(token, kind=ShopKind.LOCAL), sn)
    truth = temu.registry.orders(mall, 211)[0]["orderList"][0]
    assert order.lines[0].seller_sku == str(truth["skuId"])


def test_cancelling_on_temu_shows_in_the_next_read(temu):
    mall = temu.semi_mall()
    token = temu.order_token(mall)
    sn = temu.registry.create_order(mall, 211, status=2)
    temu.registry.cancel_order(sn)
    assert temu.orders().get_order(temu.access(token), sn).status == 3
