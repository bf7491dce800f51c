"""Temu tokens as the domain sees them: what Temu says about a token, and how we classify it.

The secret itself never enters the domain: it lives in the token vault, and the domain only
knows a short fingerprint of it.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import IntEnum

from domain.errors import FieldViolation, PreconditionFailed, ValidationFailed
from domain.order_amounts import AMOUNT_SCOPE
from domain.shop_kinds import Region, ShopKind, TokenKind, backoffice_url, region_of

DEFAULT_VALIDITY = timedelta(days=90)  # AUTH-6, used only when Temu gives no expiredTime
WARNING_THRESHOLDS_DAYS = (14, 7, 1)
MAX_TOKEN_LENGTH = 512

# AUTH-4: an order/shipping token must carry these order interfaces.
ORDER_REQUIRED_SCOPES = ("bg.order.list.v2.get", "bg.order.shippinginfo.v2.get")
# Interfaces a token works without, but whose features are missing until the seller grants them:
# the token matrix lists them as missing (the amounts of orders need a "sensitive" grant).
WANTED_SCOPES: dict[TokenKind, tuple[str, ...]] = {TokenKind.ORDER: (AMOUNT_SCOPE,), TokenKind.LOCAL: (AMOUNT_SCOPE,)}
PRODUCT_SCOPE_MARKERS = frozenset({
    "bg.btg.goods.stock.quantity.get", "bg.btg.goods.stock.quantity.update",
    "bg.goods.quantity.get", "bg.goods.quantity.update", "bg.goods.list.get", "temu.goods.list.get",
})


class MallType(IntEnum):
    SEMI = 1
    LOCAL = 100


@dataclass(frozen=True, slots=True)
class TokenText:
    """A token as pasted by a user. Its repr never shows the secret."""

    value: str = field(repr=False)

    def __post_init__(self) -> None:
        v = self.value.strip() if isinstance(self.value, str) else ""
        if not v:
            raise ValidationFailed("The token is empty: paste the access token Temu showed you.",
                                   [FieldViolation("token", "must not be empty")])
        if len(v) > MAX_TOKEN_LENGTH or not v.isascii() or not v.isprintable() or " " in v:
            raise ValidationFailed(
                "The token is not a Temu access token: it must be at most 512 printable ASCII "
                "characters with no spaces.", [FieldViolation("token", "not a Temu access token")])
        object.__setattr__(self, "value", v)


@dataclass(frozen=True, slots=True)
class TokenInfo:
    """What ``bg.open.accesstoken.info.get`` tells about a token (docs/temu-protocol.md §9)."""

    mall_id: int
    mall_type: int
    region_id: int
    scopes: frozenset[str]
    expires_at: datetime | None  # None when Temu gave no expiredTime

    def has_scopes(self, names: tuple[str, ...] | frozenset[str]) -> bool:
        lowered = {s.lower() for s in self.scopes}
        return all(n.lower() in lowered for n in names)

    def missing_scopes(self, names: tuple[str, ...]) -> list[str]:
        lowered = {s.lower() for s in self.scopes}
        return [n for n in names if n.lower() not in lowered]

    def is_product_token(self) -> bool:
        lowered = {s.lower() for s in self.scopes}
        return any(m.lower() in lowered for m in PRODUCT_SCOPE_MARKERS)


@dataclass(frozen=True, slots=True)
class Credential:
    """One token of a shop, described but never revealed."""

    kind: TokenKind
    fingerprint: str
    scopes: frozenset[str]
    expires_at: datetime
    expiry_from_temu: bool
    first_seen_at: datetime
    last_verified_at: datetime
    revoked: bool = False

    @classmethod
    def from_info(cls, kind: TokenKind, info: TokenInfo, fingerprint: str, now: datetime) -> "Credential":
        expires = info.expires_at or (now + DEFAULT_VALIDITY)
        return cls(kind, fingerprint, info.scopes, expires, info.expires_at is not None, now, now)

    def is_expired(self, now: datetime) -> bool:
        return now >= self.expires_at

    def is_usable(self, now: datetime) -> bool:
        return not self.revoked and not self.is_expired(now)

    def days_left(self, now: datetime) -> int:
        seconds = (self.expires_at - now).total_seconds()
        return max(0, int(seconds // 86400))

    def warning_days(self, now: datetime) -> int | None:
        """The tightest warning threshold (14, 7 or 1 days) this token is inside, if any."""
        if self.is_expired(now):
            return 0
        left = (self.expires_at - now).total_seconds() / 86400
        inside = [d for d in WARNING_THRESHOLDS_DAYS if left <= d]
        return min(inside) if inside else None

    def verified(self, now: datetime) -> "Credential":
        return replace(self, last_verified_at=now)

    def without_scope(self, api_type: str) -> "Credential":
        return replace(self, scopes=frozenset(s for s in self.scopes if s.lower() != api_type.lower()))

    def marked_revoked(self) -> "Credential":
        return replace(self, revoked=True)


def missing_wanted_scopes(kind: TokenKind, scopes: frozenset[str] | tuple[str, ...]) -> tuple[str, ...]:
    lowered = {s.lower() for s in scopes}
    return tuple(n for n in WANTED_SCOPES.get(kind, ()) if n.lower() not in lowered)


# -- classification rules (AUTH-1, AUTH-4, AUTH-7) -------------------------------------------

def _wrong_token(message: str, kind: ShopKind, region: Region, token_kind: TokenKind,
                 reason: str, **details: object) -> PreconditionFailed:
    url = backoffice_url(kind, region, token_kind)
    err = PreconditionFailed(message, reason=reason, subject="token", generate_token_url=url, **details)
    return err.with_help("Generate the token in the Temu seller back office", url)


def check_token_is_usable(info: TokenInfo, kind: ShopKind, region: Region, token_kind: TokenKind,
                          now: datetime) -> None:
    if info.expires_at is not None and now >= info.expires_at:
        raise _wrong_token(
            f"This {token_kind.value.lower()} token expired on {info.expires_at:%Y-%m-%d}: generate a "
            "new one in the Temu back office and paste it.", kind, region, token_kind, "TOKEN_EXPIRED",
            expired_at=info.expires_at.isoformat())


def check_order_token(info: TokenInfo, kind: ShopKind, region: Region, now: datetime) -> None:
    """An order/shipping token (step 1) or a local shop's single token."""
    token_kind = kind.order_token_kind
    check_token_is_usable(info, kind, region, token_kind, now)
    expected_type = MallType.LOCAL if kind is ShopKind.LOCAL else MallType.SEMI
    if info.mall_type != expected_type:
        actual = "local (本土)" if info.mall_type == MallType.LOCAL else "cross-border (跨境)"
        raise _wrong_token(
            f"This token belongs to a {actual} Temu shop, but a {kind.value.lower().replace('_', '-')} "
            "shop was asked for: choose the matching shop type.", kind, region, token_kind,
            "SHOP_TYPE_MISMATCH", mall_type=info.mall_type)
    token_region = region_of(info.region_id)
    if token_region is not None and token_region is not region:
        raise _wrong_token(
            f"This token was generated in the {token_region.value} seller centre, but region "
            f"{region.value} was asked for: generate the token in the {region.value} back office.",
            kind, region, token_kind, "REGION_MISMATCH", token_region=token_region.value)
    missing = info.missing_scopes(ORDER_REQUIRED_SCOPES)
    if missing:
        raise _wrong_token(
            "This is not an order/shipping token (订单发货Token): it lacks the order interfaces "
            f"{', '.join(missing)}. Generate it with every regular and special authorization ticked.",
            kind, region, token_kind, "NOT_AN_ORDER_TOKEN", missing_scopes=",".join(missing))


def check_product_token(info: TokenInfo, region: Region, mall_id: int, now: datetime) -> None:
    kind = ShopKind.CROSS_BORDER
    check_token_is_usable(info, kind, region, TokenKind.PRODUCT, now)
    if info.mall_id != mall_id:
        raise _wrong_token(
            f"This product token belongs to Temu shop {info.mall_id}, not to this shop ({mall_id}).",
            kind, region, TokenKind.PRODUCT, "TOKEN_OF_ANOTHER_SHOP", token_mall_id=info.mall_id)
    if not info.is_product_token():
        raise _wrong_token(
            "This is not a product/inventory token (产品库存Token): it has no product or stock "
            "interfaces. Generate it in the Chinese seller centre (授权管理).",
            kind, region, TokenKind.PRODUCT, "NOT_A_PRODUCT_TOKEN")
