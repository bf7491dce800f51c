"""DESK-3: when an order's amounts are fetched, and what an order without them says."""
from datetime import timedelta
from decimal import Decimal

import pytest

from domain.order import Order
from domain.order_amounts import AmountsStatus, LineAmounts, Money, OrderAmounts, amounts_status, grants_amounts
from domain.token import missing_wanted_scopes
from domain.shop_kinds import TokenKind

from .order_builders import T0, snapshot

PRICED = OrderAmounts("USD", goods=Money("USD", Decimal("4.99")))


@pytest.mark.parametrize("status,wanted", [(1, False), (2, True), (3, False), (4, True), (5, True), (41, True),
                                           (51, True), (7, False)])
def test_amounts_are_wanted_once_temu_shows_the_order_to_ship_or_later(status, wanted):
    assert Order(id="o1", shop_id="s1", snapshot=snapshot(status), now=T0).needs_amounts() is wanted


def test_amounts_are_fetched_once_and_again_only_after_temu_changed_the_order():
    order = Order(id="o1", shop_id="s1", snapshot=snapshot(2), now=T0)
    order.record_amounts(PRICED, T0)
    assert not order.needs_amounts()
    order.apply_platform_update(snapshot(4, 30), T0 + timedelta(minutes=31))
    assert order.needs_amounts()


def test_a_clock_behind_temus_does_not_make_the_order_wanted_again():
    order = Order(id="o1", shop_id="s1", snapshot=snapshot(2, minutes=10), now=T0)
    order.record_amounts(PRICED, T0)  # our clock says 10 minutes before Temu's update
    assert not order.needs_amounts()


def test_what_an_order_without_amounts_says():
    empty = OrderAmounts("", lines=(LineAmounts("211-1"),))
    assert amounts_status(PRICED, 2, granted=False) is AmountsStatus.AVAILABLE  # kept after the grant went
    assert amounts_status(empty, 2, granted=True) is AmountsStatus.NONE_FROM_TEMU
    assert amounts_status(None, 2, granted=False) is AmountsStatus.GRANT_MISSING
    assert amounts_status(None, 1, granted=True) is AmountsStatus.NOT_APPLICABLE
    assert amounts_status(None, 3, granted=True) is AmountsStatus.NOT_APPLICABLE
    assert amounts_status(None, 4, granted=True) is AmountsStatus.PENDING


def test_the_grant_is_matched_ignoring_case_and_the_matrix_names_what_is_missing():
    assert grants_amounts(frozenset({"BG.ORDER.AMOUNT.QUERY"}))
    assert missing_wanted_scopes(TokenKind.ORDER, ("bg.order.list.v2.get",)) == ("bg.order.amount.query",)
    assert missing_wanted_scopes(TokenKind.LOCAL, ("bg.order.amount.query",)) == ()
    assert missing_wanted_scopes(TokenKind.PRODUCT, ()) == ()
