"""Hostile FulfillmentService requests (issue 10, acceptance 5), each with the codes that may
answer it: unknown ids, zero and negative quantities, splits over and under the units, merges
across shops, huge batches, duplicate ids in one batch, another owner's orders, random bytes."""
from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass

import grpc
from google.protobuf.message import DecodeError, Message

from adapters.grpc.gen.erp.v1 import fulfillment_service_pb2 as pb
from tests.e2e.grpc_plumbing.hostile_cases import HOSTILE_TEXT

C = grpc.StatusCode
BAD = frozenset({C.INVALID_ARGUMENT})
REFUSED = frozenset({C.INVALID_ARGUMENT, C.NOT_FOUND, C.FAILED_PRECONDITION})
OURS = REFUSED | {C.OK, C.UNAUTHENTICATED}
SERVICE = "/erp.v1.FulfillmentService/"
REQUESTS: dict[str, type[Message]] = {name.removesuffix("Request"): cls for name, cls in vars(pb).items()
                                      if name.endswith("Request") and isinstance(cls, type)}


@dataclass(frozen=True)
class World:
    """What the cases name: alice's orders (one shop, one address), an order of bob's shop, her route."""

    alice: tuple[tuple[str, str], ...]
    bob: tuple[tuple[str, str], ...]
    orders: tuple[str, ...]  # `orders/{id}` of alice, each one line of 3 units
    order_sns: dict[str, str]  # order name -> its line's orderSn
    other_shop_order: str  # alice's order in her second shop
    bobs_order: str
    warehouse: str
    channel: str


@dataclass(frozen=True)
class Case:
    kind: str
    method: str
    payload: bytes
    metadata: tuple[tuple[str, str], ...]
    allowed: frozenset[grpc.StatusCode]

    @property
    def path(self) -> str:
        return SERVICE + self.method


def case(kind: str, request: Message, allowed: frozenset, md) -> Case:
    return Case(kind, type(request).__name__.removesuffix("Request"), request.SerializeToString(), md, allowed)


def unknown_ids(w: World, rng: random.Random) -> Case:
    ghost = f"orders/{uuid.uuid4()}"
    return rng.choice([
        case("unknown", pb.AuditOrdersRequest(orders=[ghost, rng.choice(w.orders)]), frozenset({C.OK}), w.alice),
        case("unknown", pb.SplitOrderRequest(order=ghost, parts=[_part("1", 1), _part("1", 1)]), frozenset({C.NOT_FOUND}), w.alice),
        case("unknown", pb.GetPackageRequest(name=f"packages/{uuid.uuid4()}"), frozenset({C.NOT_FOUND}), w.alice),
        case("unknown", pb.GetLabelRequest(name=f"packages/{uuid.uuid4()}"), frozenset({C.NOT_FOUND}), w.alice),
        case("unknown", pb.VoidLabelRequest(name=f"packages/{uuid.uuid4()}"), frozenset({C.NOT_FOUND}), w.alice),
        case("unknown", pb.AssignFulfillmentRequest(orders=[rng.choice(w.orders)], warehouse=f"warehouses/{uuid.uuid4()}",
                                                   channel=w.channel), frozenset({C.NOT_FOUND}), w.alice),
        case("unknown", pb.AssignFulfillmentRequest(orders=[rng.choice(w.orders)], warehouse=w.warehouse,
                                                   channel=f"channels/{uuid.uuid4()}"), frozenset({C.NOT_FOUND}), w.alice),
    ])


def _part(order_sn: str, quantity: int) -> pb.SplitPart:
    return pb.SplitPart(lines=[pb.SplitLine(order_sn=order_sn, quantity=quantity)])


def quantities(w: World, rng: random.Random) -> Case:
    order = rng.choice(w.orders)
    sn = w.order_sns[order]
    q = rng.choice([0, -1, -rng.randint(2, 2**31), rng.randint(100_001, 2**31 - 1)])
    over = rng.choice([(1, 3), (2, 2), (3, 3), (1, 1), (4, 1)])  # 3 units to ship: never a match
    return rng.choice([
        case("quantity", pb.SplitOrderRequest(order=order, parts=[_part(sn, q), _part(sn, 3)]), BAD, w.alice),
        case("split-units", pb.SplitOrderRequest(order=order, parts=[_part(sn, over[0]), _part(sn, over[1])]),
             REFUSED - {C.NOT_FOUND}, w.alice),
        case("split-units", pb.SplitOrderRequest(order=order, parts=[_part("no-such-line", 1), _part(sn, 2)]),
             REFUSED - {C.NOT_FOUND}, w.alice),
        case("split-units", pb.SplitOrderRequest(order=order, parts=[_part(sn, 3)]), BAD, w.alice),
    ])


def merges(w: World, rng: random.Random) -> Case:
    a = rng.choice(w.orders)
    return rng.choice([
        case("merge-shops", pb.MergeOrdersRequest(orders=[a, w.other_shop_order]), frozenset({C.FAILED_PRECONDITION}), w.alice),
        case("merge-shops", pb.MergeOrdersRequest(orders=[a, w.bobs_order]), frozenset({C.NOT_FOUND}), w.alice),
        case("merge-one", pb.MergeOrdersRequest(orders=[a]), BAD, w.alice),
        case("merge-one", pb.MergeOrdersRequest(orders=[a, a]), frozenset({C.INVALID_ARGUMENT, C.FAILED_PRECONDITION}), w.alice),
    ])


def batches(w: World, rng: random.Random) -> Case:
    many = [rng.choice(w.orders) for _ in range(rng.randint(501, 3000))]
    twice = [rng.choice(w.orders)] * rng.randint(2, 5)
    return rng.choice([
        case("huge-batch", pb.AuditOrdersRequest(orders=many), BAD, w.alice),
        case("huge-batch", pb.AssignFulfillmentRequest(orders=many, warehouse=w.warehouse, channel=w.channel), BAD, w.alice),
        case("empty-batch", pb.AuditOrdersRequest(), BAD, w.alice),
        case("duplicates", pb.AuditOrdersRequest(orders=twice), frozenset({C.OK}), w.alice),
        case("duplicates", pb.AssignFulfillmentRequest(orders=twice, warehouse=w.warehouse, channel=w.channel),
             frozenset({C.OK}), w.alice),
    ])


def other_owner(w: World, rng: random.Random) -> Case:
    return rng.choice([
        case("other-owner", pb.AuditOrdersRequest(orders=[rng.choice(w.orders)]), frozenset({C.OK}), w.bob),
        case("other-owner", pb.UndoSplitOrMergeRequest(order=rng.choice(w.orders)), frozenset({C.NOT_FOUND}), w.bob),
        case("other-owner", pb.AssignFulfillmentRequest(orders=[w.bobs_order], warehouse=w.warehouse, channel=w.channel),
             frozenset({C.NOT_FOUND}), w.bob),
    ])


def injected(w: World, rng: random.Random) -> Case:
    text = rng.choice(HOSTILE_TEXT)
    return rng.choice([
        case("injection", pb.AuditOrdersRequest(orders=[text]), BAD, w.alice),
        case("injection", pb.AuditOrdersRequest(orders=[f"orders/{text}"]), frozenset({C.OK, C.INVALID_ARGUMENT}), w.alice),
        case("injection", pb.GetPackageRequest(name=f"packages/{text}"), frozenset({C.INVALID_ARGUMENT, C.NOT_FOUND}), w.alice),
        case("injection", pb.UndoSplitOrMergeRequest(order=rng.choice(w.orders), request_id=text), BAD, w.alice),
        case("injection", pb.ListPackagesRequest(page_token=text, page_size=rng.randint(-5, 10**6)), BAD, w.alice),
        case("injection", pb.ListPackagesRequest(states=[rng.choice([-1, 99, 2**31 - 1])]), BAD, w.alice),
    ])


def raw_bytes(w: World, rng: random.Random) -> Case:
    method = rng.choice(list(REQUESTS))
    payload = rng.randbytes(rng.randint(1, 64))
    try:
        REQUESTS[method].FromString(payload)
        allowed = OURS
    except DecodeError:
        allowed = BAD
    return Case("random-bytes", method, payload, w.alice, frozenset(allowed))


def legit(w: World, rng: random.Random) -> Case:
    """Good requests in between, so the hostile ones meet orders in every state."""
    order = rng.choice(w.orders)
    return rng.choice([
        case("legit", pb.AssignFulfillmentRequest(orders=[order], warehouse=w.warehouse, channel=w.channel),
             frozenset({C.OK}), w.alice),
        case("legit", pb.SplitOrderRequest(order=order, parts=[_part(w.order_sns[order], 1), _part(w.order_sns[order], 2)]),
             frozenset({C.OK, C.FAILED_PRECONDITION}), w.alice),
        case("legit", pb.MergeOrdersRequest(orders=list(rng.sample(w.orders, 2))), frozenset({C.OK, C.FAILED_PRECONDITION}), w.alice),
        case("legit", pb.UndoSplitOrMergeRequest(order=order), frozenset({C.OK, C.FAILED_PRECONDITION}), w.alice),
        case("legit", pb.ListPackagesRequest(order=order), frozenset({C.OK}), w.alice),
    ])


BUILDERS: list[Callable[[World, random.Random], Case]] = [unknown_ids, quantities, merges, batches, other_owner,
                                                          injected, raw_bytes, legit]
