"""Things that happened in the domain, past tense. Collected by the unit of work after commit."""
from __future__ import annotations

from dataclasses import dataclass


class Event:
    pass


@dataclass(frozen=True, slots=True)
class ShopAuthorized(Event):
    shop_id: str
    auth_status: str


@dataclass(frozen=True, slots=True)
class TokenAdded(Event):
    shop_id: str
    token_kind: str


@dataclass(frozen=True, slots=True)
class ShopAuthorizationExpired(Event):
    shop_id: str


@dataclass(frozen=True, slots=True)
class OrderStateChanged(Event):
    order_id: str
    from_state: str
    to_state: str
