"""Provider accounts (Goodcang, Amazon) kept in the database, credentials encrypted (SQLite, PostgreSQL)."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone

import pytest
import sqlalchemy as sa

from adapters.persistence.keyring import Keyring
from adapters.persistence.vault import rotate_all
from adapters.persistence.warehouse_tables import provider_account_secrets
from application.ports.providers import AmazonCredentials, GoodcangCredentials
from domain.errors import NotFound, PreconditionFailed, ValidationFailed
from domain.provider_account import ProviderAccount

NOW = datetime(2026, 12, 2, 1, 0, tzinfo=timezone.utc)
TOKEN = "goodcang-token-canary-never-in-clear"
REFRESH = "Atzr|refresh-canary-never-in-clear"


def stored(db, kind: str = "GOODCANG", owner: str = "owner-1", name: str = "Goodcang main") -> str:
    account = ProviderAccount.open(id=str(uuid.uuid4()), owner_id=owner, kind=kind, display_name=name,
                                   marketplace_id="ATVPDKIKX0DER", verified_at=NOW)
    credentials = (GoodcangCredentials("key-1", TOKEN, "http://127.0.0.1:9") if kind == "GOODCANG" else
                   AmazonCredentials("amzn1.application-oa2-client.x", "secret", REFRESH, "ATVPDKIKX0DER",
                                     "http://127.0.0.1:9", "http://127.0.0.1:9/auth/o2/token"))
    with db.uow() as uow:
        uow.provider_accounts.add(account, credentials)
        uow.commit()
    return account.id


def test_both_kinds_come_back_with_their_credentials(db):
    goodcang, amazon = stored(db), stored(db, "AMAZON", name="Amazon US")
    with db.uow() as uow:
        assert uow.provider_accounts.credentials(goodcang) == GoodcangCredentials("key-1", TOKEN, "http://127.0.0.1:9")
        creds = uow.provider_accounts.credentials(amazon)
        assert isinstance(creds, AmazonCredentials) and creds.refresh_token == REFRESH
        loaded = uow.provider_accounts.get(amazon)
        assert (loaded.kind, loaded.marketplace_id, loaded.active, loaded.verified_at) == ("AMAZON", "ATVPDKIKX0DER",
                                                                                          True, NOW)
        assert uow.provider_accounts.get(goodcang).marketplace_id == ""  # only Amazon accounts have one


def test_the_secrets_are_never_stored_in_clear(db):
    stored(db), stored(db, "AMAZON")
    with db.engine.connect() as conn:
        blobs = conn.execute(sa.select(provider_account_secrets.c.ciphertext)).scalars().all()
    assert len(blobs) == 2 and not any(TOKEN.encode() in b or REFRESH.encode() in b for b in blobs)


def test_a_secret_copied_to_another_account_does_not_decrypt(db):
    first, second = stored(db), stored(db)
    t = provider_account_secrets
    with db.engine.begin() as conn:
        blob = conn.execute(sa.select(t.c.ciphertext).where(t.c.account_id == first)).scalar_one()
        conn.execute(t.update().where(t.c.account_id == second).values(ciphertext=blob))
    with db.uow() as uow, pytest.raises(PreconditionFailed) as caught:
        uow.provider_accounts.credentials(second)
    assert caught.value.reason == "PROVIDER_CREDENTIALS_UNREADABLE"


def test_an_unknown_account_is_not_found_and_lists_are_per_owner(db):
    stored(db, owner="owner-1", name="B"), stored(db, owner="owner-1", name="A"), stored(db, owner="owner-2")
    with db.uow() as uow:
        with pytest.raises(NotFound):
            uow.provider_accounts.credentials(str(uuid.uuid4()))
        assert [a.display_name for a in uow.provider_accounts.list_for("owner-1")] == ["A", "B"]
        assert len(uow.provider_accounts.list_for(None)) == 3


def test_key_rotation_moves_provider_secrets_too(db):
    old = db.keyring
    ids = [stored(db), stored(db, "AMAZON")]
    rotated = Keyring((("k2", Keyring.generate().keys[0][1]), *old.keys), old.fingerprint_key)
    db.keyring = rotated
    assert rotate_all(db.session_factory, rotated) == 2
    with db.uow() as uow:
        assert uow.vault.rows_on_key("k1") == 0 and uow.vault.rows_on_key("k2") == 2
    db.keyring = Keyring(rotated.keys[:1], old.fingerprint_key)
    with db.uow() as uow:
        assert uow.provider_accounts.credentials(ids[0]).app_token == TOKEN
        assert uow.provider_accounts.credentials(ids[1]).refresh_token == REFRESH


def test_an_amazon_account_needs_a_marketplace_and_the_kind_is_known():
    with pytest.raises(ValidationFailed) as caught:
        ProviderAccount.open(id="a", owner_id="o", kind="AMAZON", display_name="x", marketplace_id="us",
                             verified_at=NOW)
    assert caught.value.violations[0].field == "marketplace_id"
    with pytest.raises(ValidationFailed) as caught:
        ProviderAccount.open(id="a", owner_id="o", kind="4px", display_name="x", marketplace_id="", verified_at=NOW)
    assert caught.value.violations[0].field == "kind"
