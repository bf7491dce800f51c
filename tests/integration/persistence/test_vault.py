"""The token vault: secrets encrypted at rest, bound to their row, rotatable."""
from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from adapters.persistence.keyring import Keyring
from adapters.persistence.tables import shop_tokens
from adapters.persistence.vault import rotate_all
from domain.errors import PreconditionFailed, TokenUnreadable
from domain.shop_kinds import TokenKind
from domain.token import TokenText

from .builders import random_shop

CANARY = "canary-7f3c9a1e-temu-token-that-must-never-be-stored-in-clear"


def stored_shop_with_token(db, token: str = CANARY) -> str:
    shop = random_shop()
    with db.uow() as uow:
        uow.shops.add(shop)
        uow.vault.put(shop.id, TokenKind.ORDER, TokenText(token))
        uow.commit()
    return shop.id


def read_token(db, shop_id: str, kind: TokenKind = TokenKind.ORDER) -> str:
    with db.uow() as uow:
        return uow.vault.get(shop_id, kind).value


def test_a_token_put_in_the_vault_comes_back_unchanged(db):
    shop_id = stored_shop_with_token(db)
    assert read_token(db, shop_id) == CANARY


def test_putting_a_token_again_replaces_the_old_one(db):
    shop_id = stored_shop_with_token(db)
    with db.uow() as uow:
        uow.vault.put(shop_id, TokenKind.ORDER, TokenText("the-new-token"))
        uow.commit()
    assert read_token(db, shop_id) == "the-new-token"


def test_a_tampered_ciphertext_does_not_decrypt(db):
    shop_id = stored_shop_with_token(db)
    with db.engine.begin() as conn:
        blob = conn.execute(sa.select(shop_tokens.c.ciphertext)).scalar_one()
        flipped = blob[:-1] + bytes([blob[-1] ^ 1])
        conn.execute(shop_tokens.update().values(ciphertext=flipped))

    with pytest.raises(TokenUnreadable, match="altered or copied"):
        read_token(db, shop_id)


def test_a_ciphertext_copied_to_another_shop_does_not_decrypt(db):
    victim = stored_shop_with_token(db, "victim-token")
    thief = stored_shop_with_token(db, "thief-token")
    with db.engine.begin() as conn:
        stolen = conn.execute(sa.select(shop_tokens.c.ciphertext).where(shop_tokens.c.shop_id == victim)).scalar_one()
        conn.execute(shop_tokens.update().where(shop_tokens.c.shop_id == thief).values(ciphertext=stolen))

    with pytest.raises(TokenUnreadable):
        read_token(db, thief)


def test_a_missing_token_asks_for_reauthorization(db):
    shop_id = stored_shop_with_token(db)
    with db.uow() as uow, pytest.raises(PreconditionFailed) as caught:
        uow.vault.get(shop_id, TokenKind.PRODUCT)
    assert caught.value.reason == "SHOP_REAUTHORIZATION_REQUIRED"


def test_rotation_moves_every_secret_to_the_new_key_and_keeps_them_readable(db):
    old = db.keyring
    ids = [stored_shop_with_token(db, f"token-{i}") for i in range(5)]
    rotated = Keyring((("k2", Keyring.generate().keys[0][1]), *old.keys), old.fingerprint_key)
    db.keyring = rotated

    assert rotate_all(db.session_factory, rotated) == 5
    assert rotate_all(db.session_factory, rotated) == 0
    with db.uow() as uow:
        assert uow.vault.rows_on_key("k1") == 0 and uow.vault.rows_on_key("k2") == 5
    db.keyring = Keyring(rotated.keys[:1], old.fingerprint_key)  # the old key is gone
    assert [read_token(db, shop_id) for shop_id in ids] == [f"token-{i}" for i in range(5)]


def test_fingerprints_survive_a_key_rotation_and_tell_tokens_apart(db):
    before = db.keyring
    after = Keyring((("k2", Keyring.generate().keys[0][1]), *before.keys), before.fingerprint_key)
    token = TokenText(CANARY)
    assert before.fingerprint(token.value) == after.fingerprint(token.value)
    assert before.fingerprint(CANARY) != before.fingerprint(CANARY + "x")
    assert len(before.fingerprint(CANARY)) == 12


def test_the_database_never_holds_a_token_in_clear(db):
    shop_id = stored_shop_with_token(db)
    with db.uow() as uow:
        uow.vault.put(shop_id, TokenKind.PRODUCT, TokenText(CANARY))
        uow.commit()

    if db.backend == "sqlite":
        db.engine.dispose()
        path = Path(sa.make_url(db.url).database)
        files = [p for p in path.parent.iterdir() if p.name.startswith(path.name)]
        assert all(CANARY.encode() not in p.read_bytes() for p in files)
    else:
        with db.engine.connect() as conn:
            dump = conn.exec_driver_sql("SELECT s::text || t::text FROM shops s JOIN shop_tokens t "
                                        "ON t.shop_id = s.id").scalars().all()
        assert dump and all(CANARY not in row and CANARY.encode().hex() not in row for row in dump)
