"""A tiny in-memory stand-in for ``ShopUseCases``: just enough behaviour to exercise the gRPC
edge (validation by the domain value objects, visibility, one good token, one page token).

Its errors quote the token they were given, as a careless adapter might: the edge must
scrub it."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

from application.ports.readers import CredentialView, Page, ShopView
from application.shops.commands import (
    AddProductTokenCommand, AuthorizeShopCommand, AuthorizeShopResult, ListShopsQuery,
    ReauthorizeShopCommand, RenameShopCommand, SetShopStatusCommand,
)
from domain.errors import FieldViolation, NotFound, PreconditionFailed, ValidationFailed
from domain.principal import Principal, Role
from domain.shop import ShopName
from domain.shop_kinds import AuthStatus, Region, ShopKind, ShopStatus, TokenKind
from domain.token import TokenText

ADMIN = Principal("p-admin", "Ada Admin", Role.ADMIN)
ALICE = Principal("p-alice", "Alice Owner", Role.SHOP_OWNER)
BOB = Principal("p-bob", "Bob Owner", Role.SHOP_OWNER)
API_KEYS = {"admin-key-0001": ADMIN, "alice-key-0001": ALICE, "bob-key-0001": BOB}
GOOD_TOKEN = "good-order-token-0001"
SECOND_PAGE = "page-2"
NOW = datetime(2026, 11, 1, 8, 30, 15, 123456, tzinfo=timezone.utc)


def shop_view(shop_id: str, name: str, owner_id: str, **changes: object) -> ShopView:
    credential = CredentialView(
        kind=TokenKind.ORDER, region=Region.US, fingerprint="fp-1a2b3c",
        scopes=("bg.order.list.v2.get", "bg.order.shippinginfo.v2.get"),
        expires_at=NOW + timedelta(days=80), expiry_from_temu=True, days_left=80,
        last_verified_at=NOW, revoked=False)
    view = ShopView(
        id=shop_id, name=name, kind=ShopKind.CROSS_BORDER, region=Region.US, mall_id=634418212,
        owner_id=owner_id, status=ShopStatus.ENABLED, auth_status=AuthStatus.PARTIAL,
        expiry_warning_days=None, auth_expires_at=NOW + timedelta(days=80),
        credentials=(credential,), created_at=NOW, updated_at=NOW, version=1)
    return replace(view, **changes)


def _unknown(token: TokenText) -> PreconditionFailed:
    return PreconditionFailed(f"Temu does not know the token {token.value}.", reason="TOKEN_UNKNOWN",
                              subject="token", token=token.value)


class FakeShopUseCases:
    def __init__(self) -> None:
        self.shops = {"alice-1": shop_view("alice-1", "Alice US", ALICE.id)}
        self.commands: list[object] = []

    def authorize(self, cmd: AuthorizeShopCommand) -> AuthorizeShopResult:
        self.commands.append(cmd)
        name, token = ShopName(cmd.display_name), TokenText(cmd.token)
        cmd.principal.check_may_act_for(cmd.owner_id or cmd.principal.id)
        if token.value != GOOD_TOKEN:
            raise _unknown(token)
        view = shop_view(f"shop-{len(self.shops)}", name.value, cmd.owner_id or cmd.principal.id,
                         kind=cmd.kind, region=cmd.region)
        self.shops[view.id] = view
        return AuthorizeShopResult(view, product_token_reused=False)

    def add_product_token(self, cmd: AddProductTokenCommand) -> ShopView:
        return self._with_token(cmd, cmd.token)

    def reauthorize(self, cmd: ReauthorizeShopCommand) -> ShopView:
        return self._with_token(cmd, cmd.token)

    def rename(self, cmd: RenameShopCommand) -> ShopView:
        self.commands.append(cmd)
        view = replace(self.get(cmd.principal, cmd.shop_id), name=ShopName(cmd.display_name).value)
        self.shops[view.id] = view
        return view

    def set_status(self, cmd: SetShopStatusCommand) -> ShopView:
        self.commands.append(cmd)
        status = ShopStatus.ENABLED if cmd.enabled else ShopStatus.DISABLED
        return replace(self.get(cmd.principal, cmd.shop_id), status=status)

    def get(self, principal: Principal, shop_id: str) -> ShopView:
        view = self.shops.get(shop_id)
        if view is None or not principal.can_see_shop(view.owner_id):
            raise NotFound(f"There is no shop '{shop_id}'.", resource_type="erp.v1.Shop",
                           resource_name=f"shops/{shop_id}", reason="SHOP_NOT_FOUND")
        return view

    def list(self, query: ListShopsQuery) -> Page:
        self.commands.append(query)
        if query.page_token not in ("", SECOND_PAGE):
            raise ValidationFailed("Bad page token.", [FieldViolation("page_token", "invalid or stale")],
                                   reason="INVALID_PAGE_TOKEN")
        items = [v for v in self.shops.values() if query.principal.can_see_shop(v.owner_id)
                 and query.name_contains.casefold() in v.name.casefold()]
        return Page(items=items, next_page_token="", total_size=len(items))

    def _with_token(self, cmd: AddProductTokenCommand | ReauthorizeShopCommand, token: str) -> ShopView:
        self.commands.append(cmd)
        view = self.get(cmd.principal, cmd.shop_id)
        if TokenText(token).value != GOOD_TOKEN:
            raise _unknown(TokenText(token))
        return view


class ExplodingShopUseCases(FakeShopUseCases):
    """Every call fails with a bug that mentions the caller's token."""

    def get(self, principal: Principal, shop_id: str) -> ShopView:
        raise RuntimeError(f"bug while loading {shop_id}")

    def authorize(self, cmd: AuthorizeShopCommand) -> AuthorizeShopResult:
        raise KeyError(f"bug: token {cmd.token} not in cache")
