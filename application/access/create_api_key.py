"""CreateApiKey: a new key for a principal, created with it when new."""
from __future__ import annotations

import uuid
from dataclasses import dataclass

from application.ports.repositories import ApiKeyView
from application.ports.unit_of_work import UnitOfWorkFactory
from domain.errors import FieldViolation, ValidationFailed
from domain.principal import Principal, Role

MAX_NAME_LENGTH = 128


@dataclass(frozen=True, slots=True)
class CreatedApiKey:
    key: ApiKeyView
    secret: str  # the key itself: shown once, never stored


class CreateApiKey:
    """- ``caller`` None is the operator at the console (``server.py create-api-key``); through
      the API only administrators may create keys.
    - An existing ``principal_id`` gets one more key; otherwise a principal named ``name`` with
      ``role`` is created (with that id when one is given).
    """

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    def execute(self, caller: Principal | None, name: str, role: Role, principal_id: str | None = None) -> CreatedApiKey:
        if caller is not None:
            caller.check_admin("create API keys")
        with self._uow() as uow:
            principal = uow.principals.get(principal_id) if principal_id else None
            if principal is None:
                principal = uow.principals.create_principal(_name(name), role, principal_id)
            key_id = str(uuid.uuid4())
            secret = uow.principals.issue_api_key(principal.id, key_id)
            key = uow.principals.api_key(key_id)
            uow.commit()
        return CreatedApiKey(key, secret)


def _name(name: str) -> str:
    if not name.strip() or len(name) > MAX_NAME_LENGTH:
        raise ValidationFailed("name must be 1 to 128 characters.",
                               [FieldViolation("name", "must be 1 to 128 characters")])
    return name.strip()
