"""ListApiKeys: every API key, described but never revealed."""
from __future__ import annotations

import uuid

from application.paging import page_size
from application.ports.readers import Page
from application.ports.unit_of_work import UnitOfWorkFactory
from domain.errors import FieldViolation, ValidationFailed
from domain.principal import Principal

MAX_PAGE_SIZE = 500


class ListApiKeys:
    """- Administrators only.
    - Keys in id order, revoked ones included (their ``revoked_at`` says so); the page token is
      the last id of the page before.
    """

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    def execute(self, principal: Principal, requested_size: int = 0, page_token: str = "") -> Page:
        principal.check_admin("list API keys")
        size = page_size(requested_size, MAX_PAGE_SIZE)
        with self._uow() as uow:
            keys = uow.principals.api_keys(_after(page_token), size + 1)
        more = len(keys) > size
        return Page(keys[:size], keys[size - 1].id if more else "", len(keys[:size]))


def _after(page_token: str) -> str:
    if not page_token:
        return ""
    try:
        return str(uuid.UUID(page_token))
    except ValueError:
        raise ValidationFailed("page_token is not a page token this API issued.",
                               [FieldViolation("page_token", "not a page token this API issued")],
                               reason="INVALID_PAGE_TOKEN") from None
