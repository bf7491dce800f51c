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


def test_a_region_without_a_usable_product_token_adopts_the_one_another_region_holds():
    us, eu = with_product_token(shop(Region.US)), shop(Region.EU)
    assert eu.adopt_product_token_from(us, NOW)
    assert eu.credentials[TokenKind.PRODUCT] == us.credentials[TokenKind.PRODUCT]
    assert eu.auth_status is AuthStatus.AUTHORIZED
    expired = shop(Region.EU)
    with_product_token(expired, expires_at=NOW + timedelta(days=1))
    assert expired.adopt_product_token_from(us, NOW + timedelta(days=2))


@pytest.mark.parametrize("case", ["holds a usable one", "theirs expired", "theirs revoked", "another Temu shop",
                                  "same region", "local shop"])
def test_a_product_token_is_not_adopted_when_it_would_not_serve(case):
    us, eu = with_product_token(shop(Region.US)), shop(Region.EU)
    now = NOW
    if case == "holds a usable one":
        mine = with_product_token(eu).credentials[TokenKind.PRODUCT]
    if case == "theirs expired":
        now = NOW + timedelta(days=201)
    if case == "theirs revoked":
        us.revoke_token(TokenKind.PRODUCT, NOW)
    if case == "another Temu shop":
        eu = shop(Region.EU, mall_id=8)
    if case == "same region":
        eu = shop(Region.US)
    if case == "local shop":
        eu = shop(Region.US, kind=ShopKind.LOCAL)
    assert not eu.adopt_product_token_from(us, now)
    if case == "holds a usable one":
        assert eu.credentials[TokenKind.PRODUCT] is mine
    else:
        assert TokenKind.PRODUCT not in eu.credentials


def test_a_shop_needing_reauthorization_says_why_until_it_is_reauthorized():
    s = shop()
    s.require_reauthorization(TokenKind.ORDER, "the stored order token cannot be decrypted", NOW)
    assert s.auth_status is AuthStatus.REAUTH_REQUIRED and not s.can_sync_orders(NOW)
    assert s.reauthorization_reason == "the stored order token cannot be decrypted"
    info = TokenInfo(mall_id=s.mall_id, mall_type=MallType.SEMI, region_id=211,
                     scopes=frozenset(ORDER_REQUIRED_SCOPES), expires_at=NOW + timedelta(days=90))
    s.reauthorize(TokenKind.ORDER, info, "f2", NOW)
    assert s.reauthorization_reason is None and s.can_sync_orders(NOW)

