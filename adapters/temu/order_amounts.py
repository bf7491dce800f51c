"""``bg.order.amount.query``'s answer (docs/temu-protocol.md §12a) into ``OrderAmounts``.

Lenient: an amount that cannot be read is left out, never guessed; the rest of the answer stays.
Temu writes money as ``{"amount": <integer, minor units>, "currency": "USD"}``. A decimal text
(``"12.34"``) is read as major units, in case a gateway sends one; a float never is (it would not
be exact).
"""
from __future__ import annotations

import re
from decimal import Decimal

from adapters.temu.values import as_code, as_int, as_list
from domain.order_amounts import LineAmounts, Money, OrderAmounts

_CURRENCY = re.compile(r"[A-Z]{3}")
_DECIMAL_TEXT = re.compile(r"-?\d{1,15}\.\d{1,6}")
# ISO 4217 currencies without minor units among those Temu sells in; every other has two (the
# three-decimal dinars are not Temu markets).
_NO_MINOR_UNITS = frozenset({"JPY", "KRW", "CLP", "ISK", "HUF", "VND", "TWD", "UGX", "XAF", "XOF"})
MAX_MINOR_UNITS = 10**15


def parse_amounts(result: object) -> OrderAmounts | None:
    """None when Temu sent nothing readable as an order's amounts."""
    if not isinstance(result, dict):
        return None
    parent = result.get("parentOrderMap")
    parent = parent if isinstance(parent, dict) else {}
    fallback = _currency(parent.get("currency")) or _currency(result.get("currency"))
    goods, shipping, revenue = (_money(parent.get(k), fallback) for k in
                                ("basePriceTotal", "shippingAmountTotal", "estimatedRevenue"))
    lines = tuple(line for line in (_line(x, fallback) for x in as_list(result.get("orderList")) or ()) if line)
    known = [m for m in (goods, shipping, revenue, *(m for x in lines for m in (x.unit_price, x.goods, x.shipping)))
             if m is not None]
    if not known and not lines:
        return None
    currency = goods.currency if goods else (known[0].currency if known else fallback or "")
    return OrderAmounts(currency=currency, goods=goods, shipping=shipping, revenue=revenue, lines=lines)


def _line(item: object, fallback: str | None) -> LineAmounts | None:
    if not isinstance(item, dict):
        return None
    sn = as_code(item.get("orderSn"))
    if sn is None:
        return None
    return LineAmounts(sn, _money(item.get("unitBasePrice"), fallback), _money(item.get("basePrice"), fallback),
                       _money(item.get("shipAmountTotal"), fallback))


def _money(value: object, fallback: str | None) -> Money | None:
    if not isinstance(value, dict):
        return None
    currency = _currency(value.get("currency")) or _currency(value.get("currencyCode")) or fallback
    if currency is None:
        return None
    raw = value.get("amount")
    if isinstance(raw, str) and _DECIMAL_TEXT.fullmatch(raw.strip()):
        return Money(currency, Decimal(raw.strip()))
    minor = as_int(raw, -MAX_MINOR_UNITS, MAX_MINOR_UNITS)
    if minor is None:
        return None
    return Money(currency, Decimal(minor) if currency in _NO_MINOR_UNITS else Decimal(minor).scaleb(-2))


def _currency(value: object) -> str | None:
    if isinstance(value, str) and _CURRENCY.fullmatch(value.strip().upper()):
        return value.strip().upper()
    return None
