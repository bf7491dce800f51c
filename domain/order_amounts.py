"""What Temu says an order is worth (``bg.order.amount.query``), and whether the ERP can show it.

Temu's amount interface is "sensitive": the seller grants it apart from the order interfaces, so
a shop's order token may lack it. The ERP then shows why the amounts are missing instead of
calling Temu for each order only to be refused.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from domain.platform_order import SHIPPED_ON_TEMU, TemuStatus

AMOUNT_SCOPE = "bg.order.amount.query"
# Temu has amounts for an order once it is to ship; a pending order may still be cancelled.
STATUSES_WITH_AMOUNTS = frozenset({TemuStatus.UN_SHIPPING, *SHIPPED_ON_TEMU})


@dataclass(frozen=True, slots=True)
class Money:
    """An amount in one currency (ISO 4217 code), exact: never a float."""

    currency: str
    amount: Decimal


@dataclass(frozen=True, slots=True)
class LineAmounts:
    """One child order's amounts; each absent when Temu did not give it."""

    order_sn: str
    unit_price: Money | None = None  # ``unitBasePrice``: the supply price of one unit
    goods: Money | None = None  # ``basePrice``: the line's supply price, all units
    shipping: Money | None = None  # ``shipAmountTotal``


@dataclass(frozen=True, slots=True)
class OrderAmounts:
    """The parent order's amounts in its currency; each absent when Temu did not give it."""

    currency: str = ""
    goods: Money | None = None  # ``basePriceTotal``: what the seller is paid for the goods (供货价)
    shipping: Money | None = None  # ``shippingAmountTotal``
    revenue: Money | None = None  # ``estimatedRevenue``
    lines: tuple[LineAmounts, ...] = ()

    def is_empty(self) -> bool:
        """Temu answered without any amount (or did not know the order)."""
        return (self.goods, self.shipping, self.revenue) == (None, None, None) and not any(
            (x.unit_price, x.goods, x.shipping) != (None, None, None) for x in self.lines)


class AmountsStatus(str, Enum):
    AVAILABLE = "AVAILABLE"
    PENDING = "PENDING"  # to be fetched by the background lane
    GRANT_MISSING = "GRANT_MISSING"  # the shop's order token lacks AMOUNT_SCOPE
    NOT_APPLICABLE = "NOT_APPLICABLE"  # pending or cancelled on Temu before any amount was fetched
    NONE_FROM_TEMU = "NONE_FROM_TEMU"  # Temu answered with no amounts


def amounts_status(amounts: OrderAmounts | None, temu_status: int, granted: bool) -> AmountsStatus:
    """Amounts once fetched stay shown, even after the grant is withdrawn."""
    if amounts is not None:
        return AmountsStatus.NONE_FROM_TEMU if amounts.is_empty() else AmountsStatus.AVAILABLE
    if not granted:
        return AmountsStatus.GRANT_MISSING
    if TemuStatus.parse(temu_status) not in STATUSES_WITH_AMOUNTS:
        return AmountsStatus.NOT_APPLICABLE
    return AmountsStatus.PENDING


def grants_amounts(scopes: frozenset[str] | tuple[str, ...]) -> bool:
    """Whether a token with these API types may read amounts (Temu matches names ignoring case)."""
    return AMOUNT_SCOPE in {s.lower() for s in scopes}
