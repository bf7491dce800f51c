"""Malformed and hostile OrderService / GetOperation requests: every one gets
a fitting code, never UNKNOWN; our own answers carry rich details; the server stays up."""
from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import grpc
import pytest
from google.longrunning import operations_pb2
from google.protobuf import timestamp_pb2
from google.protobuf.message import DecodeError, Message
from grpc_health.v1 import health_pb2, health_pb2_grpc

from adapters.grpc.errors import DOMAIN
from adapters.grpc.gen.erp.v1 import order_service_pb2 as pb
from adapters.grpc.order_services import order_services
from adapters.grpc.server_factory import Limits
from tests.e2e.grpc_plumbing.conftest import start, stop
from tests.e2e.grpc_plumbing.hostile_cases import ANSWERED_BY_US, HOSTILE_TEXT, KEYS
from tests.unit.grpc.fake_order_use_cases import FakeOrderUseCases
from tests.unit.grpc.rich_status import rich_status

UNLIMITED = Limits(caller_rate=1e9, caller_burst=10**9)

C = grpc.StatusCode
COUNT = 600
BAD = {C.INVALID_ARGUMENT}
METHODS: dict[str, type[Message]] = {
    "/erp.v1.OrderService/ListOrders": pb.ListOrdersRequest, "/erp.v1.OrderService/GetOrder": pb.GetOrderRequest,
    "/erp.v1.OrderService/CountOrders": pb.CountOrdersRequest,
    "/erp.v1.OrderService/SyncShopOrders": pb.SyncShopOrdersRequest,
    "/erp.v1.OrderService/ReplayShopOrders": pb.ReplayShopOrdersRequest,
    "/google.longrunning.Operations/GetOperation": operations_pb2.GetOperationRequest,
}
PATHS = {cls: path for path, cls in METHODS.items()}
YEAR_1 = timestamp_pb2.Timestamp(seconds=-62135596800)


@dataclass(frozen=True)
class Case:
    kind: str
    path: str
    payload: bytes
    metadata: tuple[tuple[str, str], ...]
    allowed: frozenset[grpc.StatusCode]


def case(kind: str, request: Message, allowed: set, who: str = "alice") -> Case:
    return Case(kind, PATHS[type(request)], request.SerializeToString(), tuple(KEYS[who]), frozenset(allowed))


def raw_bytes(rng: random.Random) -> Case:
    path = rng.choice(list(METHODS))
    payload = rng.randbytes(rng.randint(1, 64))
    try:
        METHODS[path].FromString(payload)
        allowed = ANSWERED_BY_US
    except DecodeError:
        allowed = BAD
    return Case("random-bytes", path, payload, tuple(KEYS["admin"]), frozenset(allowed))


def empty(rng: random.Random) -> Case:
    path = rng.choice(list(METHODS))
    return Case("empty", path, b"", tuple(KEYS["alice"]), frozenset({C.OK} if path.endswith(("/ListOrders", "/CountOrders")) else BAD))


def bad_enums(rng: random.Random) -> Case:
    bad = rng.choice([0, rng.randint(52, 2**31 - 1), -rng.randint(1, 2**31)])
    return rng.choice([case("enum", pb.ListOrdersRequest(states=[1, bad]), BAD),
                       case("enum", pb.ListOrdersRequest(temu_statuses=[2, rng.choice([bad, 6, 40])]), BAD)])


def injected(rng: random.Random) -> Case:
    text = rng.choice(HOSTILE_TEXT)
    return rng.choice([
        case("injection", pb.GetOrderRequest(name=text), BAD),
        case("injection", pb.GetOrderRequest(name=f"orders/{text}"), {C.INVALID_ARGUMENT, C.NOT_FOUND}),
        case("injection", operations_pb2.GetOperationRequest(name=f"operations/x{text}"),
             {C.INVALID_ARGUMENT, C.NOT_FOUND}),
        case("injection", pb.ListOrdersRequest(seller_sku=text, parent_order_sn=text), {C.OK, C.INVALID_ARGUMENT}),
        case("injection", pb.ListOrdersRequest(shops=[f"shops/{text}"]), {C.OK, C.INVALID_ARGUMENT}),
        case("injection", pb.ListOrdersRequest(recipient_name=text, product_name=text, seller_sku_prefix=text,
                                               order_sns=[text], labels=[text], warnings=[text]), {C.OK, C.INVALID_ARGUMENT}),
        case("injection", pb.CountOrdersRequest(recipient_name=text, exception_reasons=[text]), {C.OK, C.INVALID_ARGUMENT}),
        case("injection", pb.ListOrdersRequest(order_by=text), {C.OK} if not text.strip() else BAD),
        case("injection", pb.SyncShopOrdersRequest(shop=f"shops/{text}"), {C.INVALID_ARGUMENT, C.NOT_FOUND}),
        case("request-id", pb.SyncShopOrdersRequest(shop="shops/alice-1", request_id=text), BAD),
    ])


def bad_times(rng: random.Random) -> Case:
    def stamp() -> timestamp_pb2.Timestamp:
        return timestamp_pb2.Timestamp(seconds=rng.randint(-2**62, 2**62), nanos=rng.randint(-2**31, 2**31 - 1))

    return rng.choice([
        case("time", pb.ListOrdersRequest(ship_by_before=stamp()), BAD),
        case("time", pb.ListOrdersRequest(create_time_range=pb.TimeRange(start_time=stamp(), end_time=stamp())), BAD),
        case("time", pb.ReplayShopOrdersRequest(shop="shops/alice-1", start_time=stamp(), end_time=stamp()), BAD),
        case("time", pb.ReplayShopOrdersRequest(shop="shops/alice-1", start_time=YEAR_1, end_time=YEAR_1), BAD),
        case("time", pb.ListOrdersRequest(update_time_range=pb.TimeRange(end_time=YEAR_1)), BAD),
        case("time", pb.ListOrdersRequest(page_size=-1), BAD),
    ])


def paging_and_size(rng: random.Random) -> Case:
    token = rng.choice([rng.choice(HOSTILE_TEXT), rng.randbytes(12).hex(), "x" * rng.randint(1025, 5000)])
    return rng.choice([
        case("page-token", pb.ListOrdersRequest(page_token=token, page_size=rng.randint(-5, 10**6)), BAD),
        case("oversized", pb.ListOrdersRequest(shops=["shops/alice-1"] * rng.randint(101, 5000)), BAD),
        case("oversized", pb.ListOrdersRequest(seller_sku="x" * rng.randint(129, 200_000)), BAD),
        case("oversized", pb.GetOrderRequest(name="orders/" + "x" * rng.randint(64, 200_000)), BAD),
    ])


def access_and_credentials(rng: random.Random) -> Case:
    md = rng.choice([(), (("x-api-key", "wrong-key"),), (("authorization", "Basic YTpi"),)])
    return rng.choice([
        case("access", pb.GetOrderRequest(name="orders/o1"), {C.NOT_FOUND}, who="bob"),
        case("access", pb.SyncShopOrdersRequest(shop="shops/alice-1"), {C.NOT_FOUND}, who="bob"),
        case("access", pb.SyncShopOrdersRequest(shop="shops/alice-expired"), {C.FAILED_PRECONDITION}),
        Case("credentials", PATHS[pb.ListOrdersRequest], b"", md, frozenset({C.UNAUTHENTICATED})),
    ])


BUILDERS: list[Callable[[random.Random], Case]] = [raw_bytes, empty, bad_enums, injected, bad_times,
                                                   paging_and_size, access_and_credentials]


def send(channel: grpc.Channel, c: Case) -> tuple[Case, grpc.StatusCode, grpc.RpcError | None]:
    try:
        channel.unary_unary(c.path)(c.payload, metadata=c.metadata, timeout=20)
        return c, C.OK, None
    except grpc.RpcError as err:
        return c, err.code(), err


@pytest.fixture(scope="module")
def running():
    # NOTE: no caller rate limit here: these requests test the answers to their content.
    running = start(extra_services=order_services(FakeOrderUseCases()), limits=UNLIMITED)
    yield running
    stop(running)


@pytest.fixture(scope="module")
def results(running):
    rng = random.Random(20261102)
    cases = [BUILDERS[i % len(BUILDERS)](rng) for i in range(COUNT)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        return list(pool.map(lambda c: send(running.channel, c), cases))


def test_every_hostile_order_request_gets_a_fitting_code_and_none_is_unknown(results):
    misfits = Counter((c.kind, c.path, code.name) for c, code, _ in results if code not in c.allowed)
    assert misfits == Counter()
    assert {code for _, code, _ in results}.isdisjoint({C.UNKNOWN, C.INTERNAL})
    assert {c.kind for c, _, _ in results} >= {"random-bytes", "empty", "enum", "injection", "time",
                                               "page-token", "oversized", "access", "credentials"}


def test_every_error_we_answer_carries_error_info_and_invalid_arguments_name_fields(results):
    problems = []
    for c, code, err in results:
        if err is None or code not in ANSWERED_BY_US:
            continue
        _, details = rich_status(err)
        if not (details.get("ErrorInfo") and details["ErrorInfo"].domain == DOMAIN):
            problems.append(f"{c.kind} {c.path}: no ErrorInfo")
        if code is C.INVALID_ARGUMENT and not details.get("BadRequest"):
            problems.append(f"{c.kind} {c.path}: no field violations")
    assert problems == []


def test_the_server_still_serves_orders_after_the_run(running, results):
    health = health_pb2_grpc.HealthStub(running.channel)
    assert health.Check(health_pb2.HealthCheckRequest(service="erp.v1.OrderService"), timeout=5).status == \
        health_pb2.HealthCheckResponse.SERVING
    list_orders = running.channel.unary_unary(PATHS[pb.ListOrdersRequest],
                                              response_deserializer=pb.ListOrdersResponse.FromString)
    reply = list_orders(b"", metadata=KEYS["alice"], timeout=5)
    assert reply.total_size == 5
