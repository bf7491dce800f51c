"""Value objects shared by shops and tokens: kinds, regions, statuses, Temu back-office links."""
from __future__ import annotations

from enum import Enum


class ShopKind(str, Enum):
    CROSS_BORDER = "CROSS_BORDER"  # 跨境 (semi-managed), US or EU, two tokens
    LOCAL = "LOCAL"  # 本土, US only, one token

    @property
    def order_token_kind(self) -> TokenKind:
        """The token a shop of this kind reads and ships orders with: a local shop's single token."""
        return TokenKind.LOCAL if self is ShopKind.LOCAL else TokenKind.ORDER


class Region(str, Enum):
    US = "US"
    EU = "EU"


class TokenKind(str, Enum):
    ORDER = "ORDER"  # 订单发货Token, per region
    PRODUCT = "PRODUCT"  # 产品库存Token, per Temu seller account, shared by regions
    LOCAL = "LOCAL"  # local shop: one token for everything


class AuthStatus(str, Enum):
    PARTIAL = "PARTIAL"  # step 1 done: order functions only
    AUTHORIZED = "AUTHORIZED"
    EXPIRED = "EXPIRED"  # a required token passed its expiry
    REAUTH_REQUIRED = "REAUTH_REQUIRED"  # Temu said the token was replaced or revoked


class ShopStatus(str, Enum):
    ENABLED = "ENABLED"
    DISABLED = "DISABLED"


# Temu region ids of the order gateways (docs/temu-protocol.md §15).
US_REGION_IDS = frozenset({211, 219})
EU_REGION_IDS = frozenset(
    {210, 76, 98, 13, 20, 32, 50, 52, 53, 54, 64, 68, 69, 72, 79, 90, 96, 108, 113, 114, 122,
     141, 162, 163, 167, 180, 181, 186, 191, 91, 112, 151}
)


def region_of(region_id: int) -> Region | None:
    if region_id in US_REGION_IDS:
        return Region.US
    if region_id in EU_REGION_IDS:
        return Region.EU
    return None


# AUTH-11: where a seller generates each token.
BACKOFFICE_URLS = {
    (ShopKind.CROSS_BORDER, Region.US, TokenKind.ORDER):
        "https://agentseller.temu.com/open-platform/system-manage/client-manage",
    (ShopKind.CROSS_BORDER, Region.EU, TokenKind.ORDER):
        "https://agentseller-eu.temu.com/open-platform/system-manage/client-manage",
    (ShopKind.CROSS_BORDER, Region.US, TokenKind.PRODUCT):
        "https://seller.kuajingmaihuo.com/main/authorize",
    (ShopKind.CROSS_BORDER, Region.EU, TokenKind.PRODUCT):
        "https://seller.kuajingmaihuo.com/main/authorize",
    (ShopKind.LOCAL, Region.US, TokenKind.LOCAL):
        "https://seller.temu.com/open-platform/client-manage",
}


def backoffice_url(kind: ShopKind, region: Region, token_kind: TokenKind) -> str:
    return BACKOFFICE_URLS.get(
        (kind, region, token_kind), BACKOFFICE_URLS[(ShopKind.CROSS_BORDER, Region.US, TokenKind.ORDER)]
    )
