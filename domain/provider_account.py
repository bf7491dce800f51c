"""A provider account: the seller's account at a third-party overseas warehouse (Goodcang) or
at Amazon (SP-API, FBA), which 3PL and FBA warehouses push packages through (issue 11).

One aggregate for both kinds: what differs (app key and token, LWA client and refresh token)
is the secret, kept apart and encrypted by the repository (``credentials``); the aggregate holds
what may be shown.

- Saved only after the provider accepted the credentials (``verified_at`` says when).
- An Amazon account belongs to one marketplace (its FBA "warehouse"); a Goodcang account to none.
"""
from __future__ import annotations

import re
from datetime import datetime

from domain.errors import FieldViolation, ValidationFailed
from domain.warehouse import checked_name

KINDS = ("GOODCANG", "AMAZON")  # the values of application.ports.providers.ProviderKind
_MARKETPLACE = re.compile(r"^[A-Z0-9]{10,15}$")  # Amazon's marketplace ids, e.g. ATVPDKIKX0DER


def checked_kind(value: str) -> str:
    kind = value.strip().upper()
    if kind not in KINDS:
        raise ValidationFailed(f"Unknown provider '{value}': one of {', '.join(KINDS)}.",
                               [FieldViolation("kind", f"one of {', '.join(KINDS)}")])
    return kind


def checked_marketplace(kind: str, value: str) -> str:
    marketplace = value.strip().upper()
    if kind != "AMAZON":
        return ""
    if not _MARKETPLACE.match(marketplace):
        raise ValidationFailed("An Amazon account needs its marketplace id (e.g. ATVPDKIKX0DER for amazon.com).",
                               [FieldViolation("marketplace_id", "10 to 15 capital letters and digits")])
    return marketplace


class ProviderAccount:
    def __init__(self, *, id: str, owner_id: str, kind: str, display_name: str, marketplace_id: str,
                 verified_at: datetime, now: datetime) -> None:
        self.id = id
        self.owner_id = owner_id
        self.kind = kind
        self.display_name = display_name
        self.marketplace_id = marketplace_id
        self.verified_at = verified_at
        self.active = True
        self.created_at = now
        self.updated_at = now
        self.version = 1

    @classmethod
    def open(cls, *, id: str, owner_id: str, kind: str, display_name: str, marketplace_id: str,
             verified_at: datetime) -> "ProviderAccount":
        """An account whose credentials the provider has just accepted (at ``verified_at``)."""
        kind = checked_kind(kind)
        return cls(id=id, owner_id=owner_id, kind=kind, display_name=checked_name(display_name, "display_name"),
                   marketplace_id=checked_marketplace(kind, marketplace_id), verified_at=verified_at,
                   now=verified_at)

    def record_new_credentials(self, verified_at: datetime) -> None:
        self.verified_at = self.updated_at = verified_at

    def deactivate(self, now: datetime) -> None:
        self.active = False
        self.updated_at = now
