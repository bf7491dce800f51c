"""ListOperations: the caller's sync runs, newest first, paged with the usual page tokens."""
from __future__ import annotations

import grpc
from google.longrunning import operations_pb2

from adapters.grpc.gen.erp.v1 import shop_pb2, shop_service_pb2 as spb
from domain.principal import Role
from tests.e2e.orders.sync_helpers import metadata, sandbox_shop, wait_done
from tests.unit.grpc.rich_status import rich_status


def _authorize(stack, name: str, owner: str = "") -> spb.AuthorizeShopResponse:
    _, token = sandbox_shop(stack, orders=5)
    return stack.shops().AuthorizeShop(spb.AuthorizeShopRequest(
        display_name=name, kind=shop_pb2.SHOP_KIND_CROSS_BORDER, region=shop_pb2.REGION_US, token=token,
        owner=owner), metadata=stack.md())


def _all(stack, key: str, page_size: int = 1, **request) -> list[operations_pb2.Operation]:
    found, token = [], ""
    while True:
        page = stack.operations().ListOperations(operations_pb2.ListOperationsRequest(
            name="operations", page_size=page_size, page_token=token, **request), metadata=stack.md(key))
        found += page.operations
        token = page.next_page_token
        if not token:
            return found


def test_a_shop_owner_pages_through_the_operations_of_their_shops_only(stack):
    alice, alice_key = stack.key_for("Alice", Role.SHOP_OWNER)
    hers = _authorize(stack, "Alice US", owner=alice)
    theirs = _authorize(stack, "Admin US")
    wait_done(stack, hers.history_sync_operation)
    wait_done(stack, theirs.history_sync_operation)

    seen = _all(stack, alice_key)
    names = [op.name for op in seen]
    assert hers.history_sync_operation in names and len(set(names)) == len(names)
    assert {metadata(op).shop for op in seen} == {hers.shop.name}
    created = [metadata(op).create_time.ToDatetime() for op in seen]
    assert created == sorted(created, reverse=True)
    admin_names = [op.name for op in _all(stack, stack.admin_key, page_size=50)]
    assert {hers.history_sync_operation, theirs.history_sync_operation} <= set(admin_names)


def test_the_filter_narrows_to_one_shop_and_to_done_or_unfinished_runs(stack):
    shop = _authorize(stack, "Filtered")
    other = _authorize(stack, "Other")
    wait_done(stack, shop.history_sync_operation)
    done = _all(stack, stack.admin_key, filter=f'shop = "{shop.shop.name}" AND done = true')
    assert shop.history_sync_operation in [op.name for op in done]
    assert all(op.done and metadata(op).shop == shop.shop.name for op in done)
    stack.temu.latency.freeze()  # the other shop's history cannot finish between the list and its reads
    try:
        unfinished = _all(stack, stack.admin_key, filter=f"shop={other.shop.name} AND done=false")
    finally:
        stack.temu.latency.thaw()
    assert all(not op.done and metadata(op).shop == other.shop.name for op in unfinished)


def test_a_bad_filter_or_a_page_token_of_another_filter_is_invalid_argument(stack):
    ops = stack.operations()
    for bad in ('state = "RUNNING"', "done = maybe", 'shop = "orders/1"', "done = true AND done = false"):
        try:
            ops.ListOperations(operations_pb2.ListOperationsRequest(filter=bad), metadata=stack.md())
            raise AssertionError(f"{bad!r} was accepted")
        except grpc.RpcError as err:
            assert err.code() is grpc.StatusCode.INVALID_ARGUMENT, bad
            assert [v.field for v in rich_status(err)[1]["BadRequest"].field_violations] == ["filter"]
    for shop in ("One", "Two"):
        _authorize(stack, shop)
    page = ops.ListOperations(operations_pb2.ListOperationsRequest(page_size=1), metadata=stack.md())
    assert page.next_page_token
    try:
        ops.ListOperations(operations_pb2.ListOperationsRequest(page_size=1, page_token=page.next_page_token,
                                                                filter="done = true"), metadata=stack.md())
        raise AssertionError("a page token of another filter was accepted")
    except grpc.RpcError as err:
        assert err.code() is grpc.StatusCode.INVALID_ARGUMENT
        assert rich_status(err)[1]["ErrorInfo"].reason == "INVALID_PAGE_TOKEN"
