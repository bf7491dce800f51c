"""Issue 3: new and changed orders follow by themselves; a replaced token stops one shop only."""
from __future__ import annotations

import time

from adapters.grpc.gen.erp.v1 import order_pb2, shop_pb2, shop_service_pb2 as spb
from tests.e2e.conftest import APP_KEY
from tests.e2e.orders.sync_helpers import (
    STATE, all_orders, authorize, eventually, metadata, sandbox_shop, sandbox_states, wait_done,
)


def test_orders_paid_cancelled_and_shipped_on_temu_follow_within_the_interval(stack):
    mall, token = sandbox_shop(stack, orders=20)
    answer = authorize(stack, "Live", token)
    wait_done(stack, answer.history_sync_operation)
    pending = stack.temu.create_order(mall, 211, status=1)
    to_cancel = stack.temu.create_order(mall, 211, status=2)
    to_ship = stack.temu.create_order(mall, 211, status=2)

    def states():
        return {o.parent_order_sn: o.state for o in all_orders(stack, answer.shop.name)}

    assert eventually(lambda: {pending, to_cancel, to_ship} <= set(states()))
    assert states()[pending] == order_pb2.ORDER_STATE_AWAITING_PLATFORM
    stack.temu.advance_order(pending)  # 1 → 2: now processable
    stack.temu.cancel_order(to_cancel)
    stack.temu.advance_order(to_ship, 4)  # shipped outside the ERP
    want = {pending: order_pb2.ORDER_STATE_TO_REVIEW, to_cancel: order_pb2.ORDER_STATE_CANCELLED,
            to_ship: order_pb2.ORDER_STATE_DO_NOT_SHIP}
    assert eventually(lambda: {sn: states()[sn] for sn in want} == want), states()


def test_a_token_replaced_mid_sync_stops_that_shop_only_and_it_resumes_without_a_gap(stack):
    mall_a, token_a = sandbox_shop(stack, orders=800, seed=11)
    mall_b, token_b = sandbox_shop(stack, orders=800, seed=12)
    stack.temu.inject_fault(error_code=3000034, type="bg.order.list.v2.get", access_token=token_a, after_calls=3)
    a, b = authorize(stack, "Shop A", token_a), authorize(stack, "Shop B", token_b)
    assert metadata(wait_done(stack, b.history_sync_operation)).percent == 100.0

    def a_stopped():
        shop = stack.shops().GetShop(spb.GetShopRequest(name=a.shop.name), metadata=stack.md()).shop
        return shop.auth_status == shop_pb2.AUTH_STATUS_REAUTH_REQUIRED

    assert eventually(a_stopped)
    stopped = wait_done(stack, a.history_sync_operation, timeout=3)
    assert not stopped.done and metadata(stopped).pages_done == 3
    calls_before = len(stack.temu.call_log(APP_KEY))
    time.sleep(3)  # the scheduler ticks: nothing more is asked of Temu with the dead token
    dead = [c for c in stack.temu.call_log(APP_KEY)[calls_before:] if c.error_code == 3000034]
    assert not dead
    stack.temu.clear_faults()
    new_token = stack.temu.issue_token(mall_a, gateway="us", region_id=211, kind="order", app_key=APP_KEY)
    stack.shops().ReauthorizeShop(spb.ReauthorizeShopRequest(shop=a.shop.name, token=new_token), metadata=stack.md())
    resumed = wait_done(stack, a.history_sync_operation)
    assert resumed.done and metadata(resumed).percent == 100.0
    for shop, mall in ((a, mall_a), (b, mall_b)):
        want = {sn: STATE[s] for sn, s in sandbox_states(stack, mall).items()}
        held = eventually(lambda: (h := {o.parent_order_sn: o.state for o in all_orders(stack, shop.shop.name)})
                          == want and h)
        assert held == want
