"""Carrier accounts, their API token encrypted at rest as Temu tokens are (``vault.py``).

The associated data binds a ciphertext to its account and key, ``"carrier:{account_id}:{key_id}"``:
a secret copied to another account, or relabelled with another key id, does not decrypt.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone

import sqlalchemy as sa
from sqlalchemy.orm import Session

from adapters.persistence.account_secrets import rotate_secrets
from adapters.persistence.errors import DatabaseErrors
from adapters.persistence.keyring import Keyring, KeyringError
from adapters.persistence.upsert import upsert
from adapters.persistence.warehouse_tables import carrier_account_secrets, carrier_accounts
from application.ports.carrier import CarrierCredentials
from domain.carrier_account import CarrierAccount
from domain.errors import NotFound, PreconditionFailed


def associated_data(account_id: str, key_id: str) -> str:
    return f"carrier:{account_id}:{key_id}"


class SqlCarrierAccountRepository:
    def __init__(self, session: Session, errors: DatabaseErrors, keyring: Keyring,
                 flush: Callable[[], None]) -> None:
        self._session, self._errors, self._keyring, self._flush = session, errors, keyring, flush

    def add(self, account: CarrierAccount, credentials: CarrierCredentials) -> None:
        self._session.add(account)
        self.replace_credentials(account.id, credentials)

    def get(self, account_id: str) -> CarrierAccount | None:
        with self._errors.translated():
            return self._session.get(CarrierAccount, account_id)

    def list_for(self, owner_id: str | None) -> list[CarrierAccount]:
        query = sa.select(CarrierAccount).order_by(carrier_accounts.c.display_name, carrier_accounts.c.id)
        if owner_id is not None:
            query = query.where(carrier_accounts.c.owner_id == owner_id)
        with self._errors.translated():
            return list(self._session.scalars(query))

    def replace_credentials(self, account_id: str, credentials: CarrierCredentials) -> None:
        """Only the API token is secret; provider and base URL are the account's own columns."""
        self._flush()  # the secret's row needs its account's
        key_id = self._keyring.primary_id
        blob = self._keyring.encrypt(credentials.api_token, associated_data(account_id, key_id))
        with self._errors.translated():
            upsert(self._session, carrier_account_secrets,
                   {"account_id": account_id, "key_id": key_id, "ciphertext": blob,
                    "updated_at": datetime.now(timezone.utc)}, ["account_id"])

    def credentials(self, account_id: str) -> CarrierCredentials:
        query = (sa.select(carrier_accounts.c.provider, carrier_accounts.c.base_url,
                           carrier_account_secrets.c.key_id, carrier_account_secrets.c.ciphertext)
                 .join(carrier_account_secrets, carrier_account_secrets.c.account_id == carrier_accounts.c.id)
                 .where(carrier_accounts.c.id == account_id))
        with self._errors.translated():
            row = self._session.execute(query).first()
        if row is None:
            raise NotFound(f"Carrier account {account_id} does not exist.", resource_type="CarrierAccount",
                           resource_name=f"carrierAccounts/{account_id}")
        try:
            token = self._keyring.decrypt(row.key_id, row.ciphertext, associated_data(account_id, row.key_id))
        except KeyringError as err:
            raise PreconditionFailed(
                f"The stored API token of carrier account {account_id} cannot be decrypted ({err}): "
                "replace them (UpdateCarrierCredentials).", reason="CARRIER_CREDENTIALS_UNREADABLE",
                subject=f"carrierAccounts/{account_id}") from None
        return CarrierCredentials(provider=row.provider, api_token=token, base_url=row.base_url)


def rotate_carrier_secrets(session: Session, keyring: Keyring, batch: int) -> int:
    """Re-encrypt up to ``batch`` carrier secrets not under the primary key (``vault.rotate_all``)."""
    return rotate_secrets(session, keyring, batch, table=carrier_account_secrets, associated_data=associated_data)
