"""Failed authentications throttled per peer, through a real server: after the limit,
UNAUTHENTICATED becomes RESOURCE_EXHAUSTED with RetryInfo for that peer, right key or not."""
from __future__ import annotations

import grpc

from adapters.grpc.auth_throttle import FailedAuthThrottle
from adapters.grpc.gen.erp.v1 import shop_service_pb2 as pb, shop_service_pb2_grpc as pb_grpc
from tests.e2e.grpc_plumbing.conftest import start, stop
from tests.unit.grpc.rich_status import rich_status


def test_over_grpc_unauthenticated_becomes_resource_exhausted_with_retry_info():
    running = start(auth_throttle=FailedAuthThrottle(limit=3, window_s=600))
    stub = pb_grpc.ShopServiceStub(running.channel)
    codes = []
    try:
        for key in ("nope-1", "nope-2", "nope-3", "nope-4", "alice-key-0001"):
            try:
                stub.ListShops(pb.ListShopsRequest(), metadata=[("x-api-key", key)], timeout=5)
                codes.append(grpc.StatusCode.OK)
            except grpc.RpcError as err:
                codes.append(err.code())
                last = err
    finally:
        stop(running)
    assert codes == [grpc.StatusCode.UNAUTHENTICATED] * 3 + [grpc.StatusCode.RESOURCE_EXHAUSTED] * 2
    _, details = rich_status(last)
    assert details["ErrorInfo"].reason == "TOO_MANY_FAILED_AUTHENTICATIONS"
    assert 0 < details["RetryInfo"].retry_delay.seconds <= 600
