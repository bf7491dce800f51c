"""Acceptance 4 of issue 2: 50 concurrent AuthorizeShop calls for one Temu shop and region."""
from __future__ import annotations

from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import grpc

from adapters.grpc.gen.erp.v1 import shop_pb2, shop_service_pb2 as pb
from tests.e2e.conftest import APP_KEY
from tests.unit.grpc.rich_status import rich_status


def test_fifty_concurrent_authorizations_of_one_shop_make_exactly_one_shop(stack):
    mall = stack.temu.add_mall(mall_type=1)
    token = stack.temu.issue_token(mall, gateway="us", region_id=211, kind="order", app_key=APP_KEY)

    def authorize(i: int):
        try:
            return stack.shops().AuthorizeShop(pb.AuthorizeShopRequest(
                display_name=f"Racer {i}", kind=shop_pb2.SHOP_KIND_CROSS_BORDER, region=shop_pb2.REGION_US,
                token=token), metadata=stack.md(), timeout=60).shop
        except grpc.RpcError as err:
            return err

    with ThreadPoolExecutor(50) as pool:
        results = list(pool.map(authorize, range(50)))
    shops = [r for r in results if isinstance(r, shop_pb2.Shop)]
    errors = [r for r in results if isinstance(r, grpc.RpcError)]
    assert len(shops) == 1, Counter(e.code() for e in errors)
    assert Counter(e.code() for e in errors) == {grpc.StatusCode.ALREADY_EXISTS: 49}
    for err in errors:
        _, details = rich_status(err)
        assert details["ErrorInfo"].reason == "SHOP_ALREADY_AUTHORIZED"
        assert shops[0].display_name in err.details()
    listed = stack.shops().ListShops(pb.ListShopsRequest(), metadata=stack.md())
    assert [s.name for s in listed.shops] == [shops[0].name]
