"""In-memory doubles that implement the application ports (no I/O), for unit tests."""
from __future__ import annotations

import copy
import hashlib
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from application.ports.readers import Page, ShopFilter, ShopView
from application.ports.repositories import IdempotencyRecord
from application.ports.temu import TokenInspector
from application.shops.views import to_view
from domain.errors import AlreadyExists, PreconditionFailed
from domain.principal import Principal
from domain.shop import Shop
from domain.shop_kinds import Region, TokenKind
from domain.token import TokenInfo, TokenText


class FakeClock:
    def __init__(self, start: datetime | None = None) -> None:
        self._now = start or datetime(2026, 11, 1, tzinfo=timezone.utc)

    def now(self) -> datetime:
        return self._now

    def advance(self, **kw: float) -> None:
        self._now += timedelta(**kw)


@dataclass
class FakeTokenInspector(TokenInspector):
    """Knows tokens registered with ``register``; others are TOKEN_UNKNOWN, as Temu says."""

    tokens: dict[str, TokenInfo] = field(default_factory=dict)
    calls: int = 0

    def register(self, token: str, info: TokenInfo) -> str:
        self.tokens[token] = info
        return token

    def inspect(self, token: TokenText, region: Region, token_kind: TokenKind) -> TokenInfo:
        self.calls += 1
        info = self.tokens.get(token.value)
        if info is None:
            raise PreconditionFailed("Temu does not know this token.", reason="TOKEN_UNKNOWN")
        return info


class InMemoryStore:
    """The shared 'database' of the in-memory unit of work."""

    def __init__(self) -> None:
        self.shops: dict[str, Shop] = {}
        self.secrets: dict[tuple[str, TokenKind], str] = {}
        self.idempotency: dict[tuple[str, str, str], IdempotencyRecord] = {}
        self.principals: dict[str, Principal] = {}
        self.api_keys: dict[str, str] = {}


class InMemoryShops:
    def __init__(self, uow: "InMemoryUnitOfWork") -> None:
        self._uow = uow

    def add(self, shop: Shop) -> None:
        self._uow.pending[shop.id] = shop

    def get(self, shop_id: str) -> Shop | None:
        if shop_id in self._uow.pending:
            return self._uow.pending[shop_id]
        shop = self._uow.store.shops.get(shop_id)
        if shop is None:
            return None
        working = copy.deepcopy(shop)
        self._uow.pending[shop_id] = working
        return working

    get_for_update = get

    def _all(self) -> list[Shop]:
        ids = set(self._uow.store.shops) | set(self._uow.pending)
        return [s for s in (self.get(i) for i in ids) if s is not None]

    def get_by_mall(self, mall_id: int, region: Region) -> Shop | None:
        return next((s for s in self._all() if s.mall_id == mall_id and s.region == region), None)

    def get_by_name(self, name_key: str) -> Shop | None:
        return next((s for s in self._all() if s.name.key == name_key), None)

    def other_regions_of(self, mall_id: int, region: Region) -> list[Shop]:
        return [s for s in self._all() if s.mall_id == mall_id and s.region != region]

    def ids_expiring_before(self, moment: datetime) -> list[str]:
        return [s.id for s in self._all() if s.auth_expires_at is not None and s.auth_expires_at <= moment]

    def flush(self) -> None:
        self._uow.check_unique()


class InMemoryVault:
    def __init__(self, uow: "InMemoryUnitOfWork") -> None:
        self._uow = uow

    def fingerprint(self, token: TokenText) -> str:
        return hashlib.sha256(b"pepper" + token.value.encode()).hexdigest()[:12]

    def put(self, shop_id: str, kind: TokenKind, token: TokenText) -> None:
        self._uow.pending_secrets[(shop_id, kind)] = token.value

    def get(self, shop_id: str, kind: TokenKind) -> TokenText:
        value = self._uow.pending_secrets.get((shop_id, kind)) or self._uow.store.secrets[(shop_id, kind)]
        return TokenText(value)


class InMemoryIdempotency:
    def __init__(self, uow: "InMemoryUnitOfWork") -> None:
        self._uow = uow

    def get(self, principal_id: str, method: str, request_id: str) -> IdempotencyRecord | None:
        key = (principal_id, method, request_id)
        return self._uow.pending_ids.get(key) or self._uow.store.idempotency.get(key)

    def put(self, principal_id: str, method: str, request_id: str, record: IdempotencyRecord) -> None:
        self._uow.pending_ids[(principal_id, method, request_id)] = record


class InMemoryPrincipals:
    def __init__(self, store: InMemoryStore) -> None:
        self._store = store

    def by_api_key(self, api_key: str) -> Principal | None:
        pid = self._store.api_keys.get(api_key)
        return self._store.principals.get(pid) if pid else None

    def get(self, principal_id: str) -> Principal | None:
        return self._store.principals.get(principal_id)


class InMemoryUnitOfWork:
    def __init__(self, store: InMemoryStore, sync=None, clock=None) -> None:
        from tests.fakes_sync import InMemoryOrders, InMemorySyncRuns, InMemorySyncStates, SyncStore

        self.store = store
        self.sync = sync or SyncStore()
        self.clock = clock
        self.pending: dict[str, Shop] = {}
        self.pending_secrets: dict[tuple[str, TokenKind], str] = {}
        self.pending_ids: dict[tuple[str, str, str], IdempotencyRecord] = {}
        self.shops = InMemoryShops(self)
        self.vault = InMemoryVault(self)
        self.idempotency = InMemoryIdempotency(self)
        self.principals = InMemoryPrincipals(store)
        self.orders = InMemoryOrders(self.sync)
        self.sync_runs = InMemorySyncRuns(self.sync)
        self.sync_states = InMemorySyncStates(self.sync, self.shops)
        self.job_slots = getattr(store, "job_slots", None)
        self._wire_warehouses()
        self.committed = False

    def _wire_warehouses(self) -> None:
        from tests.fakes_warehouses import (
            InMemoryCarrierAccounts, InMemoryChannels, InMemorySkuMappings, InMemoryWarehouses, WarehouseStore,
        )

        if not hasattr(self.store, "fulfillment_setup"):
            self.store.fulfillment_setup = WarehouseStore()
        setup = self.store.fulfillment_setup
        self.warehouses = InMemoryWarehouses(setup.warehouses)
        self.channels = InMemoryChannels(setup.channels)
        self.carrier_accounts = InMemoryCarrierAccounts(setup)
        self.sku_mappings = InMemorySkuMappings(setup)

    def db_now(self) -> datetime:
        return self.clock.now() if self.clock else datetime.now(timezone.utc)

    def __enter__(self) -> "InMemoryUnitOfWork":
        return self

    def __exit__(self, *exc: object) -> None:
        self.rollback()

    def check_unique(self) -> None:
        merged = {**self.store.shops, **self.pending}
        seen: dict[tuple[int, Region], Shop] = {}
        names: dict[str, Shop] = {}
        for shop in merged.values():
            other = seen.setdefault((shop.mall_id, shop.region), shop)
            if other is not shop:
                raise AlreadyExists("duplicate", reason="SHOP_ALREADY_AUTHORIZED", existing_shop_id=other.id)
            if names.setdefault(shop.name.key, shop) is not shop:
                raise AlreadyExists("duplicate name", reason="SHOP_NAME_TAKEN")

    def commit(self) -> None:
        self.check_unique()
        for shop in self.pending.values():
            self.sync.outbox.extend(shop.events)
            shop.events.clear()
            shop.version += 1
            self.store.shops[shop.id] = copy.deepcopy(shop)
        self.store.secrets.update(self.pending_secrets)
        self.store.idempotency.update(self.pending_ids)
        self.orders.w.commit()
        self.sync_runs.commit()
        for repo in (self.warehouses, self.channels, self.carrier_accounts):
            for item in repo.w.pending.values():
                item.version += 1
            repo.w.commit()
        self.carrier_accounts.secrets.commit()
        self.sku_mappings.commit()
        self.committed = True
        self.rollback()

    def rollback(self) -> None:
        self.pending, self.pending_secrets, self.pending_ids = {}, {}, {}
        self.orders.w.pending = {}
        self.sync_runs.w.pending, self.sync_runs.new_slots = {}, set()
        for working in (self.warehouses.w, self.channels.w, self.carrier_accounts.w,
                        self.carrier_accounts.secrets, self.sku_mappings.w):
            working.pending = {}


class InMemoryShopReader:
    def __init__(self, store: InMemoryStore) -> None:
        self._store = store

    def get(self, shop_id: str, now: datetime) -> ShopView | None:
        shop = self._store.shops.get(shop_id)
        return to_view(shop, now) if shop else None

    def get_many(self, shop_ids: Collection[str], now: datetime) -> dict[str, ShopView]:
        return {i: to_view(self._store.shops[i], now) for i in shop_ids if i in self._store.shops}

    def list(self, flt: ShopFilter, page_size: int, page_token: str, now: datetime) -> Page:
        views = sorted((to_view(s, now) for s in self._store.shops.values()), key=lambda v: (v.name.casefold(), v.id))
        views = [v for v in views if _matches(v, flt)]
        start = int(page_token or 0)
        items = views[start:start + page_size]
        nxt = str(start + page_size) if start + page_size < len(views) else ""
        return Page(items=items, next_page_token=nxt, total_size=len(views))


def _matches(v: ShopView, f: ShopFilter) -> bool:
    return ((f.owner_id is None or v.owner_id == f.owner_id)
            and (f.auth_status is None or v.auth_status == f.auth_status)
            and (f.status is None or v.status == f.status)
            and (f.name_contains is None or f.name_contains.casefold() in v.name.casefold())
            and (f.expiring_within_days is None or any(c.days_left <= f.expiring_within_days for c in v.credentials)))
