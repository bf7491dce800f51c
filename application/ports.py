"""Ports: what the application needs from the outside world, named by role.

Adapters implement them (``SqlAlchemyUnitOfWork``, ``TemuTokenInspector``…); unit tests use the
``InMemory…``/``Fake…`` doubles in ``tests/fakes.py`` that implement the same protocols.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol, Self

from application.orders.views import OrderDetail, OrderFilter
from domain.order import Address, Order, PlatformOrder
from domain.principal import Principal
from domain.shop import Shop
from domain.sync import SyncRun, Window
from domain.shop_kinds import AuthStatus, Region, ShopKind, ShopStatus, TokenKind
from domain.token import TokenInfo, TokenText


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, timezone-aware UTC."""
        ...


# -- Temu ----------------------------------------------------------------------------------

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
    """Temu's order interfaces for one shop (temu-api.md §5)."""

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


# -- persistence ---------------------------------------------------------------------------

class ShopRepository(Protocol):
    def add(self, shop: Shop) -> None: ...
    def get(self, shop_id: str) -> Shop | None: ...
    def get_for_update(self, shop_id: str) -> Shop | None: ...
    def get_by_mall(self, mall_id: int, region: Region) -> Shop | None: ...
    def get_by_name(self, name_key: str) -> Shop | None: ...
    def other_regions_of(self, mall_id: int, region: Region) -> list[Shop]: ...
    def ids_expiring_before(self, moment: datetime) -> list[str]: ...
    def flush(self) -> None:
        """Write pending changes now so that a unique-key clash surfaces as a domain error."""
        ...


class TokenVault(Protocol):
    """Stores token secrets encrypted and bound to their shop."""

    def fingerprint(self, token: TokenText) -> str: ...
    def put(self, shop_id: str, kind: TokenKind, token: TokenText) -> None: ...
    def get(self, shop_id: str, kind: TokenKind) -> TokenText: ...


@dataclass(frozen=True, slots=True)
class IdempotencyRecord:
    request_hash: str
    resource_id: str


class IdempotencyKeys(Protocol):
    """AIP-155 request ids, stored in the same transaction as the change they guard."""

    def get(self, principal_id: str, method: str, request_id: str) -> IdempotencyRecord | None: ...
    def put(self, principal_id: str, method: str, request_id: str, record: IdempotencyRecord) -> None: ...


class Principals(Protocol):
    def by_api_key(self, api_key: str) -> Principal | None: ...
    def get(self, principal_id: str) -> Principal | None: ...


class OrderRepository(Protocol):
    def add(self, order: Order) -> None: ...
    def add_new(self, orders: list[Order]) -> None:
        """Write orders never stored before, at once and in bulk (a page of a history sync).
        Like ``add``ed and loaded ones, their later changes are saved on commit."""
        ...
    def get(self, order_id: str) -> Order | None: ...
    def get_by_sn(self, shop_id: str, parent_order_sn: str) -> Order | None: ...
    def get_many_by_sn(self, shop_id: str, parent_order_sns: list[str]) -> dict[str, Order]: ...
    def needing_address(self, shop_id: str, limit: int) -> list[Order]:
        """To-ship orders whose address was never fetched."""
        ...


class JobSlots(Protocol):
    def claim(self, job: str, slot_start: datetime) -> bool:
        """True for exactly one caller per (job, slot), across processes and machines."""
        ...


class SyncRunRepository(Protocol):
    def add(self, run: SyncRun) -> None: ...
    def add_if_slot_free(self, run: SyncRun) -> bool:
        """Insert unless a run of this (shop, kind, slot) exists; True when inserted."""
        ...
    def get(self, run_id: str) -> SyncRun | None: ...
    def attach(self, run: SyncRun) -> SyncRun:
        """A run loaded by an earlier unit of work, unchanged since that one committed, joins this
        one without being read again; change and commit the returned run. Its version still
        guards the write: if the run was changed meanwhile, ``commit`` raises ``ConcurrencyConflict``."""
        ...
    def unfinished_for_shop(self, shop_id: str) -> list[SyncRun]: ...
    def ids_to_dispatch(self, now: datetime, redispatch_after: timedelta) -> list[str]:
        """PENDING/RUNNING runs never sent, or sent longer ago than ``redispatch_after`` with
        no progress since (a lost message or a dead worker)."""
        ...
    def mark_dispatched(self, run_ids: list[str], now: datetime) -> None: ...
    def record_problem(self, run_id: str, parent_order_sn: str, reason: str, now: datetime) -> None: ...


@dataclass(frozen=True, slots=True)
class SyncState:
    shop_id: str
    watermark: datetime | None  # every Temu update up to here is stored
    history_from: datetime | None  # orders created before this are not ours to hold


class SyncStates(Protocol):
    """Per-shop sync bookkeeping and the lease that keeps two syncs of one shop apart."""

    def get(self, shop_id: str) -> SyncState | None: ...
    def ensure(self, shop_id: str, history_from: datetime) -> None: ...
    def claim(self, shop_id: str, run_id: str, owner: str, now: datetime, until: datetime) -> bool:
        """Take the shop's lease for a run: atomic, succeeds when free, expired or already ours."""
        ...
    def release(self, shop_id: str, owner: str) -> None: ...
    def advance_watermark(self, shop_id: str, to: datetime) -> None:
        """Move the watermark forward (never backward)."""
        ...
    def due_shop_ids(self, now: datetime, interval: timedelta) -> list[str]:
        """Enabled shops with a finished history whose watermark is older than ``interval``."""
        ...


class UnitOfWork(Protocol):
    shops: ShopRepository
    vault: TokenVault
    idempotency: IdempotencyKeys
    principals: Principals
    orders: OrderRepository
    sync_runs: SyncRunRepository
    sync_states: SyncStates
    job_slots: JobSlots

    def db_now(self) -> datetime:
        """The database clock: watermarks and slots come from it, not from a worker's clock."""
        ...

    def __enter__(self) -> Self: ...
    def __exit__(self, *exc: object) -> None: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...


class UnitOfWorkFactory(Protocol):
    def __call__(self) -> UnitOfWork: ...


class ShopHook(Protocol):
    """Work done in the same transaction as a shop change (e.g. scheduling its history sync).
    Returns the ids of the jobs it created, sent to the workers once the change is committed."""

    def __call__(self, uow: UnitOfWork, shop: Shop, now: datetime) -> list[str]: ...


# -- read side -----------------------------------------------------------------------------

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


class ShopReader(Protocol):
    """A reader's ``list`` takes "" or a ``next_page_token`` it issued for the same filter;
    any other token raises ``ValidationFailed`` (reason INVALID_PAGE_TOKEN)."""

    def get(self, shop_id: str, now: datetime) -> ShopView | None: ...
    def list(self, flt: ShopFilter, page_size: int, page_token: str, now: datetime) -> Page: ...


class OrderReader(Protocol):
    """``OrderFilter.owner_id`` limits the list to that owner's shops; page tokens as for
    ``ShopReader``."""

    def get(self, order_id: str) -> OrderDetail | None: ...
    def list(self, flt: OrderFilter, page_size: int, page_token: str) -> Page: ...

