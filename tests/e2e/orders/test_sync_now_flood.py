"""Issue 9, item 4: one owner asking for "sync now" 300 times neither queues 300 runs nor
slows another owner's sync."""
from __future__ import annotations

from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import grpc

from adapters.grpc.gen.erp.v1 import order_service_pb2 as opb, shop_pb2, shop_service_pb2 as spb
from domain.principal import Role
from tests.e2e.conftest import APP_KEY
from tests.e2e.orders.sync_helpers import wait_done
from tests.unit.grpc.rich_status import rich_status


def _owner_with_shop(stack, name: str) -> tuple[str, str]:
    _, key = stack.key_for(name, Role.SHOP_OWNER)
    mall = stack.temu.add_mall(mall_type=1)
    token = stack.temu.issue_token(mall, gateway="us", region_id=211, kind="order", app_key=APP_KEY)
    answer = stack.shops().AuthorizeShop(spb.AuthorizeShopRequest(
        display_name=name, kind=shop_pb2.SHOP_KIND_CROSS_BORDER, region=shop_pb2.REGION_US, token=token),
        metadata=stack.md(key))
    assert wait_done(stack, answer.history_sync_operation).done
    return key, answer.shop.name


def test_three_hundred_sync_nows_from_one_owner_make_one_waiting_run_and_spare_another_owner(stack):
    flooder, flooded_shop = _owner_with_shop(stack, "Flooder")
    other, other_shop = _owner_with_shop(stack, "Other")

    def sync_now(_: int):
        try:
            return stack.orders().SyncShopOrders(opb.SyncShopOrdersRequest(shop=flooded_shop),
                                                 metadata=stack.md(flooder), timeout=30).name
        except grpc.RpcError as err:
            return err

    stack.temu.latency.freeze()  # the first run a worker takes stays running: later asks wait
    try:
        with ThreadPoolExecutor(20) as pool:
            answers = list(pool.map(sync_now, range(300)))
    finally:
        stack.temu.latency.thaw()
    operations = {a for a in answers if isinstance(a, str)}
    refused = [a for a in answers if not isinstance(a, str)]
    assert Counter(e.code() for e in refused).keys() == {grpc.StatusCode.RESOURCE_EXHAUSTED}
    for err in refused[:5]:
        _, details = rich_status(err)
        assert details["ErrorInfo"].reason == "RATE_LIMITED"
        assert details["RetryInfo"].retry_delay.ToNanoseconds() > 0
    # A new run is made only when none waits: every answer but one names a run a worker had
    # already started (how many depends on how long the flood outlasts Temu's timeout).
    with stack.app.uow() as uow:
        runs = [uow.sync_runs.get(op.removeprefix("operations/")) for op in operations]
    never_started = [r.id for r in runs if r.started_at is None]
    assert operations and len(never_started) <= 1, f"{len(never_started)} runs waiting for one shop"
    assert len(operations) < 10, f"{len(operations)} runs for one shop from one flood"
    mine = stack.orders().SyncShopOrders(opb.SyncShopOrdersRequest(shop=other_shop), metadata=stack.md(other))
    assert wait_done(stack, mine.name, timeout=30).done
