"""The read side: list and detail views straight from storage, without loading aggregates.
The order views themselves are in ``application.orders.views``."""
from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from application.orders.search import OrderSort
from application.orders.views import OperationFilter, OrderCounts, OrderDetail, OrderFilter, OrderSummary
from domain.principal import Principal
from domain.shop_kinds import AuthStatus, Region, ShopKind, ShopStatus, TokenKind
from domain.token import missing_wanted_scopes


@dataclass(frozen=True, slots=True)
class CredentialView:
    kind: TokenKind
    region: Region
    fingerprint: str
    scopes: tuple[str, ...]
    expires_at: datetime
    expiry_from_temu: bool
    days_left: int
    last_verified_at: datetime
    revoked: bool

    @property
    def missing_scopes(self) -> tuple[str, ...]:
        """Interfaces the ERP would use that the seller has not granted this token."""
        return missing_wanted_scopes(self.kind, self.scopes)


@dataclass(frozen=True, slots=True)
class ShopView:
    id: str
    name: str
    kind: ShopKind
    region: Region
    mall_id: int
    owner_id: str
    status: ShopStatus
    auth_status: AuthStatus
    expiry_warning_days: int | None
    auth_expires_at: datetime | None
    credentials: tuple[CredentialView, ...]
    created_at: datetime
    updated_at: datetime
    version: int
    reauthorization_reason: str | None = None  # why AuthStatus.REAUTH_REQUIRED


@dataclass(frozen=True, slots=True)
class ShopFilter:
    owner_id: str | None = None  # None: every owner (administrators)
    auth_status: AuthStatus | None = None
    status: ShopStatus | None = None
    name_contains: str | None = None
    expiring_within_days: int | None = None


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a list. ``next_page_token`` asks for the next page of the same filter; it is
    "" after the last. ``total_size`` counts every match, not just this page."""

    items: list
    next_page_token: str
    total_size: int
    missing: tuple[str, ...] = ()  # values of a pasted list of the filter that matched nothing


class ShopReader(Protocol):
    """A reader's ``list`` takes "" or a ``next_page_token`` it issued for the same filter;
    any other token raises ``ValidationFailed`` (reason INVALID_PAGE_TOKEN)."""

    def get(self, shop_id: str, now: datetime) -> ShopView | None: ...
    def get_many(self, shop_ids: Collection[str], now: datetime) -> dict[str, ShopView]:
        """The shops of ``shop_ids`` that exist, by id, in one read."""
        ...
    def list(self, flt: ShopFilter, page_size: int, page_token: str, now: datetime) -> Page: ...


class OrderReader(Protocol):
    """``OrderFilter.owner_id`` limits the list to that owner's shops; page tokens as for
    ``ShopReader``, each bound to its filter and its sort. ``list`` gives, as ``Page.missing``,
    the ``order_sns`` of the filter that no order of the list carries."""

    def get(self, order_id: str) -> OrderDetail | None: ...
    def list(self, flt: OrderFilter, page_size: int, page_token: str, sort: OrderSort = OrderSort()) -> Page: ...
    def count(self, flt: OrderFilter) -> OrderCounts: ...
    def batches(self, flt: OrderFilter, size: int) -> Iterator[list[OrderSummary]]:
        """Every match, newest first, ``size`` at a time (exports)."""
        ...


class SyncRunReader(Protocol):
    """The ids of the sync runs ``flt`` matches, newest first; page tokens as for ``ShopReader``.
    The runs themselves are read through the unit of work (``SyncRunRepository.get``)."""

    def list_ids(self, flt: OperationFilter, page_size: int, page_token: str) -> Page: ...


class ApiKeyLookup(Protocol):
    def by_api_key(self, api_key: str) -> Principal | None:
        """The owner of a live key; unknown and revoked keys give None."""
        ...
