"""When a pasted token is wrong in more than one way, the answer says what the token is before
which shop it belongs to: the seller must paste another kind of token, and would otherwise be
sent looking for a duplicate shop that is not the problem."""
from __future__ import annotations

import grpc
import pytest

from adapters.grpc.gen.erp.v1 import shop_pb2, shop_service_pb2 as pb
from sandboxes.temu.catalog import PRODUCT_SCOPES
from tests.e2e.conftest import APP_KEY
from tests.unit.grpc.rich_status import rich_status


def _authorize(stack, name: str, token: str):
    return stack.shops().AuthorizeShop(pb.AuthorizeShopRequest(
        display_name=name, kind=shop_pb2.SHOP_KIND_CROSS_BORDER, region=shop_pb2.REGION_US, token=token),
        metadata=stack.md())


def test_a_product_token_pasted_as_the_order_token_of_an_authorized_shop_is_not_an_order_token(stack):
    mall = stack.temu.add_mall(mall_type=1)
    _authorize(stack, "Home US", stack.temu.issue_token(mall, gateway="us", region_id=211, kind="order",
                                                        app_key=APP_KEY))
    product = stack.temu.issue_token(mall, gateway="us", region_id=211, kind="product", app_key=APP_KEY,
                                     scopes=[*PRODUCT_SCOPES, "bg.open.accesstoken.info.get"])
    with pytest.raises(grpc.RpcError) as err:
        _authorize(stack, "Home US again", product)
    _, details = rich_status(err.value)
    assert (err.value.code(), details["ErrorInfo"].reason) == (
        grpc.StatusCode.FAILED_PRECONDITION, "NOT_AN_ORDER_TOKEN"), err.value.details()
