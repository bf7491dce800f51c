"""Authenticate: an API key in, the calling principal out (AUTH-12)."""
from __future__ import annotations

from application.ports import UnitOfWorkFactory
from domain.principal import Principal


class Authenticate:
    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    def execute(self, api_key: str) -> Principal | None:
        if not api_key or len(api_key) > 256:
            return None
        with self._uow() as uow:
            return uow.principals.by_api_key(api_key)
