"""create_server end to end: health, reflection, auth, errors, limits, extra services, shutdown."""
from __future__ import annotations

import logging
import threading
import time

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha.proto_reflection_descriptor_database import ProtoReflectionDescriptorDatabase

from adapters.grpc.gen.erp.v1 import shop_pb2, shop_service_pb2 as pb, shop_service_pb2_grpc as pb_grpc
from adapters.grpc.server_factory import ExtraService, create_server
from tests.e2e.grpc_plumbing.conftest import start, stop
from tests.unit.grpc.fake_shop_use_cases import GOOD_TOKEN, ExplodingShopUseCases, FakeShopUseCases
from tests.unit.grpc.rich_status import rich_status

ALICE = [("x-api-key", "alice-key-0001")]
SERVING = health_pb2.HealthCheckResponse.SERVING


def check(channel: grpc.Channel, service: str) -> int:
    stub = health_pb2_grpc.HealthStub(channel)
    return stub.Check(health_pb2.HealthCheckRequest(service=service), timeout=5).status


def test_health_reports_the_server_and_the_shop_service_as_serving(running):
    assert check(running.channel, "") == SERVING
    assert check(running.channel, "erp.v1.ShopService") == SERVING
    with pytest.raises(grpc.RpcError) as err:
        check(running.channel, "erp.v1.NoSuchService")
    assert err.value.code() is grpc.StatusCode.NOT_FOUND


def test_reflection_lists_the_services_under_their_full_names(running):
    db = ProtoReflectionDescriptorDatabase(running.channel)
    assert set(db.get_services()) == {"erp.v1.ShopService", "grpc.health.v1.Health",
                                      "grpc.reflection.v1alpha.ServerReflection"}
    assert db.FindFileContainingSymbol("erp.v1.ShopService").name == "erp/v1/shop_service.proto"


def test_a_shop_is_authorized_and_read_back_through_a_real_channel(running):
    stub = pb_grpc.ShopServiceStub(running.channel)
    created = stub.AuthorizeShop(pb.AuthorizeShopRequest(
        display_name="Alice EU", kind=shop_pb2.SHOP_KIND_CROSS_BORDER, region=shop_pb2.REGION_EU,
        token=GOOD_TOKEN), metadata=ALICE, timeout=5).shop
    fetched = stub.GetShop(pb.GetShopRequest(name=created.name), metadata=ALICE, timeout=5).shop
    assert fetched == created and fetched.owner == "p-alice"


def test_a_call_without_an_api_key_is_unauthenticated(running):
    stub = pb_grpc.ShopServiceStub(running.channel)
    with pytest.raises(grpc.RpcError) as err:
        stub.ListShops(pb.ListShopsRequest(), timeout=5)
    assert err.value.code() is grpc.StatusCode.UNAUTHENTICATED
    assert rich_status(err.value)[1]["ErrorInfo"].reason == "API_KEY_MISSING"


def test_an_exploding_use_case_is_internal_with_a_generic_message_and_no_token(caplog):
    running = start(ExplodingShopUseCases())
    stub = pb_grpc.ShopServiceStub(running.channel)
    request = pb.AuthorizeShopRequest(display_name="X", kind=shop_pb2.SHOP_KIND_LOCAL,
                                      region=shop_pb2.REGION_US, token="tok-secret-5566")
    try:
        with caplog.at_level(logging.ERROR), pytest.raises(grpc.RpcError) as err:
            stub.AuthorizeShop(request, metadata=[*ALICE, ("x-request-id", "req-boom")], timeout=5)
    finally:
        stop(running)
    assert err.value.code() is grpc.StatusCode.INTERNAL
    assert "req-boom" in err.value.details() and "bug" not in err.value.details()
    assert "KeyError" in caplog.text and "tok-secret-5566" not in caplog.text


def test_a_request_over_4_mib_is_refused_as_resource_exhausted(running):
    call = running.channel.unary_unary("/erp.v1.ShopService/GetShop")
    with pytest.raises(grpc.RpcError) as err:
        call(pb.GetShopRequest(name="x" * (4 * 1024 * 1024 + 1)).SerializeToString(), metadata=ALICE, timeout=10)
    assert err.value.code() is grpc.StatusCode.RESOURCE_EXHAUSTED
    assert check(running.channel, "") == SERVING


def test_a_busy_port_cannot_be_bound_twice(running):
    with pytest.raises(RuntimeError):
        running.loop.run(create_server(f"127.0.0.1:{running.port}", shop_use_cases=FakeShopUseCases(),
                                       authenticate=lambda key: None))


def test_extra_services_get_health_reflection_and_the_same_interceptors():
    echo = grpc.method_handlers_generic_handler(
        "test.v1.EchoService", {"Echo": grpc.unary_unary_rpc_method_handler(lambda r, c: r)})
    extra = ExtraService("test.v1.EchoService", lambda server: server.add_generic_rpc_handlers((echo,)))
    running = start(extra_services=[extra])
    try:
        call = running.channel.unary_unary("/test.v1.EchoService/Echo")
        assert call(b"hi", metadata=ALICE, timeout=5) == b"hi"
        with pytest.raises(grpc.RpcError) as err:
            call(b"hi", timeout=5)
        assert check(running.channel, "test.v1.EchoService") == SERVING
        assert "test.v1.EchoService" in ProtoReflectionDescriptorDatabase(running.channel).get_services()
    finally:
        stop(running)
    assert err.value.code() is grpc.StatusCode.UNAUTHENTICATED


class SlowShops(FakeShopUseCases):
    def __init__(self) -> None:
        super().__init__()
        self.started = threading.Event()

    def list(self, query):
        self.started.set()
        time.sleep(0.5)
        return super().list(query)


def test_graceful_stop_reports_not_serving_and_lets_a_running_call_finish():
    shops = SlowShops()
    running = start(shops)
    stub = pb_grpc.ShopServiceStub(running.channel)
    future = stub.ListShops.future(pb.ListShopsRequest(), metadata=ALICE, timeout=5)
    assert shops.started.wait(5)
    running.graceful_stop(grace=5)
    status = running.loop.run(running.health.Check(health_pb2.HealthCheckRequest(service=""), None)).status
    assert future.result().total_size >= 1
    assert status == health_pb2.HealthCheckResponse.NOT_SERVING
    with pytest.raises(grpc.RpcError) as err:
        stub.GetShop(pb.GetShopRequest(name="shops/alice-1"), metadata=ALICE, timeout=2)
    running.channel.close()
    running.loop.close()
    assert err.value.code() is grpc.StatusCode.UNAVAILABLE



def test_calls_beyond_the_concurrency_limit_are_refused_as_resource_exhausted():
    shops = SlowShops()
    running = start(shops, maximum_concurrent_rpcs=2)
    stub = pb_grpc.ShopServiceStub(running.channel)
    try:
        calls = [stub.ListShops.future(pb.ListShopsRequest(), metadata=ALICE, timeout=5) for _ in range(4)]
        codes = sorted(call.code().name for call in calls)
    finally:
        stop(running)
    assert codes == ["OK", "OK", "RESOURCE_EXHAUSTED", "RESOURCE_EXHAUSTED"]
