"""Provider accounts end to end: a real gRPC server, the Goodcang and FBA sandboxes over real HTTP,
SQLite and PostgreSQL."""
from __future__ import annotations

import uuid
from collections.abc import Iterator

import grpc
import pytest
import sqlalchemy as sa

from adapters.grpc.gen.erp.v1 import provider_account_pb2 as ppb
from adapters.grpc.gen.erp.v1 import warehouse_pb2 as w
from adapters.grpc.gen.erp.v1 import warehouse_service_pb2 as pb
from adapters.persistence.warehouse_tables import provider_account_secrets, provider_accounts
from domain.principal import Role
from sandboxes.fba import FbaSandbox
from sandboxes.goodcang import DEMO_APP_KEY, DEMO_APP_TOKEN, GoodcangSandbox, seed_demo
from tests.e2e.warehouses.test_warehouse_service import call_refused

CLIENT_ID, CLIENT_SECRET = "amzn1.application-oa2-client.e2e", "amzn1.oa2-cs.v1.e2e-secret"


@pytest.fixture
def goodcang() -> Iterator[GoodcangSandbox]:
    with GoodcangSandbox() as sandbox:
        seed_demo(sandbox.registry, qps=1000)
        yield sandbox


@pytest.fixture
def fba() -> Iterator[tuple[FbaSandbox, str]]:
    sandbox = FbaSandbox().start()
    try:
        refresh = sandbox.registry.add_client(CLIENT_ID, CLIENT_SECRET)
        sandbox.registry.set_stock("MUG-BLUE", 12)
        yield sandbox, refresh
    finally:
        sandbox.stop()


def goodcang_request(sandbox, token=DEMO_APP_TOKEN) -> ppb.AuthorizeProviderAccountRequest:
    return ppb.AuthorizeProviderAccountRequest(display_name="Goodcang US", goodcang=ppb.GoodcangCredentials(
        app_key=DEMO_APP_KEY, app_token=token, base_url=sandbox.base_url), request_id=str(uuid.uuid4()))


def amazon_request(fba, secret=CLIENT_SECRET, refresh=None) -> ppb.AuthorizeProviderAccountRequest:
    sandbox, token = fba
    return ppb.AuthorizeProviderAccountRequest(display_name="Amazon US", amazon=ppb.AmazonCredentials(
        client_id=CLIENT_ID, client_secret=secret, refresh_token=refresh or token, marketplace_id="ATVPDKIKX0DER",
        endpoint=sandbox.base_url, lwa_url=sandbox.lwa_url))


def stored_accounts(stack) -> int:
    with stack.app.engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(provider_accounts)).scalar_one()


def test_a_seller_authorizes_goodcang_and_adopts_a_warehouse_with_its_channels(stack, warehouses, goodcang):
    _, key = stack.key_for("seller", Role.SHOP_OWNER)
    md = stack.md(key)
    account = warehouses.AuthorizeProviderAccount(goodcang_request(goodcang), metadata=md).provider_account
    assert account.kind == ppb.PROVIDER_KIND_GOODCANG and account.name.startswith("providerAccounts/")
    with stack.app.engine.connect() as conn:
        assert DEMO_APP_TOKEN.encode() not in conn.execute(provider_account_secrets.select()).one().ciphertext

    offered = warehouses.ListProviderWarehouses(ppb.ListProviderWarehousesRequest(provider_account=account.name),
                                                metadata=md)
    assert {x.code for x in offered.warehouses} == {"USEA", "USWE"}
    assert {(c.code, c.warehouse_code) for c in offered.channels} >= {("UPS-GROUND", "USEA"), ("USPS-PRIORITY", "USWE")}

    adopted = warehouses.AdoptProviderWarehouse(ppb.AdoptProviderWarehouseRequest(
        provider_account=account.name, warehouse_code="USEA"), metadata=md)
    assert adopted.warehouse.kind == w.WAREHOUSE_KIND_THIRD_PARTY
    assert (adopted.warehouse.provider_account_id, adopted.warehouse.provider_warehouse_code) == (
        account.name.split("/")[1], "USEA")
    assert {c.service_token for c in adopted.channels} == {"FEDEX-SMALLPARCEL", "UPS-GROUND"}
    again = warehouses.AdoptProviderWarehouse(ppb.AdoptProviderWarehouseRequest(
        provider_account=account.name, warehouse_code="USEA"), metadata=md)
    assert again.warehouse.name == adopted.warehouse.name  # a retry makes no second warehouse

    stock = warehouses.ListProviderStock(ppb.ListProviderStockRequest(
        provider_account=account.name, seller_skus=["DEMO-MUG-01"]), metadata=md).stock
    assert {(s.warehouse_code, s.available) for s in stock} == {("USEA", 500), ("USWE", 500)}


def test_an_amazon_account_becomes_the_fba_warehouse_of_its_marketplace(stack, warehouses, fba):
    _, key = stack.key_for("seller", Role.SHOP_OWNER)
    md = stack.md(key)
    account = warehouses.AuthorizeProviderAccount(amazon_request(fba), metadata=md).provider_account
    assert (account.kind, account.marketplace_id) == (ppb.PROVIDER_KIND_AMAZON, "ATVPDKIKX0DER")
    adopted = warehouses.AdoptProviderWarehouse(ppb.AdoptProviderWarehouseRequest(provider_account=account.name),
                                                metadata=md)
    assert (adopted.warehouse.kind, adopted.warehouse.provider_warehouse_code) == (w.WAREHOUSE_KIND_FBA,
                                                                                    "ATVPDKIKX0DER")
    assert {c.service_token for c in adopted.channels} == {"Standard", "Expedited", "Priority"}
    stock = warehouses.ListProviderStock(ppb.ListProviderStockRequest(provider_account=account.name), metadata=md)
    assert [(s.seller_sku, s.available) for s in stock.stock] == [("MUG-BLUE", 12)]


def test_refused_credentials_name_the_field_in_the_providers_words_and_store_nothing(stack, warehouses, goodcang,
                                                                                       fba):
    _, key = stack.key_for("seller", Role.SHOP_OWNER)
    md = stack.md(key)
    assert call_refused(warehouses.AuthorizeProviderAccount, goodcang_request(goodcang, "wrong"), md) == (
        grpc.StatusCode.INVALID_ARGUMENT, "PROVIDER_CREDENTIALS_REFUSED", ["goodcang.app_token"])
    assert call_refused(warehouses.AuthorizeProviderAccount, amazon_request(fba, secret="nope"), md)[2] == [
        "amazon.client_secret"]
    assert call_refused(warehouses.AuthorizeProviderAccount, amazon_request(fba, refresh="Atzr|revoked"), md)[2] == [
        "amazon.refresh_token"]
    assert stored_accounts(stack) == 0


def test_a_shop_owner_sees_only_their_own_accounts(stack, warehouses, goodcang):
    _, alice = stack.key_for("alice", Role.SHOP_OWNER)
    _, bob = stack.key_for("bob", Role.SHOP_OWNER)
    account = warehouses.AuthorizeProviderAccount(goodcang_request(goodcang), metadata=stack.md(alice)).provider_account
    listed = warehouses.ListProviderAccounts(ppb.ListProviderAccountsRequest(), metadata=stack.md(bob))
    assert list(listed.provider_accounts) == []
    code, reason, _ = call_refused(warehouses.ListProviderStock,
                                   ppb.ListProviderStockRequest(provider_account=account.name), stack.md(bob))
    assert (code, reason) == (grpc.StatusCode.NOT_FOUND, "PROVIDER_ACCOUNT_NOT_FOUND")
    mine = warehouses.ListProviderAccounts(ppb.ListProviderAccountsRequest(), metadata=stack.md(alice))
    assert [a.name for a in mine.provider_accounts] == [account.name]


def test_a_warehouse_the_provider_does_not_offer_is_refused_with_those_it_does(stack, warehouses, goodcang):
    _, key = stack.key_for("seller", Role.SHOP_OWNER)
    md = stack.md(key)
    account = warehouses.AuthorizeProviderAccount(goodcang_request(goodcang), metadata=md).provider_account
    code, _, fields = call_refused(warehouses.AdoptProviderWarehouse, ppb.AdoptProviderWarehouseRequest(
        provider_account=account.name, warehouse_code="NOPE"), md)
    assert (code, fields) == (grpc.StatusCode.INVALID_ARGUMENT, ["warehouse_code"])
    code, _, fields = call_refused(warehouses.AdoptProviderWarehouse, ppb.AdoptProviderWarehouseRequest(
        provider_account=account.name, warehouse_code="USEA", channel_codes=["UPS-GROUND", "DHL"]), md)
    assert fields == ["channel_codes[1]"]
    listed = warehouses.ListWarehouses(pb.ListWarehousesRequest(), metadata=md)
    assert list(listed.warehouses) == []


@pytest.mark.parametrize("request_, fields", [
    (ppb.AuthorizeProviderAccountRequest(display_name="x"), ["credentials"]),
    (ppb.AuthorizeProviderAccountRequest(display_name="", goodcang=ppb.GoodcangCredentials(
        app_key="k", app_token="has space", base_url="ftp://x")),
     ["display_name", "goodcang.app_token", "goodcang.base_url"]),
    (ppb.AuthorizeProviderAccountRequest(display_name="A", amazon=ppb.AmazonCredentials(
        client_id="c", client_secret="s", refresh_token="r")), ["amazon.marketplace_id"]),
], ids=["no credentials", "bad goodcang fields", "no marketplace"])
def test_malformed_credentials_are_refused_before_any_provider_call(stack, warehouses, request_, fields):
    _, key = stack.key_for("seller", Role.SHOP_OWNER)
    code, _, named = call_refused(warehouses.AuthorizeProviderAccount, request_, stack.md(key))
    assert (code, named) == (grpc.StatusCode.INVALID_ARGUMENT, fields)
    assert stored_accounts(stack) == 0


def test_a_retried_authorization_with_its_request_id_answers_the_same_account(stack, warehouses, goodcang):
    _, key = stack.key_for("seller", Role.SHOP_OWNER)
    request = goodcang_request(goodcang)
    first = warehouses.AuthorizeProviderAccount(request, metadata=stack.md(key)).provider_account
    again = warehouses.AuthorizeProviderAccount(request, metadata=stack.md(key)).provider_account
    assert again.name == first.name and stored_accounts(stack) == 1
