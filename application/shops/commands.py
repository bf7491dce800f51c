"""Inputs of the shop use cases: primitives and domain enums, never protobuf."""
from __future__ import annotations

from dataclasses import dataclass, field

from application.ports.readers import ShopView
from domain.principal import Principal
from domain.shop_kinds import AuthStatus, Region, ShopKind, ShopStatus, TokenKind


@dataclass(frozen=True, slots=True)
class AuthorizeShopCommand:
    principal: Principal
    display_name: str
    kind: ShopKind
    region: Region
    token: str = field(repr=False)
    owner_id: str | None = None
    request_id: str | None = None


@dataclass(frozen=True, slots=True)
class AddProductTokenCommand:
    principal: Principal
    shop_id: str
    token: str = field(repr=False)
    request_id: str | None = None


@dataclass(frozen=True, slots=True)
class ReauthorizeShopCommand:
    principal: Principal
    shop_id: str
    token_kind: TokenKind | None
    token: str = field(repr=False)
    request_id: str | None = None


@dataclass(frozen=True, slots=True)
class RenameShopCommand:
    principal: Principal
    shop_id: str
    display_name: str
    request_id: str | None = None
    expected_version: int | None = None  # the etag_version the caller last read, if it cares


@dataclass(frozen=True, slots=True)
class SetShopStatusCommand:
    principal: Principal
    shop_id: str
    enabled: bool
    request_id: str | None = None


@dataclass(frozen=True, slots=True)
class ListShopsQuery:
    principal: Principal
    page_size: int = 50
    page_token: str = ""
    auth_status: AuthStatus | None = None
    status: ShopStatus | None = None
    name_contains: str = ""
    expiring_within_days: int = 0


@dataclass(frozen=True, slots=True)
class AuthorizeShopResult:
    shop: ShopView
    product_token_reused: bool
    history_sync_id: str | None = None  # the 30-day history sync, followed as an operation
