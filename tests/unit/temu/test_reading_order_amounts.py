"""bg.order.amount.query's answer: strict about what an amount is, lenient about what is missing."""
from decimal import Decimal

from adapters.temu.order_amounts import parse_amounts
from domain.order_amounts import Money


def usd(minor):
    return {"amount": minor, "currency": "USD"}


def test_money_in_minor_units_becomes_an_exact_decimal_amount():
    amounts = parse_amounts({"parentOrderMap": {"basePriceTotal": usd(290), "shippingAmountTotal": usd(299),
                                                "estimatedRevenue": usd(589)},
                             "orderList": [{"orderSn": "211-1", "unitBasePrice": usd(145), "basePrice": usd(290)}]})
    assert (amounts.currency, amounts.goods, amounts.shipping, amounts.revenue) == (
        "USD", Money("USD", Decimal("2.90")), Money("USD", Decimal("2.99")), Money("USD", Decimal("5.89")))
    assert amounts.lines[0].unit_price == Money("USD", Decimal("1.45"))
    assert amounts.lines[0].shipping is None


def test_a_currency_without_minor_units_is_read_as_whole_units():
    amounts = parse_amounts({"parentOrderMap": {"basePriceTotal": {"amount": 1200, "currency": "jpy"}}})
    assert amounts.goods == Money("JPY", Decimal(1200))


def test_a_decimal_text_is_read_as_major_units_and_a_float_is_never_guessed():
    amounts = parse_amounts({"parentOrderMap": {"basePriceTotal": {"amount": "12.34", "currency": "EUR"},
                                                "estimatedRevenue": {"amount": 12.34, "currency": "EUR"}}})
    assert amounts.goods == Money("EUR", Decimal("12.34"))
    assert amounts.revenue is None


def test_an_amount_without_a_readable_currency_takes_the_orders_or_is_left_out():
    with_parent = parse_amounts({"parentOrderMap": {"currency": "USD", "basePriceTotal": {"amount": 100}}})
    without = parse_amounts({"parentOrderMap": {"basePriceTotal": {"amount": 100, "currency": "dollars"}}})
    assert with_parent.goods == Money("USD", Decimal("1.00"))
    assert without is None


def test_lines_without_an_order_number_are_skipped_and_the_rest_is_kept():
    amounts = parse_amounts({"orderList": [{"basePrice": usd(100)}, "junk", {"orderSn": "211-2", "basePrice": usd(50)}]})
    assert [(x.order_sn, x.goods) for x in amounts.lines] == [("211-2", Money("USD", Decimal("0.50")))]
    assert amounts.currency == "USD"


def test_an_answer_with_no_amounts_at_all_is_none():
    assert parse_amounts(None) is None
    assert parse_amounts({}) is None
    assert parse_amounts({"parentOrderMap": {"basePriceTotal": "a lot"}}) is None
