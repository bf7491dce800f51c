"""AIP-155 request ids: a repeated request returns the first answer, never a second change."""
from __future__ import annotations

import hashlib

from application.ports.repositories import IdempotencyRecord
from application.ports.unit_of_work import UnitOfWork
from domain.errors import FieldViolation, ValidationFailed


def request_hash(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()


class RequestIds:
    """Look up and record one method's request ids inside the caller's unit of work. That a
    request id is a UUID is checked at the API's edge, with the request's other fields."""

    def __init__(self, method: str, principal_id: str, request_id: str | None, payload_hash: str) -> None:
        self.method = method
        self.principal_id = principal_id
        self.request_id = request_id or None
        self.payload_hash = payload_hash

    def replayed(self, uow: UnitOfWork) -> str | None:
        """The resource id of the first answer, or None when this request id is new."""
        if not self.request_id:
            return None
        record = uow.idempotency.get(self.principal_id, self.method, self.request_id)
        if record is None:
            return None
        if record.request_hash != self.payload_hash:
            raise ValidationFailed(
                "This request_id was already used for a different request: use a new UUID for a new "
                "request.", [FieldViolation("request_id", "reused with a different payload")],
                reason="REQUEST_ID_REUSED")
        return record.resource_id

    def remember(self, uow: UnitOfWork, resource_id: str) -> None:
        if self.request_id:
            uow.idempotency.put(self.principal_id, self.method, self.request_id,
                                IdempotencyRecord(self.payload_hash, resource_id))
