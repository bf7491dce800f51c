"""The token vault: Temu tokens encrypted at rest with AES-256-GCM. Carrier API tokens and
provider credentials are encrypted the same way (``carrier_accounts.py``, ``provider_accounts.py``) and rotated with them here.

Each row is bound to its place: the associated data is ``"{shop_id}:{kind}:{key_id}"``, so a
ciphertext copied to another shop or token kind, or relabelled with another key id, does not
decrypt: ``get`` says so with ``TokenUnreadable``, a reason to re-authorize the shop. The secret never leaves this module except as ``TokenText``.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from functools import partial

import sqlalchemy as sa
from sqlalchemy.orm import Session, sessionmaker

from adapters.persistence.carrier_accounts import rotate_carrier_secrets
from adapters.persistence.provider_accounts import rotate_provider_secrets
from adapters.persistence.keyring import Keyring, KeyringError
from adapters.persistence.tables import shop_tokens
from adapters.persistence.upsert import upsert
from adapters.persistence.warehouse_tables import carrier_account_secrets, provider_account_secrets
from domain.errors import PreconditionFailed, TokenUnreadable
from domain.shop_kinds import TokenKind
from domain.token import TokenText

ROTATION_BATCH = 200


def associated_data(shop_id: str, kind: TokenKind, key_id: str) -> str:
    return f"{shop_id}:{kind.value}:{key_id}"


class SqlTokenVault:
    """``flush`` writes the session's pending shops first (a token row needs its shop row); the
    unit of work passes its error-translating flush."""

    def __init__(self, session: Session, keyring: Keyring, flush: Callable[[], None] | None = None) -> None:
        self._session = session
        self._keyring = keyring
        self._flush = flush or session.flush

    def fingerprint(self, token: TokenText) -> str:
        return self._keyring.fingerprint(token.value)

    def put(self, shop_id: str, kind: TokenKind, token: TokenText) -> None:
        self._flush()
        key_id = self._keyring.primary_id
        blob = self._keyring.encrypt(token.value, associated_data(shop_id, kind, key_id))
        upsert(self._session, shop_tokens, {"shop_id": shop_id, "kind": kind, "key_id": key_id,
                                            "ciphertext": blob, "updated_at": _now()}, ["shop_id", "kind"])

    def get(self, shop_id: str, kind: TokenKind) -> TokenText:
        row = self._session.execute(sa.select(shop_tokens.c.key_id, shop_tokens.c.ciphertext).where(
            shop_tokens.c.shop_id == shop_id, shop_tokens.c.kind == kind)).first()
        if row is None:
            raise PreconditionFailed(
                f"Shop {shop_id} has no stored {kind.value.lower()} token: re-authorize the shop.",
                reason="SHOP_REAUTHORIZATION_REQUIRED", subject=f"shops/{shop_id}")
        try:
            return TokenText(self._keyring.decrypt(row.key_id, row.ciphertext,
                                                   associated_data(shop_id, kind, row.key_id)))
        except KeyringError as err:
            raise TokenUnreadable(
                f"The stored {kind.value.lower()} token of shop {shop_id} cannot be decrypted ({err}): "
                "re-authorize the shop with a new token.", subject=f"shops/{shop_id}", key_id=row.key_id) from None

    def rows_on_key(self, key_id: str) -> int:
        """How many secrets (Temu tokens, carrier API tokens, provider credentials) are still encrypted with ``key_id``
        (0 before removing that key)."""
        return sum(self._session.execute(sa.select(sa.func.count()).select_from(table).where(
            table.c.key_id == key_id)).scalar_one() for table in (shop_tokens, carrier_account_secrets, provider_account_secrets))


def rotate_all(session_factory: sessionmaker, keyring: Keyring) -> int:
    """Re-encrypt every secret (Temu tokens, carrier API tokens, provider credentials) not yet under the primary
    key; returns how many were rewritten.

    Works in small transactions, so it can run beside the server and resume after a crash.
    """
    total = 0
    for rotate in (_rotate_batch, partial(rotate_carrier_secrets, batch=ROTATION_BATCH),
                   partial(rotate_provider_secrets, batch=ROTATION_BATCH)):
        while True:
            with session_factory() as session, session.begin():
                done = rotate(session, keyring)
            total += done
            if done < ROTATION_BATCH:
                break
    return total


def _rotate_batch(session: Session, keyring: Keyring) -> int:
    rows = session.execute(
        sa.select(shop_tokens.c.shop_id, shop_tokens.c.kind, shop_tokens.c.key_id, shop_tokens.c.ciphertext)
        .where(shop_tokens.c.key_id != keyring.primary_id).limit(ROTATION_BATCH).with_for_update()).all()
    for row in rows:
        secret = keyring.decrypt(row.key_id, row.ciphertext, associated_data(row.shop_id, row.kind, row.key_id))
        blob = keyring.encrypt(secret, associated_data(row.shop_id, row.kind, keyring.primary_id))
        session.execute(shop_tokens.update().where(
            shop_tokens.c.shop_id == row.shop_id, shop_tokens.c.kind == row.kind, shop_tokens.c.key_id == row.key_id,
        ).values(key_id=keyring.primary_id, ciphertext=blob, updated_at=_now()))
    return len(rows)


def _now() -> datetime:
    return datetime.now(timezone.utc)
