"""API keys (AUTH-12): administrators list and revoke them over gRPC and from the console; a
revoked key is refused from the next call on, by every server process; nobody else may touch
them; the key commands need no Temu settings."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import grpc
import pytest

from adapters.grpc.gen.erp.v1 import access_service_pb2 as apb, access_service_pb2_grpc as apb_grpc
from adapters.grpc.gen.erp.v1 import shop_service_pb2 as spb
from adapters.persistence.keyring import Keyring
from domain.principal import Role
from tests.e2e.conftest import Stack
from tests.unit.grpc.rich_status import rich_status

ROOT = Path(__file__).resolve().parents[2]


def access(stack: Stack) -> apb_grpc.AccessServiceStub:
    return apb_grpc.AccessServiceStub(stack.channel)


def code_of(call) -> grpc.StatusCode:
    try:
        call()
        return grpc.StatusCode.OK
    except grpc.RpcError as err:
        return err.code()


def list_shops_with(stack: Stack, key: str) -> grpc.StatusCode:
    return code_of(lambda: stack.shops().ListShops(spb.ListShopsRequest(), metadata=stack.md(key), timeout=10))


def console(database_url: str, *args: str) -> subprocess.CompletedProcess:
    """``server.py`` in a process of its own, with the database and no Temu settings at all."""
    keys = dict(line.split("=", 1) for line in Keyring.generate("k9").dump().split())
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TEMU_", "ERP_"))}
    env |= {**keys, "ERP_DATABASE_URL": database_url, "ERP_LOG_LEVEL": "WARNING"}
    return subprocess.run([sys.executable, "server.py", *args], env=env, cwd=ROOT, capture_output=True,
                          text=True, timeout=60)


def test_an_administrator_lists_keys_without_their_secret_and_a_revoked_key_fails_on_the_next_call(stack):
    alice, alice_key = stack.key_for("Alice", Role.SHOP_OWNER)
    assert list_shops_with(stack, alice_key) is grpc.StatusCode.OK
    listed = access(stack).ListApiKeys(apb.ListApiKeysRequest(), metadata=stack.md(), timeout=10)
    mine = next(k for k in listed.api_keys if k.principal == alice)
    assert alice_key.encode() not in listed.SerializeToString() and alice_key.startswith(mine.prefix)
    assert mine.principal_display_name == "Alice" and mine.role == apb.ROLE_SHOP_OWNER
    assert not mine.HasField("revoke_time") and mine.HasField("create_time")
    revoked = access(stack).RevokeApiKey(apb.RevokeApiKeyRequest(name=mine.name), metadata=stack.md(), timeout=10)
    assert revoked.api_key.HasField("revoke_time")
    assert list_shops_with(stack, alice_key) is grpc.StatusCode.UNAUTHENTICATED


def test_an_administrator_creates_a_key_that_works_at_once_and_is_shown_once(stack):
    created = access(stack).CreateApiKey(apb.CreateApiKeyRequest(display_name="Carol", role=apb.ROLE_SHOP_OWNER),
                                         metadata=stack.md(), timeout=10)
    assert created.secret.startswith(created.api_key.prefix) and list_shops_with(stack, created.secret) == \
        grpc.StatusCode.OK
    listed = access(stack).ListApiKeys(apb.ListApiKeysRequest(), metadata=stack.md(), timeout=10)
    assert created.secret.encode() not in listed.SerializeToString()


@pytest.mark.parametrize("call", ["ListApiKeys", "CreateApiKey", "RevokeApiKey"])
def test_a_shop_owner_may_not_list_create_or_revoke_keys(stack, call):
    _, key = stack.key_for("Mallory", Role.SHOP_OWNER)
    request = {"ListApiKeys": apb.ListApiKeysRequest(),
               "CreateApiKey": apb.CreateApiKeyRequest(display_name="x", role=apb.ROLE_ADMIN),
               "RevokeApiKey": apb.RevokeApiKeyRequest(name="apiKeys/00000000-0000-4000-8000-000000000000")}[call]
    with pytest.raises(grpc.RpcError) as err:
        getattr(access(stack), call)(request, metadata=stack.md(key), timeout=10)
    assert err.value.code() is grpc.StatusCode.PERMISSION_DENIED
    assert rich_status(err.value)[1]["ErrorInfo"].reason == "ADMIN_ONLY"


def test_revoking_an_unknown_key_is_not_found(stack):
    with pytest.raises(grpc.RpcError) as err:
        access(stack).RevokeApiKey(apb.RevokeApiKeyRequest(name="apiKeys/00000000-0000-4000-8000-000000000000"),
                                   metadata=stack.md(), timeout=10)
    assert err.value.code() is grpc.StatusCode.NOT_FOUND


def test_a_key_revoked_from_the_console_is_refused_at_once_by_the_running_server(stack):
    alice, alice_key = stack.key_for("Alice", Role.SHOP_OWNER)
    assert list_shops_with(stack, alice_key) is grpc.StatusCode.OK
    listed = console(stack.app.settings.database_url, "list-api-keys")
    assert listed.returncode == 0, listed.stderr
    line = next(line for line in listed.stdout.splitlines() if alice in line)
    assert alice_key not in listed.stdout and alice_key[:8] in line and "live" in line
    revoked = console(stack.app.settings.database_url, "revoke-api-key", line.split()[0])
    assert revoked.returncode == 0, revoked.stderr
    assert list_shops_with(stack, alice_key) is grpc.StatusCode.UNAUTHENTICATED
    assert "revoked" in next(line for line in console(stack.app.settings.database_url, "list-api-keys")
                             .stdout.splitlines() if alice in line)


def test_the_key_commands_need_no_temu_settings(tmp_path):
    url = f"sqlite:///{tmp_path / 'erp.db'}"
    for args in (["migrate"], ["create-api-key", "--name", "ops", "--role", "admin"], ["list-api-keys"]):
        done = console(url, *args)
        assert done.returncode == 0, done.stderr
    assert "ops, admin" in done.stdout
    unknown = console(url, "revoke-api-key", "00000000-0000-4000-8000-000000000000")
    assert unknown.returncode == 1 and "No API key" in unknown.stderr


def test_keys_are_listed_page_by_page_and_a_foreign_page_token_is_invalid_argument(stack):
    for name in ("A", "B", "C"):
        stack.key_for(name, Role.SHOP_OWNER)
    first = access(stack).ListApiKeys(apb.ListApiKeysRequest(page_size=2), metadata=stack.md(), timeout=10)
    rest = access(stack).ListApiKeys(apb.ListApiKeysRequest(page_size=2, page_token=first.next_page_token),
                                     metadata=stack.md(), timeout=10)
    names = [k.name for k in (*first.api_keys, *rest.api_keys)]
    assert len(names) == 4 == len(set(names)) and rest.next_page_token == ""  # the admin's key and three
    for request in (apb.ListApiKeysRequest(page_token="shops/1"), apb.ListApiKeysRequest(page_size=-1),
                    apb.RevokeApiKeyRequest(name="apiKeys/../../x")):
        call = access(stack).RevokeApiKey if isinstance(request, apb.RevokeApiKeyRequest) else \
            access(stack).ListApiKeys
        with pytest.raises(grpc.RpcError) as err:
            call(request, metadata=stack.md(), timeout=10)
        assert err.value.code() is grpc.StatusCode.INVALID_ARGUMENT
