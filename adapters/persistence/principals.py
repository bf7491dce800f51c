"""Callers of the API and their keys (AUTH-12).

API keys are ``erp_`` + 43 random URL-safe characters (256 bits), shown once and stored as their
SHA-256: with that much entropy a plain hash cannot be brute-forced, so no pepper is needed.
"""
from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import datetime, timezone

import sqlalchemy as sa
from sqlalchemy.orm import Session

from sqlalchemy.engine import Engine

from adapters.persistence.engine import read_only
from adapters.persistence.errors import DatabaseErrors
from adapters.persistence.row_by_key import RowByKey
from adapters.persistence.tables import api_keys, principals
from application.ports.repositories import ApiKeyView
from domain.principal import Principal, Role

KEY_PREFIX = "erp_"
_LIVE_KEY = (sa.select(principals.c.id, principals.c.name, principals.c.role)
             .join(api_keys, api_keys.c.principal_id == principals.c.id)
             .where(api_keys.c.key_hash == sa.bindparam("key_hash"), api_keys.c.revoked_at.is_(None)))
_KEYS = (sa.select(api_keys.c.id, api_keys.c.prefix, api_keys.c.principal_id, principals.c.name,
                   principals.c.role, api_keys.c.created_at, api_keys.c.revoked_at)
         .join(principals, api_keys.c.principal_id == principals.c.id))


def hash_api_key(api_key: str) -> str:
    return hashlib.sha256(api_key.encode()).hexdigest()


class SqlPrincipals:
    def __init__(self, session: Session, errors: DatabaseErrors) -> None:
        self._session, self._errors = session, errors

    def by_api_key(self, api_key: str) -> Principal | None:
        """The owner of a live key; unknown and revoked keys give None."""
        query = (sa.select(principals).join(api_keys, api_keys.c.principal_id == principals.c.id)
                 .where(api_keys.c.key_hash == hash_api_key(api_key), api_keys.c.revoked_at.is_(None)))
        return self._principal(query)

    def get(self, principal_id: str) -> Principal | None:
        return self._principal(sa.select(principals).where(principals.c.id == principal_id))

    def create_principal(self, name: str, role: Role, principal_id: str | None = None) -> Principal:
        principal = Principal(principal_id or str(uuid.uuid4()), name, role)
        self._execute(principals.insert().values(id=principal.id, name=name, role=role, created_at=_now()))
        return principal

    def issue_api_key(self, principal_id: str, key_id: str | None = None) -> str:
        """A new key for the principal. Returned once: only its hash and prefix are stored."""
        api_key = KEY_PREFIX + secrets.token_urlsafe(32)
        self._execute(api_keys.insert().values(
            id=key_id or str(uuid.uuid4()), principal_id=principal_id, key_hash=hash_api_key(api_key),
            prefix=api_key[:8], created_at=_now()))
        return api_key

    def api_keys(self, after_id: str, limit: int) -> list[ApiKeyView]:
        query = _KEYS.where(api_keys.c.id > after_id).order_by(api_keys.c.id).limit(limit)
        return [ApiKeyView(*row) for row in self._execute(query)]

    def api_key(self, key_id: str) -> ApiKeyView | None:
        row = self._execute(_KEYS.where(api_keys.c.id == key_id)).first()
        return ApiKeyView(*row) if row else None

    def revoke_api_key_by_id(self, key_id: str) -> bool:
        stmt = (api_keys.update().values(revoked_at=_now())
                .where(api_keys.c.id == key_id, api_keys.c.revoked_at.is_(None)))
        return self._execute(stmt).rowcount == 1

    def revoke_api_key(self, api_key: str) -> bool:
        """Refuse the key from now on; False when there was no live key like it."""
        stmt = (api_keys.update().values(revoked_at=_now())
                .where(api_keys.c.key_hash == hash_api_key(api_key), api_keys.c.revoked_at.is_(None)))
        return self._execute(stmt).rowcount == 1

    def _principal(self, query: sa.Select) -> Principal | None:
        with self._errors.translated():
            row = self._session.execute(query).first()
        return Principal(row.id, row.name, row.role) if row else None

    def _execute(self, stmt: sa.Executable) -> sa.CursorResult:
        with self._errors.translated():
            return self._session.execute(stmt)


class SqlApiKeyLookup:
    """The owner of a live key, one indexed read per call and nothing remembered, so a key revoked
    by any process is refused by every other at once. On PostgreSQL, from the event loop, the read
    awaits its round trip (``RowByKey``), as GetShop's own read does."""

    def __init__(self, engine: Engine) -> None:
        self._live = RowByKey(read_only(engine), _LIVE_KEY)

    def by_api_key(self, api_key: str) -> Principal | None:
        row = self._live.first(key_hash=hash_api_key(api_key))
        return Principal(row.id, row.name, Role(row.role)) if row else None


def _now() -> datetime:
    return datetime.now(timezone.utc)
