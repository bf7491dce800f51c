"""Issue 3, acceptance 7: bad data from Temu is stored with a visible exception or skipped with a
recorded reason; never a crash, never a half-written order."""
from __future__ import annotations

import sqlalchemy as sa

from tests.e2e.orders.sync_helpers import all_orders, authorize, eventually, sandbox_shop, wait_done

SPOILERS = {
    "no_sn": ({"parentOrderSn": None}, {}),
    "status_is_text": ({"parentOrderStatus": "shipped"}, {}),
    "no_update_time": ({"updateTime": None}, {}),
    "unknown_status": ({"parentOrderStatus": 7}, {}),
    "negative_quantity": ({}, {"quantity": -3, "originalOrderQuantity": -3}),
    "huge_name": ({}, {"goodsName": "x" * 200_000}),
    "lines_not_a_list": ({}, {"productList": "oops"}),
    "wrong_types": ({"regionId": "two-eleven", "expectShipLatestTime": "soon"}, {"goodsId": [1, 2]}),
}


def test_bad_orders_are_flagged_or_skipped_and_the_good_ones_all_arrive(stack):
    mall, token = sandbox_shop(stack, orders=40, seed=4)
    sns = stack.temu.order_sns(mall, 211)
    spoiled = dict(zip(SPOILERS, sns))
    for name, sn in spoiled.items():
        parent, line = SPOILERS[name]
        stack.temu.spoil_order(sn, parent_fields=parent, line_fields=line)
    answer = authorize(stack, "Bad data", token)
    op = wait_done(stack, answer.history_sync_operation)
    assert op.done and not op.HasField("error")
    unreadable = {spoiled[k] for k in ("no_sn", "status_is_text", "no_update_time")}
    held = eventually(lambda: (h := {o.parent_order_sn: o for o in all_orders(stack, answer.shop.name)})
                      and len(h) == 40 - len(unreadable) and h)
    assert held and set(held) == set(sns) - unreadable
    for name in ("unknown_status", "negative_quantity", "lines_not_a_list", "wrong_types"):
        assert held[spoiled[name]].exceptions, name
    assert all(len(line.goods_name) <= 512 for line in held[spoiled["huge_name"]].lines)
    with stack.app.engine.connect() as conn:
        problems = conn.execute(sa.text("SELECT parent_order_sn, reason FROM sync_problems")).fetchall()
    assert {spoiled["status_is_text"], spoiled["no_update_time"]} <= {sn for sn, _ in problems}
    assert all(reason for _, reason in problems)
