"""What Temu says about a token, read into TokenInfo."""
from datetime import datetime, timezone

import pytest

from adapters.temu.token_inspector import parse_token_info
from domain.errors import UpstreamUnavailable


def test_token_info_is_read_with_an_aware_utc_expiry_and_its_scopes():
    info = parse_token_info({"mallId": 1024, "mallType": 1, "regionId": 211, "expiredTime": 1765634102,
                             "apiScopeList": ["bg.order.list.v2.get", "bg.order.shippinginfo.v2.get", 7]})
    assert (info.mall_id, info.mall_type, info.region_id) == (1024, 1, 211)
    assert info.expires_at == datetime(2025, 12, 13, 13, 55, 2, tzinfo=timezone.utc)
    assert info.scopes == frozenset({"bg.order.list.v2.get", "bg.order.shippinginfo.v2.get"})


@pytest.mark.parametrize("expired_time", [None, "soon", 10**15])
def test_a_missing_or_unreadable_expiry_is_no_expiry(expired_time):
    assert parse_token_info({"mallId": 1, "expiredTime": expired_time}).expires_at is None


def test_an_answer_without_a_shop_id_is_unavailable_not_a_crash():
    with pytest.raises(UpstreamUnavailable):
        parse_token_info({"mallType": 1})
