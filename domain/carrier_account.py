"""A carrier account (FUL-4): the seller's own account at a label provider, which an own
warehouse buys labels with. Its secret is kept apart, encrypted (the repository's
``credentials``); the aggregate holds what may be shown.

- The credentials are checked against the carrier before the account is saved or changed
  (``verified_at`` says when they last were).
- Only the protocols we speak are accepted as provider.
"""
from __future__ import annotations

import re
from datetime import datetime

from domain.errors import FieldViolation, ValidationFailed
from domain.warehouse import checked_name

PROVIDERS = ("shippo",)
_URL = re.compile(r"^https?://[^\s/]+(/[^\s]*)?$")


def checked_base_url(value: str) -> str:
    """"" means the provider's public endpoint."""
    url = value.strip().rstrip("/")
    if url and (len(url) > 255 or not _URL.match(url)):
        raise ValidationFailed("The base_url must be an http(s) URL, or empty for the provider's own endpoint.",
                               [FieldViolation("base_url", "an http:// or https:// URL, or empty")])
    return url


def checked_provider(value: str) -> str:
    provider = value.strip().lower()
    if provider not in PROVIDERS:
        raise ValidationFailed(f"Unknown carrier provider '{value}': one of {', '.join(PROVIDERS)}.",
                               [FieldViolation("provider", f"one of {', '.join(PROVIDERS)}")])
    return provider


def checked_api_token(value: str) -> str:
    token = value.strip()
    if not token or len(token) > 512 or any(ch.isspace() for ch in token):
        raise ValidationFailed("The api_token must be the account's API token: 1 to 512 characters, no spaces.",
                               [FieldViolation("api_token", "1 to 512 characters without spaces")])
    return token


class CarrierAccount:
    def __init__(self, *, id: str, owner_id: str, provider: str, display_name: str, base_url: str,
                 verified_at: datetime, now: datetime) -> None:
        self.id = id
        self.owner_id = owner_id
        self.provider = provider
        self.display_name = display_name
        self.base_url = base_url
        self.verified_at = verified_at
        self.created_at = now
        self.updated_at = now
        self.version = 1

    # -- public commands ---------------------------------------------------------------------

    @classmethod
    def open(cls, *, id: str, owner_id: str, provider: str, display_name: str, base_url: str,
             verified_at: datetime) -> "CarrierAccount":
        """An account whose credentials the carrier has just accepted (at ``verified_at``)."""
        return cls(id=id, owner_id=owner_id, provider=checked_provider(provider),
                   display_name=checked_name(display_name, "display_name"),
                   base_url=checked_base_url(base_url), verified_at=verified_at, now=verified_at)

    def record_new_credentials(self, base_url: str, verified_at: datetime) -> None:
        """New credentials the carrier has just accepted replace the old ones."""
        self.base_url = checked_base_url(base_url)
        self.verified_at = self.updated_at = verified_at
