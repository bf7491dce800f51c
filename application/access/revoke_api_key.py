"""RevokeApiKey: a key stops working at once, in every server process."""
from __future__ import annotations

from application.ports.repositories import ApiKeyView
from application.ports.unit_of_work import UnitOfWorkFactory
from domain.errors import NotFound
from domain.principal import Principal


class RevokeApiKey:
    """- Administrators only.
    - Revoking a revoked key changes nothing and answers the key as it is (a repeat is harmless).
    - Keys are looked up on every call, so the next call with the key is refused.
    """

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    def execute(self, principal: Principal, key_id: str) -> ApiKeyView:
        principal.check_admin("revoke API keys")
        with self._uow() as uow:
            uow.principals.revoke_api_key_by_id(key_id)
            key = uow.principals.api_key(key_id)
            if key is None:
                raise api_key_not_found(key_id)
            uow.commit()
        return key


def api_key_not_found(key_id: str) -> NotFound:
    return NotFound(f"No API key apiKeys/{key_id}.", reason="API_KEY_NOT_FOUND",
                    resource_type="erp.v1.ApiKey", resource_name=f"apiKeys/{key_id}")
