"""Issue 13, item 3 and item 2's tags: an order's amounts and currency from Temu, fetched once in
the background after the sync; without Temu's sensitive grant the order says why it has none and
the token matrix names the missing scope. The order carries its tags in GetOrder and ListOrders."""
from __future__ import annotations

import csv
import io
from collections import Counter
from decimal import Decimal

from adapters.grpc.gen.erp.v1 import order_desk_service_pb2 as dpb, order_pb2, order_service_pb2 as opb
from adapters.grpc.gen.erp.v1 import shop_pb2, shop_service_pb2 as spb
from sandboxes.temu.catalog import AMOUNT_SCOPE, ORDER_SCOPES
from sandboxes.temu.wire import unit_price_cents
from tests.e2e.conftest import APP_KEY
from tests.e2e.desk.desk_helpers import desk, tag
from tests.e2e.orders.sync_helpers import all_orders, eventually, wait_done

TO_SHIP, SHIPPED, PENDING, CANCELLED = 2, 4, 1, 3


def shop_with(stack, statuses: dict[int, int], *, granted: bool) -> tuple[int, str]:
    """A shop synced from a mall holding ``count`` orders of each status; its name."""
    mall = stack.temu.add_mall(mall_type=1)
    token = stack.temu.issue_token(mall, gateway="us", region_id=211, kind="order", app_key=APP_KEY,
                                   scopes=[*ORDER_SCOPES, AMOUNT_SCOPE] if granted else None)
    for status, count in statuses.items():
        for _ in range(count):
            stack.temu.create_order(mall, 211, status=status, lines=2, quantity=2)
    answer = stack.shops().AuthorizeShop(spb.AuthorizeShopRequest(
        display_name=f"Amounts {mall}", kind=shop_pb2.SHOP_KIND_CROSS_BORDER, region=shop_pb2.REGION_US,
        token=token), metadata=stack.md())
    assert wait_done(stack, answer.history_sync_operation).done
    return mall, answer.shop.name


def get(stack, name: str) -> order_pb2.Order:
    return stack.orders().GetOrder(opb.GetOrderRequest(name=name), metadata=stack.md()).order


def export_rows(stack, shop: str) -> list[list[str]]:
    chunks = desk(stack).ExportOrders(dpb.ExportOrdersRequest(
        filter=opb.ListOrdersRequest(shops=[shop]), columns=["order", "currency", "goods_total", "estimated_revenue"]),
        metadata=stack.md(), timeout=30)
    return list(csv.reader(io.StringIO(b"".join(c.data for c in chunks).decode("utf-8-sig"), newline="")))[1:]


def money(m) -> Decimal:
    return Decimal(m.units) + Decimal(m.nanos) / 10**9


def test_orders_show_temus_amounts_once_fetched_and_temu_is_asked_once_per_order(stack):
    mall, shop = shop_with(stack, {TO_SHIP: 2, SHIPPED: 2, PENDING: 1, CANCELLED: 1}, granted=True)
    priced = eventually(lambda: (lambda os: os if sum(o.amounts_status == order_pb2.AMOUNTS_STATUS_AVAILABLE
                                                      for o in os) == 4 else None)(all_orders(stack, shop)))
    assert priced, "the amounts of the four orders to ship or shipped did not arrive"

    by_status = Counter((o.temu_status_code, o.amounts_status) for o in priced)
    assert by_status == Counter({(TO_SHIP, order_pb2.AMOUNTS_STATUS_AVAILABLE): 2,
                                 (SHIPPED, order_pb2.AMOUNTS_STATUS_AVAILABLE): 2,
                                 (PENDING, order_pb2.AMOUNTS_STATUS_NOT_APPLICABLE): 1,
                                 (CANCELLED, order_pb2.AMOUNTS_STATUS_NOT_APPLICABLE): 1})
    one = next(o for o in priced if o.temu_status_code == SHIPPED)
    detail = get(stack, one.name).amounts
    units = [Decimal(unit_price_cents(line.order_sn)) / 100 for line in one.lines]
    assert detail.currency_code == "USD" and detail.goods_total.currency_code == "USD"
    assert money(detail.goods_total) == sum(u * 2 for u in units)
    assert [(x.order_sn, money(x.unit_price)) for x in detail.lines] == list(zip((l.order_sn for l in one.lines), units))
    assert detail.HasField("fetch_time") and not one.amounts.HasField("fetch_time")  # ListOrders leaves it out
    assert not get(stack, next(o.name for o in priced if o.temu_status_code == PENDING)).HasField("amounts")

    rows = [(r[1], Decimal(r[2]), Decimal(r[3])) for r in export_rows(stack, shop) if r[0] == one.name]
    assert rows == [("USD", money(detail.goods_total), money(detail.estimated_revenue))]
    assert all(r[1:] == ["", "", ""] for r in export_rows(stack, shop) if r[0] not in {o.name for o in priced
                                                                                      if o.HasField("amounts")})

    again = stack.orders().SyncShopOrders(opb.SyncShopOrdersRequest(shop=shop), metadata=stack.md())
    assert wait_done(stack, again.name).done  # a sync of unchanged orders asks for no amount again
    asked = Counter(c.type for c in stack.temu.call_log(APP_KEY) if c.type == AMOUNT_SCOPE and c.error_code == 1000000)
    assert asked[AMOUNT_SCOPE] == 4


def test_without_the_grant_orders_say_why_the_token_matrix_shows_the_scope_and_a_granted_token_brings_them(stack):
    mall, shop = shop_with(stack, {TO_SHIP: 2, SHIPPED: 1}, granted=False)
    orders = eventually(lambda: (lambda os: os if len(os) == 3 else None)(all_orders(stack, shop)))

    assert {o.amounts_status for o in orders} == {order_pb2.AMOUNTS_STATUS_GRANT_MISSING}
    assert not any(get(stack, o.name).HasField("amounts") for o in orders)
    matrix = stack.shops().GetShop(spb.GetShopRequest(name=shop), metadata=stack.md()).shop.credentials
    order_token = next(c for c in matrix if c.kind == shop_pb2.TOKEN_KIND_ORDER)
    assert list(order_token.missing_scopes) == [AMOUNT_SCOPE]
    # the addresses were fetched all the same, and Temu was never asked for amounts
    assert eventually(lambda: all(get(stack, o.name).HasField("shipping_address") for o in orders
                                  if o.temu_status_code == TO_SHIP))
    assert not [c for c in stack.temu.call_log(APP_KEY) if c.type == AMOUNT_SCOPE]

    # the seller grants the interface: with the new token the next syncs bring the amounts
    granted = stack.temu.issue_token(mall, gateway="us", region_id=211, kind="order", app_key=APP_KEY,
                                     scopes=[*ORDER_SCOPES, AMOUNT_SCOPE])
    stack.shops().ReauthorizeShop(spb.ReauthorizeShopRequest(shop=shop, token=granted), metadata=stack.md())
    assert eventually(lambda: {o.amounts_status for o in all_orders(stack, shop)} == {
        order_pb2.AMOUNTS_STATUS_AVAILABLE}, timeout=60)
    matrix = stack.shops().GetShop(spb.GetShopRequest(name=shop), metadata=stack.md()).shop.credentials
    assert not next(c for c in matrix if c.kind == shop_pb2.TOKEN_KIND_ORDER).missing_scopes


def test_an_order_carries_its_tags_in_get_order_and_list_orders(stack):
    _, shop = shop_with(stack, {TO_SHIP: 3}, granted=False)
    orders = eventually(lambda: (lambda os: os if len(os) == 3 else None)(all_orders(stack, shop)))
    urgent, gift = tag(stack, "Urgent", "#FF0000"), tag(stack, "gift")
    desk(stack).TagOrders(dpb.TagOrdersRequest(orders=[orders[0].name], tags=[urgent, gift]), metadata=stack.md())

    listed = {o.name: o for o in all_orders(stack, shop)}
    shown = [(t.tag, t.display_name, t.color) for t in get(stack, orders[0].name).tags]
    assert shown == [(gift, "gift", ""), (urgent, "Urgent", "#FF0000")]
    assert [(t.tag, t.display_name, t.color) for t in listed[orders[0].name].tags] == shown
    assert not listed[orders[1].name].tags and not get(stack, orders[2].name).tags
