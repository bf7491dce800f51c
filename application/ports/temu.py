"""What the application asks of Temu: who a token is, and a shop's orders."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from domain.order_amounts import OrderAmounts
from domain.platform_order import Address, PlatformOrder
from domain.shop_kinds import Region, ShopKind, TokenKind
from domain.sync import Window
from domain.token import TokenInfo, TokenText


@dataclass(frozen=True, slots=True)
class TemuAccess:
    """What an adapter needs to call Temu for one shop. ``token`` is the secret: never log it."""

    shop_id: str
    region: Region
    kind: ShopKind
    token: TokenText


class TokenInspector(Protocol):
    def inspect(self, token: TokenText, region: Region, token_kind: TokenKind) -> TokenInfo:
        """Ask Temu what a token is (``bg.open.accesstoken.info.get``) on the gateway that
        fits the token kind and region.

        Raises ``PreconditionFailed`` (reason TOKEN_UNKNOWN, TOKEN_EXPIRED, TOKEN_REPLACED…)
        when Temu refuses the token, ``UpstreamUnavailable`` when Temu is busy or unreachable,
        and ``UpstreamRejected`` for a fault of our own configuration (app key, sign).
        """
        ...


Skipped = list[tuple[str, str]]  # (parent order sn or "?", reason) of items that could not be read


class OrderPage:
    """One page of a shop's orders as Temu listed them (newest update first).

    ``update_times`` (Unix seconds, of the items whose update time is readable) is all a sync
    needs to ask for the next page. A source may hand the items over unread
    (``OrderPage.deferred``): ``orders`` and ``skipped`` are then read on first use, by the
    thread that stores them, while the next page is already being fetched."""

    __slots__ = ("total", "page_number", "page_size", "update_times", "_items", "_read")

    def __init__(self, orders: list[PlatformOrder], skipped: Skipped, total: int, page_number: int,
                 page_size: int) -> None:
        self.total, self.page_number, self.page_size = total, page_number, page_size
        self.update_times = tuple(int(o.updated_at.timestamp()) for o in orders)
        self._items: tuple[list[PlatformOrder], Skipped] | None = (orders, skipped)
        self._read: Callable[[], tuple[list[PlatformOrder], Skipped]] | None = None

    @classmethod
    def deferred(cls, read: Callable[[], tuple[list[PlatformOrder], Skipped]], update_times: tuple[int, ...],
                 total: int, page_number: int, page_size: int) -> OrderPage:
        page = cls([], [], total, page_number, page_size)
        page.update_times, page._items, page._read = update_times, None, read
        return page

    @property
    def orders(self) -> list[PlatformOrder]:
        return self._read_items()[0]

    @property
    def skipped(self) -> Skipped:
        return self._read_items()[1]

    @property
    def has_more(self) -> bool:
        return self.page_number * self.page_size < self.total

    def _read_items(self) -> tuple[list[PlatformOrder], Skipped]:
        if self._items is None:
            self._items, self._read = self._read(), None
        return self._items


class OrderSource(Protocol):
    """Temu's order interfaces for one shop (docs/temu-protocol.md §10–§12)."""

    def list_orders(self, access: TemuAccess, window: Window, page_number: int,
                    page_size: int) -> OrderPage:
        """One page of ``bg.order.list.v2.get`` over an update-time window, oldest updates first
        is not guaranteed: Temu sorts descending. Raises ``TokenRevoked`` on 3000034."""
        ...

    def get_order(self, access: TemuAccess, parent_order_sn: str) -> PlatformOrder | None:
        ...

    def get_address(self, access: TemuAccess, parent_order_sn: str) -> Address | None:
        """``bg.order.shippinginfo.v2.get``; only meaningful while the order is to ship."""
        ...

    def get_amounts(self, access: TemuAccess, parent_order_sn: str) -> OrderAmounts | None:
        """``bg.order.amount.query``, a sensitive interface the token must be granted (else
        ``PreconditionFailed`` TOKEN_SCOPE_MISSING); None when Temu does not know the order."""
        ...
