"""The access use cases, built once over one unit of work factory."""
from __future__ import annotations

from dataclasses import dataclass

from application.access.create_api_key import CreateApiKey
from application.access.list_api_keys import ListApiKeys
from application.access.revoke_api_key import RevokeApiKey
from application.ports.unit_of_work import UnitOfWorkFactory


@dataclass(frozen=True, slots=True)
class AccessUseCases:
    list_keys: ListApiKeys
    create_key: CreateApiKey
    revoke_key: RevokeApiKey

    @classmethod
    def over(cls, uow: UnitOfWorkFactory) -> AccessUseCases:
        return cls(ListApiKeys(uow), CreateApiKey(uow), RevokeApiKey(uow))
