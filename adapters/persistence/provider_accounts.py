"""Provider accounts (Goodcang, Amazon), their credentials encrypted at rest as Temu tokens are.

The credentials are stored as one JSON document (``GoodcangCredentials`` or
``AmazonCredentials`` field by field), encrypted with the keyring; the associated data
``"provider:{account_id}:{key_id}"`` binds it to its account and key, so a ciphertext copied to
another account, or relabelled, does not decrypt.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict
from datetime import datetime, timezone

import sqlalchemy as sa
from sqlalchemy.orm import Session

from adapters.persistence.account_secrets import rotate_secrets
from adapters.persistence.errors import DatabaseErrors
from adapters.persistence.keyring import Keyring, KeyringError
from adapters.persistence.upsert import upsert
from adapters.persistence.warehouse_tables import provider_account_secrets, provider_accounts
from application.ports.providers import AmazonCredentials, GoodcangCredentials, ProviderCredentials
from domain.errors import NotFound, PreconditionFailed
from domain.provider_account import ProviderAccount

_KINDS = {GoodcangCredentials: "GOODCANG", AmazonCredentials: "AMAZON"}
_CLASSES = {kind: cls for cls, kind in _KINDS.items()}


def associated_data(account_id: str, key_id: str) -> str:
    return f"provider:{account_id}:{key_id}"


class SqlProviderAccountRepository:
    def __init__(self, session: Session, errors: DatabaseErrors, keyring: Keyring,
                 flush: Callable[[], None]) -> None:
        self._session, self._errors, self._keyring, self._flush = session, errors, keyring, flush

    def add(self, account: ProviderAccount, credentials: ProviderCredentials) -> None:
        self._session.add(account)
        self.replace_credentials(account.id, credentials)

    def get(self, account_id: str) -> ProviderAccount | None:
        with self._errors.translated():
            return self._session.get(ProviderAccount, account_id)

    def list_for(self, owner_id: str | None) -> list[ProviderAccount]:
        query = sa.select(ProviderAccount).order_by(provider_accounts.c.display_name, provider_accounts.c.id)
        if owner_id is not None:
            query = query.where(provider_accounts.c.owner_id == owner_id)
        with self._errors.translated():
            return list(self._session.scalars(query))

    def replace_credentials(self, account_id: str, credentials: ProviderCredentials) -> None:
        self._flush()  # the secret's row needs its account's
        key_id = self._keyring.primary_id
        document = json.dumps({"kind": _KINDS[type(credentials)], **asdict(credentials)})
        blob = self._keyring.encrypt(document, associated_data(account_id, key_id))
        with self._errors.translated():
            upsert(self._session, provider_account_secrets,
                   {"account_id": account_id, "key_id": key_id, "ciphertext": blob,
                    "updated_at": datetime.now(timezone.utc)}, ["account_id"])

    def credentials(self, account_id: str) -> ProviderCredentials:
        t = provider_account_secrets
        with self._errors.translated():
            row = self._session.execute(sa.select(t.c.key_id, t.c.ciphertext).where(t.c.account_id == account_id)).first()
        if row is None:
            raise NotFound(f"Provider account {account_id} does not exist.", resource_type="ProviderAccount",
                           resource_name=f"providerAccounts/{account_id}")
        try:
            document = json.loads(self._keyring.decrypt(row.key_id, row.ciphertext,
                                                        associated_data(account_id, row.key_id)))
        except KeyringError as err:
            raise PreconditionFailed(
                f"The stored credentials of provider account {account_id} cannot be decrypted ({err}): "
                "authorize the account again (AuthorizeProviderAccount).", reason="PROVIDER_CREDENTIALS_UNREADABLE",
                subject=f"providerAccounts/{account_id}") from None
        return _CLASSES[document.pop("kind")](**document)


def rotate_provider_secrets(session: Session, keyring: Keyring, batch: int) -> int:
    """Re-encrypt up to ``batch`` provider secrets not under the primary key (``vault.rotate_all``)."""
    return rotate_secrets(session, keyring, batch, table=provider_account_secrets, associated_data=associated_data)
