"""API-key authentication at the gRPC edge (AUTH-12)."""
from __future__ import annotations

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc
from sqlalchemy.exc import OperationalError

from adapters.grpc.auth import authenticator_from_keys
from adapters.grpc.call_context import current_principal
from tests.unit.grpc.fake_shop_use_cases import ALICE, API_KEYS
from tests.unit.grpc.probe_server import Probe
from tests.unit.grpc.rich_status import rich_status


class SpyAuthenticator:
    def __init__(self, fail: Exception | None = None) -> None:
        self.keys_seen: list[str] = []
        self._fail = fail
        self._table = authenticator_from_keys(API_KEYS)

    def __call__(self, api_key: str):
        self.keys_seen.append(api_key)
        if self._fail:
            raise self._fail
        return self._table(api_key)


@pytest.fixture
def spy():
    return SpyAuthenticator()


@pytest.fixture(params=[False, True], ids=["in-pool", "inline"])
def probe(request, spy):
    probe = Probe(spy, inline=request.param)
    probe.behaviour = lambda request, context: current_principal().id.encode()
    yield probe
    probe.close()


def reason_of(err: grpc.RpcError) -> str:
    return rich_status(err)[1]["ErrorInfo"].reason


def test_the_x_api_key_metadata_identifies_the_caller_to_the_servicer(probe):
    assert probe.call(key="alice-key-0001") == ALICE.id.encode()


@pytest.mark.parametrize("scheme", ["Bearer", "bearer"])
def test_a_bearer_authorization_header_works_as_well(probe, scheme):
    assert probe.call(key=None, metadata=[("authorization", f"{scheme} alice-key-0001")]) == b"p-alice"


@pytest.mark.parametrize("metadata", [[], [("authorization", "Basic YWxpY2U6cHc=")], [("x-api-key", "")],
                                      [("authorization", "Bearer ")]])
def test_a_call_without_an_api_key_is_unauthenticated_as_missing(probe, metadata):
    err = probe.error(key=None, metadata=metadata)
    assert err.code() is grpc.StatusCode.UNAUTHENTICATED and reason_of(err) == "API_KEY_MISSING"


def test_an_unknown_api_key_is_unauthenticated_as_invalid(probe):
    err = probe.error(key="alice-key-0002")
    assert err.code() is grpc.StatusCode.UNAUTHENTICATED and reason_of(err) == "API_KEY_INVALID"


def test_an_oversized_api_key_is_refused_without_asking_the_authenticator(probe, spy):
    err = probe.error(key="k" * 1_000)
    assert reason_of(err) == "API_KEY_INVALID" and spy.keys_seen == []


def test_an_authenticator_that_cannot_reach_the_database_makes_the_call_unavailable():
    probe = Probe(SpyAuthenticator(fail=OperationalError("SELECT", {}, Exception("down"))))
    try:
        err = probe.error()
    finally:
        probe.close()
    assert err.code() is grpc.StatusCode.UNAVAILABLE and reason_of(err) == "DATABASE_UNAVAILABLE"


def test_health_answers_without_an_api_key(probe, spy):
    stub = health_pb2_grpc.HealthStub(probe.channel)
    reply = stub.Check(health_pb2.HealthCheckRequest(service=""), timeout=5)
    assert reply.status == health_pb2.HealthCheckResponse.SERVING and spy.keys_seen == []


def test_the_key_table_matches_whole_keys_only():
    authenticate = authenticator_from_keys(API_KEYS)
    assert authenticate("alice-key-0001") == ALICE
    assert [authenticate(k) for k in ("alice-key-000", "alice-key-00011", "")] == [None, None, None]


def test_current_principal_outside_an_authenticated_call_is_a_wiring_error():
    with pytest.raises(RuntimeError):
        current_principal()


def test_a_streaming_method_is_authenticated_and_sees_the_caller_while_it_streams(probe):
    def behaviour(request, context):
        for _ in range(3):
            yield current_principal().id.encode()
    probe.behaviour = behaviour
    assert probe.stream(key="alice-key-0001") == [b"p-alice"] * 3
    with pytest.raises(grpc.RpcError) as err:
        probe.stream(key=None)
    assert err.value.code() is grpc.StatusCode.UNAUTHENTICATED
