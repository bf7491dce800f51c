"""Key rotation for the secrets of carrier and provider accounts: one row per account, its
ciphertext bound by associated data to the account and the key id (``vault.rotate_all`` runs it
in small transactions)."""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone

import sqlalchemy as sa
from sqlalchemy.orm import Session

from adapters.persistence.keyring import Keyring


def rotate_secrets(session: Session, keyring: Keyring, batch: int, *, table: sa.Table,
                   associated_data: Callable[[str, str], str]) -> int:
    """Re-encrypt up to ``batch`` rows of ``table`` not under the primary key; returns how many."""
    t = table
    rows = session.execute(sa.select(t.c.account_id, t.c.key_id, t.c.ciphertext)
                           .where(t.c.key_id != keyring.primary_id).limit(batch).with_for_update()).all()
    for row in rows:
        secret = keyring.decrypt(row.key_id, row.ciphertext, associated_data(row.account_id, row.key_id))
        blob = keyring.encrypt(secret, associated_data(row.account_id, keyring.primary_id))
        session.execute(t.update().where(t.c.account_id == row.account_id, t.c.key_id == row.key_id)
                        .values(key_id=keyring.primary_id, ciphertext=blob, updated_at=datetime.now(timezone.utc)))
    return len(rows)
