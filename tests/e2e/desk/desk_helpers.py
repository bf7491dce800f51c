"""Helpers for the order desk's end-to-end tests: shops synced from the sandbox, stubs, errors."""
from __future__ import annotations

import grpc
import pytest

from adapters.grpc.gen.erp.v1 import order_desk_service_pb2 as dpb, order_desk_service_pb2_grpc as dpb_grpc
from adapters.grpc.gen.erp.v1 import shop_pb2, shop_service_pb2 as spb
from domain.principal import Role
from tests.e2e.conftest import Stack
from tests.e2e.orders.sync_helpers import all_orders, eventually, sandbox_shop, wait_done
from tests.unit.grpc.rich_status import rich_status


def desk(stack: Stack) -> dpb_grpc.OrderDeskServiceStub:
    return dpb_grpc.OrderDeskServiceStub(stack.channel)


def synced_shop(stack: Stack, name: str, orders: int, owner: str = "", seed: int = 1) -> tuple[str, list[str]]:
    """A shop authorized (for ``owner`` when given) and synced: its name and its orders' names."""
    _, token = sandbox_shop(stack, orders=orders, seed=seed)
    answer = stack.shops().AuthorizeShop(spb.AuthorizeShopRequest(
        display_name=name, kind=shop_pb2.SHOP_KIND_CROSS_BORDER, region=shop_pb2.REGION_US, token=token,
        owner=owner), metadata=stack.md())
    assert wait_done(stack, answer.history_sync_operation).done
    # NOTE: orders Temu changed in the history window's last second follow with the next sync
    def every_order():
        found = all_orders(stack, answer.shop.name)
        return found if len(found) == orders else None

    listed = eventually(every_order)
    assert listed, f"the shop's {orders} orders were not all listed"
    return answer.shop.name, [o.name for o in listed]


def owner_key(stack: Stack, name: str = "olivia") -> tuple[str, tuple]:
    principal_id, key = stack.key_for(name, Role.SHOP_OWNER)
    return principal_id, stack.md(key)


def tag(stack: Stack, name: str, color: str = "") -> str:
    return desk(stack).CreateTag(dpb.CreateTagRequest(display_name=name, color=color), metadata=stack.md()).tag.name


def refused(call, request, metadata) -> tuple[grpc.StatusCode, dict[str, str], str]:
    """The status code, the BadRequest field violations (field -> description) and the reason."""
    with pytest.raises(grpc.RpcError) as err:
        call(request, metadata=metadata, timeout=10)
    status, details = rich_status(err.value)
    fields = {v.field: v.description for v in details["BadRequest"].field_violations} if "BadRequest" in details else {}
    reason = details["ErrorInfo"].reason if "ErrorInfo" in details else ""
    return err.value.code(), fields, reason
