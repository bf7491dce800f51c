"""AIP-155 request ids, stored in the same transaction as the change they guard."""
from __future__ import annotations

from datetime import datetime, timezone

import sqlalchemy as sa
from sqlalchemy.orm import Session

from adapters.persistence.errors import DatabaseErrors
from adapters.persistence.tables import idempotency_keys as keys
from application.ports.repositories import IdempotencyRecord


class SqlIdempotencyKeys:
    def __init__(self, session: Session, errors: DatabaseErrors) -> None:
        self._session, self._errors = session, errors

    def get(self, principal_id: str, method: str, request_id: str) -> IdempotencyRecord | None:
        query = sa.select(keys.c.request_hash, keys.c.resource_id).where(
            keys.c.principal_id == principal_id, keys.c.method == method, keys.c.request_id == request_id)
        with self._errors.translated():
            row = self._session.execute(query).first()
        return IdempotencyRecord(row.request_hash, row.resource_id) if row else None

    def put(self, principal_id: str, method: str, request_id: str, record: IdempotencyRecord) -> None:
        """A concurrent call that stored the same key first makes this a ``ConcurrencyConflict``."""
        values = {"principal_id": principal_id, "method": method, "request_id": request_id,
                  "request_hash": record.request_hash, "resource_id": record.resource_id,
                  "created_at": datetime.now(timezone.utc)}
        with self._errors.translated():
            self._session.execute(keys.insert().values(**values))

    def delete_older_than(self, moment: datetime) -> int:
        """Prune keys (AIP-155 allows forgetting them after a while); returns how many."""
        with self._errors.translated():
            return self._session.execute(keys.delete().where(keys.c.created_at < moment)).rowcount
