"""Shop rules that more than one use case relies on."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

import pytest

from domain.errors import PreconditionFailed
from domain.shop import PrincipalId, Shop, ShopId, ShopName
from domain.shop_kinds import AuthStatus, Region, ShopKind, TokenKind
from domain.token import ORDER_REQUIRED_SCOPES, MallType, TokenInfo
NOW = datetime(2026, 11, 1, 12, 0, tzinfo=timezone.utc)
REGION_IDS = {Region.US: 211, Region.EU: 210}


def shop(region: Region = Region.US, kind: ShopKind = ShopKind.CROSS_BORDER, mall_id: int = 7) -> Shop:
    info = TokenInfo(mall_id=mall_id, mall_type=MallType.LOCAL if kind is ShopKind.LOCAL else MallType.SEMI,
                     region_id=REGION_IDS[region], scopes=frozenset(ORDER_REQUIRED_SCOPES),
                     expires_at=NOW + timedelta(days=90))
    return Shop.authorize(id=ShopId(str(uuid.uuid4())), name=ShopName(f"{kind.value} {region.value}"), kind=kind,
                          region=region, owner_id=PrincipalId("owner"), info=info, fingerprint="f", now=NOW)


def with_product_token(s: Shop, expires_at=NOW + timedelta(days=200)) -> Shop:
    info = TokenInfo(mall_id=s.mall_id, mall_type=MallType.SEMI, region_id=REGION_IDS[s.region],
                     scopes=frozenset({"bg.goods.list.get"}), expires_at=expires_at)
    s.add_product_token(info, "p", NOW)
    return s


@pytest.mark.parametrize("kind, expected", [(ShopKind.LOCAL, TokenKind.LOCAL),
                                            (ShopKind.CROSS_BORDER, TokenKind.ORDER)])
def test_orders_are_read_with_the_order_token_or_a_local_shops_single_token(kind, expected):
    s = shop(kind=kind)
    assert s.order_credential(NOW).kind is expected
    s.revoke_token(expected, NOW)
    assert s.auth_status is AuthStatus.REAUTH_REQUIRED and not s.can_sync_orders(NOW)
    with pytest.raises(PreconditionFailed):
        s.order_credential(NOW)
