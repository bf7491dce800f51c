"""API keys (AUTH-12) and AIP-155 request ids."""
from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlalchemy.util import greenlet_spawn

from adapters.persistence.principals import SqlApiKeyLookup
from adapters.persistence.tables import api_keys
from adapters.persistence.uow import uow_factory
from application.ports.repositories import IdempotencyRecord
from domain.errors import ConcurrencyConflict
from domain.principal import Role
from tests.unit.grpc.loop_thread import LoopThread


def new_principal_with_key(db, name: str = "Alice", role: Role = Role.SHOP_OWNER):
    with db.uow() as uow:
        principal = uow.principals.create_principal(name, role)
        api_key = uow.principals.issue_api_key(principal.id)
        uow.commit()
    return principal, api_key


def test_an_issued_api_key_identifies_its_principal_and_is_stored_only_hashed(db):
    principal, api_key = new_principal_with_key(db)

    with uow_factory(db.engine, db.keyring, reads_only=True)() as uow:
        assert uow.principals.by_api_key(api_key) == principal
        assert uow.principals.get(principal.id) == principal
        assert uow.principals.by_api_key(api_key + "x") is None
    with db.engine.connect() as conn:
        row = conn.execute(sa.select(api_keys)).one()
    assert api_key.startswith("erp_") and row.prefix == api_key[:8]
    assert api_key not in {str(v) for v in row}


def test_a_revoked_api_key_is_refused(db):
    _, api_key = new_principal_with_key(db, "Admin", Role.ADMIN)
    with db.uow() as uow:
        assert uow.principals.revoke_api_key(api_key)
        uow.commit()

    with db.uow() as uow:
        assert uow.principals.by_api_key(api_key) is None
        assert not uow.principals.revoke_api_key(api_key)


def test_a_key_revoked_elsewhere_is_refused_by_the_next_lookup_on_the_servers_event_loop(db):
    """The gRPC server looks keys up on its loop, on connections it keeps (one per loop on SQLite):
    a kept connection must not answer from before the revocation."""
    principal, api_key = new_principal_with_key(db)
    keys, loop = SqlApiKeyLookup(db.engine), LoopThread()
    try:
        assert loop.run(greenlet_spawn(keys.by_api_key, api_key)) == principal
        with db.uow() as uow:
            assert uow.principals.revoke_api_key(api_key)
            uow.commit()
        assert loop.run(greenlet_spawn(keys.by_api_key, api_key)) is None
    finally:
        loop.close()


def test_a_request_id_remembers_the_first_answer(db):
    with db.uow() as uow:
        assert uow.idempotency.get("alice", "AuthorizeShop", "r-1") is None
        uow.idempotency.put("alice", "AuthorizeShop", "r-1", IdempotencyRecord("hash-1", "shop-1"))
        uow.commit()

    with db.uow() as uow:
        assert uow.idempotency.get("alice", "AuthorizeShop", "r-1") == IdempotencyRecord("hash-1", "shop-1")
        assert uow.idempotency.get("bob", "AuthorizeShop", "r-1") is None


def test_a_request_id_stored_twice_is_a_retryable_conflict(db):
    record = IdempotencyRecord("hash-1", "shop-1")
    with db.uow() as uow:
        uow.idempotency.put("alice", "AuthorizeShop", "r-1", record)
        uow.commit()

    with db.uow() as uow, pytest.raises(ConcurrencyConflict):
        uow.idempotency.put("alice", "AuthorizeShop", "r-1", record)
