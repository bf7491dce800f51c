"""Reflection can be switched off for production (ERP_GRPC_REFLECTION=off): the reflection
service is then not served at all, while health and the API are."""
from __future__ import annotations

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc

from bootstrap.settings import Settings, SettingsError
from tests.e2e.grpc_plumbing.conftest import start, stop


def list_services(channel: grpc.Channel) -> list[str]:
    stub = reflection_pb2_grpc.ServerReflectionStub(channel)
    replies = stub.ServerReflectionInfo(iter([reflection_pb2.ServerReflectionRequest(list_services="")]), timeout=5)
    return [s.name for reply in replies for s in reply.list_services_response.service]


def test_with_reflection_off_the_reflection_service_is_unimplemented_and_health_still_serves():
    running = start(with_reflection=False)
    try:
        with pytest.raises(grpc.RpcError) as err:
            list_services(running.channel)
        health = health_pb2_grpc.HealthStub(running.channel).Check(health_pb2.HealthCheckRequest(), timeout=5)
    finally:
        stop(running)
    assert err.value.code() is grpc.StatusCode.UNIMPLEMENTED
    assert health.status == health_pb2.HealthCheckResponse.SERVING


def test_reflection_is_on_by_default(running):
    assert "erp.v1.ShopService" in list_services(running.channel)


@pytest.mark.parametrize(("value", "on"), [("", True), ("on", True), ("off", False), (" OFF ", False)])
def test_the_reflection_switch_is_read_from_the_environment(value, on):
    assert Settings.from_env({"ERP_GRPC_REFLECTION": value}).grpc_reflection is on


def test_a_reflection_switch_that_is_neither_on_nor_off_stops_the_start():
    with pytest.raises(SettingsError, match="ERP_GRPC_REFLECTION must be on or off"):
        Settings.from_env({"ERP_GRPC_REFLECTION": "maybe"})
