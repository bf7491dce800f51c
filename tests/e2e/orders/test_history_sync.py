"""Issue 3: the 30-day history arrives by itself after authorization, followed as an operation."""
from __future__ import annotations

import time
import uuid

import grpc
import pytest

from adapters.grpc.gen.erp.v1 import order_pb2, order_service_pb2 as opb
from tests.e2e.orders.sync_helpers import (
    STATE, all_orders, authorize, eventually, metadata, sandbox_shop, sandbox_states, wait_done,
)


def test_a_new_shop_gets_its_30_day_history_with_each_order_in_the_right_state(stack):
    mall, token = sandbox_shop(stack, orders=3000)
    now = int(time.time())
    old = [stack.temu.create_order(mall, 211, status=2, created_at=now - 86400 * d) for d in (31, 35, 40)]
    answer = authorize(stack, "History", token)
    assert answer.history_sync_operation.startswith("operations/")
    op = wait_done(stack, answer.history_sync_operation)
    md = metadata(op)
    assert op.done and not op.HasField("error") and md.percent == 100.0
    # NOTE: the history window ends a second before it starts; orders Temu changed in that last
    # second come with the first incremental sync, one interval later.
    assert 2800 < md.orders_created <= 3000
    truth = sandbox_states(stack, mall)
    want = {sn: STATE[s] for sn, s in truth.items() if sn not in old}
    deadline = time.monotonic() + 20
    while True:
        orders = all_orders(stack, answer.shop.name)
        held = {o.parent_order_sn: o.state for o in orders}
        if held == want or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert len(orders) == len(held) == 3000 and not set(old) & set(held)
    assert held == want
    processable = all_orders(stack, answer.shop.name, states=[order_pb2.ORDER_STATE_TO_REVIEW])
    assert {o.parent_order_sn for o in processable} == {sn for sn, s in truth.items() if s == 2 and sn not in old}


def test_an_order_shows_its_lines_quantities_seller_sku_and_history(stack):
    mall, token = sandbox_shop(stack)
    sn = stack.temu.create_order(mall, 211, status=2, lines=2, quantity=3, seller_sku="MUG-BLUE")
    answer = authorize(stack, "Detail", token)
    wait_done(stack, answer.history_sync_operation)
    listed = eventually(lambda: all_orders(stack, answer.shop.name, seller_sku="MUG-BLUE"))
    assert [o.parent_order_sn for o in listed] == [sn]
    order = stack.orders().GetOrder(opb.GetOrderRequest(name=listed[0].name), metadata=stack.md()).order
    assert len(order.lines) == 2 and all(line.seller_sku == "MUG-BLUE" for line in order.lines)
    assert all(line.quantity_to_ship == 3 for line in order.lines)
    assert order.history[0].to_state == order_pb2.ORDER_STATE_TO_REVIEW
    assert order.HasField("ship_by_time")


def test_sync_now_and_replay_return_operations_that_complete(stack):
    mall, token = sandbox_shop(stack, orders=50)
    answer = authorize(stack, "Now", token)
    wait_done(stack, answer.history_sync_operation)
    sn = stack.temu.create_order(mall, 211, status=1)
    time.sleep(1.1)  # a sync window ends a second before it starts
    op = stack.orders().SyncShopOrders(opb.SyncShopOrdersRequest(shop=answer.shop.name), metadata=stack.md())
    assert wait_done(stack, op.name).done
    assert sn in {o.parent_order_sn for o in all_orders(stack, answer.shop.name)}
    replay = stack.orders().ReplayShopOrders(opb.ReplayShopOrdersRequest(
        shop=answer.shop.name, start_time={"seconds": int(time.time()) - 86400 * 30},
        end_time={"seconds": int(time.time())}), metadata=stack.md())
    assert metadata(wait_done(stack, replay.name)).orders_seen >= 51


def test_a_replay_window_that_ends_before_it_starts_is_refused(stack):
    _, token = sandbox_shop(stack)
    answer = authorize(stack, "Replay", token)
    with pytest.raises(grpc.RpcError) as err:
        stack.orders().ReplayShopOrders(opb.ReplayShopOrdersRequest(
            shop=answer.shop.name, start_time={"seconds": int(time.time())},
            end_time={"seconds": int(time.time()) - 3600}), metadata=stack.md())
    assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT


def test_a_repeated_sync_now_request_returns_the_first_operation(stack):
    _, token = sandbox_shop(stack, orders=5)
    answer = authorize(stack, "Repeat", token)
    wait_done(stack, answer.history_sync_operation)
    rid = str(uuid.uuid4())
    first = stack.orders().SyncShopOrders(opb.SyncShopOrdersRequest(shop=answer.shop.name, request_id=rid),
                                          metadata=stack.md())
    again = stack.orders().SyncShopOrders(opb.SyncShopOrdersRequest(shop=answer.shop.name, request_id=rid),
                                          metadata=stack.md())
    assert again.name == first.name
