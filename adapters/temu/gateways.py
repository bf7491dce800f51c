"""Which Temu gateway serves which token (docs/temu-protocol.md §2)."""
from __future__ import annotations

from domain.shop_kinds import Region, TokenKind

US, EU, GLOBAL, CN, PA = "us", "eu", "global", "cn", "pa"

TOKEN_INFO_TYPE = "bg.open.accesstoken.info.get"
TOKEN_INFO_TYPE_PA = "bg.open.accesstoken.info.get.global"

_ORDER_GATEWAY = {Region.US: US, Region.EU: EU}


def order_gateway(region: Region) -> str:
    """Orders, addresses and shipping of a shop go to its region's gateway."""
    return _ORDER_GATEWAY[region]


def token_gateway(region: Region, token_kind: TokenKind) -> str:
    """Where a token of this kind lives: product tokens on PA, local tokens on US, order tokens
    on their region's gateway."""
    if token_kind is TokenKind.PRODUCT:
        return PA
    if token_kind is TokenKind.LOCAL:
        return US
    return order_gateway(region)


def token_info_type(gateway: str) -> str:
    return TOKEN_INFO_TYPE_PA if gateway == PA else TOKEN_INFO_TYPE
