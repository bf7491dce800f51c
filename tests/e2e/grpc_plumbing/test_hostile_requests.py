"""2,000 malformed or hostile requests: every one gets a fitting
code, never UNKNOWN or INTERNAL; our own answers carry rich details and no token; the server stays up."""
from __future__ import annotations

from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from adapters.grpc.errors import DOMAIN
from adapters.grpc.gen.erp.v1 import shop_service_pb2 as pb, shop_service_pb2_grpc as pb_grpc
from tests.e2e.grpc_plumbing.hostile_cases import ANSWERED_BY_US, Case, hostile_cases
from tests.unit.grpc.rich_status import rich_status

COUNT = 2_000


def send(channel: grpc.Channel, case: Case) -> tuple[Case, grpc.StatusCode, grpc.RpcError | None]:
    call = channel.unary_unary(case.path)  # no serializers: the payload bytes go out as they are
    try:
        call(case.payload, metadata=case.metadata, timeout=20)
        return case, grpc.StatusCode.OK, None
    except grpc.RpcError as err:
        return case, err.code(), err


def problems_with_details(case: Case, code: grpc.StatusCode, err: grpc.RpcError) -> list[str]:
    status, details = rich_status(err)
    info = details.get("ErrorInfo")
    problems = [] if info and info.domain == DOMAIN and info.reason else ["no ErrorInfo"]
    if code is grpc.StatusCode.INVALID_ARGUMENT and not details.get("BadRequest"):
        problems.append("INVALID_ARGUMENT without field violations")
    if case.secret and case.secret in status.SerializeToString().decode("utf-8", "replace"):
        problems.append("the token came back")
    return [f"{case.kind} {case.method}: {p}" for p in problems]


@pytest.fixture(scope="module")
def results(running):
    with ThreadPoolExecutor(max_workers=8) as pool:
        return list(pool.map(lambda case: send(running.channel, case), hostile_cases(COUNT)))


def test_every_hostile_request_gets_a_fitting_code_and_none_is_unknown(results):
    misfits = Counter((case.kind, case.method, code.name) for case, code, _ in results if code not in case.allowed)
    assert len(results) == COUNT
    assert misfits == Counter()
    assert grpc.StatusCode.UNKNOWN not in {code for _, code, _ in results}


def test_every_error_we_answer_carries_error_info_and_no_token(results):
    problems = [p for case, code, err in results
                if err is not None and code in ANSWERED_BY_US for p in problems_with_details(case, code, err)]
    assert problems == []


def test_the_run_covers_every_kind_of_hostile_request(results):
    kinds = {case.kind for case, _, _ in results}
    assert {"random-bytes", "wrong-types", "empty", "enum", "injection", "page-token", "secret", "access",
            "credentials", "oversized", "unknown-method", "over-4-mib", "range"} <= kinds
    codes = {code for _, code, _ in results}
    assert {grpc.StatusCode.INVALID_ARGUMENT, grpc.StatusCode.UNAUTHENTICATED,
            grpc.StatusCode.NOT_FOUND, grpc.StatusCode.PERMISSION_DENIED} <= codes
    assert grpc.StatusCode.INTERNAL not in codes


def test_the_server_is_still_healthy_and_serving_after_the_run(running, results):
    health = health_pb2_grpc.HealthStub(running.channel)
    assert health.Check(health_pb2.HealthCheckRequest(), timeout=5).status == health_pb2.HealthCheckResponse.SERVING
    shops = pb_grpc.ShopServiceStub(running.channel)
    reply = shops.GetShop(pb.GetShopRequest(name="shops/alice-1"), metadata=[("x-api-key", "alice-key-0001")],
                          timeout=5)
    assert reply.shop.display_name == "Alice US"
