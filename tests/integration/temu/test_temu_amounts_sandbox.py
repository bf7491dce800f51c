"""Issue 13, item 3: an order's amounts through the adapter, over HTTP to the Temu sandbox."""
from decimal import Decimal

import pytest

from domain.errors import PreconditionFailed
from domain.order_amounts import AMOUNT_SCOPE
from domain.shop_kinds import Region
from sandboxes.temu.catalog import ORDER_SCOPES
from sandboxes.temu.wire import unit_price_cents


def granted_token(temu, mall, region=Region.US):
    return temu.order_token(mall, region, scopes=[*ORDER_SCOPES, AMOUNT_SCOPE])


def test_the_amounts_of_an_order_come_in_its_currency_per_line_and_in_total(temu):
    mall = temu.semi_mall()
    token = granted_token(temu, mall)
    sn = temu.registry.create_order(mall, 211, status=2, lines=2, quantity=3)
    line_sns = [line["orderSn"] for line in temu.registry.orders(mall, 211)[0]["orderList"]]

    amounts = temu.orders().get_amounts(temu.access(token), sn)

    units = [Decimal(unit_price_cents(x)) / 100 for x in line_sns]
    assert amounts.currency == "USD"
    assert [(x.order_sn, x.unit_price.amount, x.goods.amount) for x in amounts.lines] == [
        (x, u, u * 3) for x, u in zip(line_sns, units)]
    assert amounts.goods.amount == sum(u * 3 for u in units)
    assert amounts.revenue.amount == amounts.goods.amount + amounts.shipping.amount


def test_an_eu_order_is_priced_in_euros(temu):
    mall = temu.semi_mall()
    token = granted_token(temu, mall, Region.EU)
    sn = temu.registry.create_order(mall, 210, status=4)
    amounts = temu.orders().get_amounts(temu.access(token, Region.EU), sn)
    assert {amounts.currency, amounts.goods.currency} == {"EUR"}


def test_a_token_without_the_sensitive_grant_is_refused_with_temus_scope_error(temu):
    mall = temu.semi_mall()
    token = temu.order_token(mall)  # the regular order interfaces only
    sn = temu.registry.create_order(mall, 211, status=2)
    with pytest.raises(PreconditionFailed) as refused:
        temu.orders().get_amounts(temu.access(token), sn)
    assert refused.value.reason == "TOKEN_SCOPE_MISSING"
    assert refused.value.details["temu_error_code"] == "3000032"


def test_the_amounts_of_an_order_temu_does_not_know_are_none(temu):
    token = granted_token(temu, temu.semi_mall())
    assert temu.orders().get_amounts(temu.access(token), "PO-211-00000000000000000") is None
