"""Helpers for the order sync end-to-end tests."""
from __future__ import annotations

import time

from adapters.grpc.gen.erp.v1 import order_pb2, order_service_pb2 as opb, shop_pb2, shop_service_pb2 as spb
from google.longrunning import operations_pb2

from tests.e2e.conftest import APP_KEY, Stack

STATE = {
    1: order_pb2.ORDER_STATE_AWAITING_PLATFORM, 2: order_pb2.ORDER_STATE_TO_REVIEW,
    3: order_pb2.ORDER_STATE_CANCELLED, 4: order_pb2.ORDER_STATE_DO_NOT_SHIP, 5: order_pb2.ORDER_STATE_DO_NOT_SHIP,
}


def sandbox_shop(stack: Stack, orders: int = 0, days: int = 29, seed: int = 1) -> tuple[int, str]:
    mall = stack.temu.add_mall(mall_type=1)
    token = stack.temu.issue_token(mall, gateway="us", region_id=211, kind="order", app_key=APP_KEY)
    if orders:
        stack.temu.generate_orders(mall, 211, orders, days=days, seed=seed)
    return mall, token


def authorize(stack: Stack, name: str, token: str) -> spb.AuthorizeShopResponse:
    return stack.shops().AuthorizeShop(spb.AuthorizeShopRequest(
        display_name=name, kind=shop_pb2.SHOP_KIND_CROSS_BORDER, region=shop_pb2.REGION_US, token=token),
        metadata=stack.md())


def wait_done(stack: Stack, operation: str, timeout: float = 120) -> operations_pb2.Operation:
    deadline = time.monotonic() + timeout
    while True:
        op = stack.operations().GetOperation(operations_pb2.GetOperationRequest(name=operation),
                                              metadata=stack.md())
        if op.done or time.monotonic() > deadline:
            return op
        time.sleep(0.2)


def metadata(op: operations_pb2.Operation) -> opb.SyncOrdersMetadata:
    md = opb.SyncOrdersMetadata()
    op.metadata.Unpack(md)
    return md


def all_orders(stack: Stack, shop: str, **filters) -> list[order_pb2.Order]:
    out, token = [], ""
    while True:
        page = stack.orders().ListOrders(opb.ListOrdersRequest(shops=[shop], page_size=100, page_token=token,
                                                               **filters), metadata=stack.md())
        out += list(page.orders)
        token = page.next_page_token
        if not token:
            return out


def sandbox_states(stack: Stack, mall: int) -> dict[str, int]:
    return {o["parentOrderSn"]: o["parentOrderStatus"] for o in stack.temu.orders(mall, 211)}


def eventually(check, timeout: float = 30.0):
    """Poll ``check`` until it returns something truthy (syncs run in the background)."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(0.25)
