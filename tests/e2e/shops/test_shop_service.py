"""Every scenario of issue 2's "What a user can do", through a real gRPC server and real HTTP to
the Temu sandbox, asserting the status code and the ErrorInfo reason."""
from __future__ import annotations

import time
import uuid

import grpc
import pytest

from adapters.grpc.gen.erp.v1 import shop_pb2, shop_service_pb2 as pb
from domain.principal import Role
from tests.e2e.conftest import APP_KEY, Stack
from tests.unit.grpc.rich_status import rich_status

US, EU = shop_pb2.REGION_US, shop_pb2.REGION_EU
CROSS, LOCAL = shop_pb2.SHOP_KIND_CROSS_BORDER, shop_pb2.SHOP_KIND_LOCAL


def _mall(stack: Stack, local: bool = False) -> int:
    return stack.temu.add_mall(mall_type=100 if local else 1)


def _token(stack: Stack, mall: int, gateway: str = "us", kind: str = "order", **kw) -> str:
    region = {"us": 211, "eu": 210, "pa": 211}[gateway]
    return stack.temu.issue_token(mall, gateway=gateway, region_id=region, kind=kind, app_key=APP_KEY, **kw)


def _authorize(stack: Stack, name: str, token: str, region=US, kind=CROSS, key=None, **kw):
    return stack.shops().AuthorizeShop(
        pb.AuthorizeShopRequest(display_name=name, kind=kind, region=region, token=token, **kw),
        metadata=stack.md(key))


def _refused(call, code: grpc.StatusCode, reason: str):
    with pytest.raises(grpc.RpcError) as err:
        call()
    assert err.value.code() == code, err.value.details()
    status, details = rich_status(err.value)
    assert details["ErrorInfo"].reason == reason
    return err.value, details


def test_a_cross_border_shop_is_authorized_in_two_steps(stack):
    mall = _mall(stack)
    shop = _authorize(stack, "Home US", _token(stack, mall)).shop
    assert shop.auth_status == shop_pb2.AUTH_STATUS_PARTIAL and shop.mall_id == mall
    shop = stack.shops().AddProductToken(pb.AddProductTokenRequest(
        shop=shop.name, token=_token(stack, mall, "pa", "product")), metadata=stack.md()).shop
    assert shop.auth_status == shop_pb2.AUTH_STATUS_AUTHORIZED
    got = stack.shops().GetShop(pb.GetShopRequest(name=shop.name), metadata=stack.md()).shop
    assert {c.kind for c in got.credentials} == {shop_pb2.TOKEN_KIND_ORDER, shop_pb2.TOKEN_KIND_PRODUCT}


def test_the_other_region_completes_step_2_by_itself(stack):
    mall = _mall(stack)
    us = _authorize(stack, "Home US", _token(stack, mall)).shop
    stack.shops().AddProductToken(pb.AddProductTokenRequest(
        shop=us.name, token=_token(stack, mall, "pa", "product")), metadata=stack.md())
    eu = _authorize(stack, "Home EU", _token(stack, mall, "eu"), region=EU)
    assert eu.product_token_reused and eu.shop.auth_status == shop_pb2.AUTH_STATUS_AUTHORIZED


def test_a_local_shop_is_authorized_with_one_token_and_refused_in_the_eu(stack):
    mall = _mall(stack, local=True)
    shop = _authorize(stack, "Local", _token(stack, mall, kind="local"), kind=LOCAL).shop
    assert shop.auth_status == shop_pb2.AUTH_STATUS_AUTHORIZED
    _refused(lambda: _authorize(stack, "Local EU", "whatever-token", region=EU, kind=LOCAL),
             grpc.StatusCode.INVALID_ARGUMENT, "LOCAL_SHOP_REGION_UNSUPPORTED")


@pytest.mark.parametrize("case, code, reason", [
    ("product_token", grpc.StatusCode.FAILED_PRECONDITION, "NOT_AN_ORDER_TOKEN"),
    ("expired", grpc.StatusCode.FAILED_PRECONDITION, "TOKEN_EXPIRED"),
    ("unknown", grpc.StatusCode.FAILED_PRECONDITION, "TOKEN_UNKNOWN"),
])
def test_a_wrong_token_is_refused_with_the_back_office_address(stack, case, code, reason):
    mall = _mall(stack)
    token = {"product_token": lambda: _token(stack, mall, "us", "order", scopes=["bg.open.accesstoken.info.get"]),
             "expired": lambda: _token(stack, mall, expired_time=int(time.time()) - 10),
             "unknown": lambda: "never-issued-token-123"}[case]()
    err, details = _refused(lambda: _authorize(stack, "Home", token), code, reason)
    assert "temu.com" in details["Help"].links[0].url
    assert token not in err.details()


def test_the_missing_order_scopes_are_named(stack):
    mall = _mall(stack)
    token = _token(stack, mall, scopes=["bg.open.accesstoken.info.get", "bg.order.list.v2.get"])
    _, details = _refused(lambda: _authorize(stack, "Home", token), grpc.StatusCode.FAILED_PRECONDITION,
                          "NOT_AN_ORDER_TOKEN")
    assert "bg.order.shippinginfo.v2.get" in details["ErrorInfo"].metadata["missing_scopes"]


def test_a_shop_already_authorized_is_refused_naming_the_existing_shop(stack):
    mall = _mall(stack)
    first = _authorize(stack, "Home US", _token(stack, mall)).shop
    err, details = _refused(lambda: _authorize(stack, "Second", _token(stack, mall)),
                            grpc.StatusCode.ALREADY_EXISTS, "SHOP_ALREADY_AUTHORIZED")
    assert "Home US" in err.details() and details["ErrorInfo"].metadata["existing_shop_id"] in first.name


def test_a_shop_held_by_another_owner_is_refused_without_its_id_or_name_and_the_admin_sees_both(stack):
    mall = _mall(stack)
    alice, alice_key = stack.key_for("Alice", Role.SHOP_OWNER)
    _, bob_key = stack.key_for("Bob", Role.SHOP_OWNER)
    held = _authorize(stack, "Alice Private Label", _token(stack, mall), key=alice_key).shop
    err, details = _refused(lambda: _authorize(stack, "Bob's", _token(stack, mall), key=bob_key),
                            grpc.StatusCode.ALREADY_EXISTS, "SHOP_ALREADY_AUTHORIZED")
    sent = rich_status(err)[0].SerializeToString()
    assert b"Alice Private Label" not in sent and held.name.split("/")[1].encode() not in sent
    assert "administrator" in err.details()
    err, details = _refused(lambda: _authorize(stack, "Admin's", _token(stack, mall)),
                            grpc.StatusCode.ALREADY_EXISTS, "SHOP_ALREADY_AUTHORIZED")
    assert "Alice Private Label" in err.details() and details["ErrorInfo"].metadata["existing_shop_id"] in held.name


def test_reauthorizing_keeps_the_shop_and_refuses_another_shops_token(stack):
    mall = _mall(stack)
    shop = _authorize(stack, "Home US", _token(stack, mall, expired_time=int(time.time()) + 86400 * 3)).shop
    assert shop.expiry_warning_days == 7
    renewed = stack.shops().ReauthorizeShop(pb.ReauthorizeShopRequest(
        shop=shop.name, token=_token(stack, mall)), metadata=stack.md()).shop
    assert renewed.name == shop.name and not renewed.HasField("expiry_warning_days")
    other = _token(stack, _mall(stack))
    _refused(lambda: stack.shops().ReauthorizeShop(pb.ReauthorizeShopRequest(shop=shop.name, token=other),
                                                  metadata=stack.md()),
             grpc.StatusCode.FAILED_PRECONDITION, "TOKEN_OF_ANOTHER_SHOP")


def test_shops_are_listed_and_searched_by_status_and_name(stack):
    shops = [_authorize(stack, f"Garden {i}", _token(stack, _mall(stack))).shop for i in range(5)]
    stack.shops().DisableShop(pb.DisableShopRequest(name=shops[0].name), metadata=stack.md())
    listed = stack.shops().ListShops(pb.ListShopsRequest(status=shop_pb2.SHOP_STATUS_DISABLED), metadata=stack.md())
    assert [s.name for s in listed.shops] == [shops[0].name]
    page1 = stack.shops().ListShops(pb.ListShopsRequest(page_size=3, name_contains="garden"), metadata=stack.md())
    page2 = stack.shops().ListShops(pb.ListShopsRequest(page_size=3, name_contains="garden",
                                                        page_token=page1.next_page_token), metadata=stack.md())
    assert page1.total_size == 5 and len(page1.shops) + len(page2.shops) == 5 and not page2.next_page_token
    partial = stack.shops().ListShops(pb.ListShopsRequest(auth_status=shop_pb2.AUTH_STATUS_PARTIAL), metadata=stack.md())
    assert len(partial.shops) == 5


def test_a_shop_is_renamed_disabled_and_enabled_with_unique_names(stack):
    a = _authorize(stack, "Alpha", _token(stack, _mall(stack))).shop
    b = _authorize(stack, "Beta", _token(stack, _mall(stack))).shop
    renamed = stack.shops().UpdateShop(pb.UpdateShopRequest(shop=shop_pb2.Shop(name=a.name, display_name="Gamma")),
                                       metadata=stack.md()).shop
    assert renamed.display_name == "Gamma"
    _refused(lambda: stack.shops().UpdateShop(pb.UpdateShopRequest(shop=shop_pb2.Shop(name=b.name, display_name="gamma")),
                                              metadata=stack.md()), grpc.StatusCode.ALREADY_EXISTS, "SHOP_NAME_TAKEN")
    off = stack.shops().DisableShop(pb.DisableShopRequest(name=b.name), metadata=stack.md()).shop
    assert off.status == shop_pb2.SHOP_STATUS_DISABLED
    on = stack.shops().EnableShop(pb.EnableShopRequest(name=b.name), metadata=stack.md()).shop
    assert on.status == shop_pb2.SHOP_STATUS_ENABLED


def test_an_expired_shop_is_flagged_and_temu_is_not_called_with_its_token(stack):
    mall = _mall(stack)
    shop = _authorize(stack, "Soon", _token(stack, mall, expired_time=int(time.time()) + 2)).shop
    assert shop.expiry_warning_days == 1
    time.sleep(2.2)
    got = stack.shops().GetShop(pb.GetShopRequest(name=shop.name), metadata=stack.md()).shop
    assert got.auth_status == shop_pb2.AUTH_STATUS_EXPIRED
    expired = stack.shops().ListShops(pb.ListShopsRequest(auth_status=shop_pb2.AUTH_STATUS_EXPIRED), metadata=stack.md())
    assert [s.name for s in expired.shops] == [shop.name]


def test_a_shop_owner_sees_only_their_shops_and_cannot_authorize_for_others(stack):
    alice, alice_key = stack.key_for("alice", Role.SHOP_OWNER)
    bob, _ = stack.key_for("bob", Role.SHOP_OWNER)
    _refused(lambda: _authorize(stack, "For Bob", _token(stack, _mall(stack)), key=alice_key, owner=bob),
             grpc.StatusCode.PERMISSION_DENIED, "NOT_ALLOWED_FOR_OTHER_OWNER")
    mine = _authorize(stack, "Alice's", _token(stack, _mall(stack)), key=alice_key).shop
    admins = _authorize(stack, "Admin's", _token(stack, _mall(stack))).shop
    listed = stack.shops().ListShops(pb.ListShopsRequest(), metadata=stack.md(alice_key))
    assert [s.name for s in listed.shops] == [mine.name]
    _refused(lambda: stack.shops().GetShop(pb.GetShopRequest(name=admins.name), metadata=stack.md(alice_key)),
             grpc.StatusCode.NOT_FOUND, "SHOP_NOT_FOUND")


def test_a_missing_or_wrong_api_key_is_unauthenticated(stack):
    for md in ((), (("x-api-key", "erp_wrong"),)):
        with pytest.raises(grpc.RpcError) as err:
            stack.shops().ListShops(pb.ListShopsRequest(), metadata=md)
        assert err.value.code() == grpc.StatusCode.UNAUTHENTICATED


def test_a_repeated_request_id_returns_the_first_shop(stack):
    token, rid = _token(stack, _mall(stack)), str(uuid.uuid4())
    first = _authorize(stack, "Once", token, request_id=rid).shop
    again = _authorize(stack, "Once", token, request_id=rid).shop
    assert again.name == first.name
    _refused(lambda: _authorize(stack, "Twice", token, request_id=rid),
             grpc.StatusCode.INVALID_ARGUMENT, "REQUEST_ID_REUSED")


def test_a_rename_from_a_stale_read_is_aborted(stack):
    shop = _authorize(stack, "Etag", _token(stack, _mall(stack))).shop
    fresh = stack.shops().UpdateShop(pb.UpdateShopRequest(shop=shop_pb2.Shop(
        name=shop.name, display_name="Etag 2", etag_version=shop.etag_version)), metadata=stack.md()).shop
    assert fresh.etag_version > shop.etag_version
    _refused(lambda: stack.shops().UpdateShop(pb.UpdateShopRequest(shop=shop_pb2.Shop(
        name=shop.name, display_name="Etag 3", etag_version=shop.etag_version)), metadata=stack.md()),
        grpc.StatusCode.ABORTED, "ETAG_MISMATCH")
