"""Where aggregates and their bookkeeping are kept: one repository per role, each reached
through the unit of work (``application.ports.unit_of_work``)."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from application.ports.carrier import CarrierCredentials
from application.ports.providers import ProviderCredentials
from domain.carrier_account import CarrierAccount
from domain.channel import LogisticsChannel
from domain.order import Order
from domain.provider_account import ProviderAccount
from domain.package import Package, PackageState
from domain.principal import Principal, Role
from domain.shop import Shop
from domain.shop_kinds import Region, TokenKind
from domain.sync import SyncRun
from domain.sku_mapping import SkuMapping
from domain.temu_warehouse_binding import BindingTarget, TemuWarehouseBinding
from domain.token import TokenText
from domain.upload import Upload
from domain.warehouse import Warehouse


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


@dataclass(frozen=True, slots=True)
class ApiKeyView:
    """An API key as an administrator sees it: never the key itself, only its first characters."""

    id: str
    prefix: str
    principal_id: str
    principal_name: str
    role: Role
    created_at: datetime
    revoked_at: datetime | None


class Principals(Protocol):
    def by_api_key(self, api_key: str) -> Principal | None: ...
    def get(self, principal_id: str) -> Principal | None: ...
    def create_principal(self, name: str, role: Role, principal_id: str | None = None) -> Principal: ...
    def issue_api_key(self, principal_id: str, key_id: str | None = None) -> str:
        """A new key for the principal (its id ``key_id`` when given), returned once: only its
        hash is stored."""
        ...
    def api_keys(self, after_id: str, limit: int) -> list[ApiKeyView]:
        """Keys by id, those after ``after_id`` ("" from the first), at most ``limit``."""
        ...
    def api_key(self, key_id: str) -> ApiKeyView | None: ...
    def revoke_api_key_by_id(self, key_id: str) -> bool:
        """Refuse the key from now on; False when it was unknown or already revoked."""
        ...


class OrderRepository(Protocol):
    def add(self, order: Order) -> None: ...
    def add_new(self, orders: list[Order]) -> None:
        """Write orders never stored before, at once and in bulk (a page of a history sync).
        Like ``add``ed and loaded ones, their later changes are saved on commit."""
        ...
    def get(self, order_id: str) -> Order | None: ...
    def get_many(self, order_ids: list[str], *, for_update: bool = False) -> dict[str, Order]:
        """The stored ones of these orders, by id (a batch's orders in one read); ``for_update``
        locks them until the transaction ends."""
        ...
    def get_by_sn(self, shop_id: str, parent_order_sn: str) -> Order | None: ...
    def get_many_by_sn(self, shop_id: str, parent_order_sns: list[str]) -> dict[str, Order]: ...
    def needing_address(self, shop_id: str, limit: int) -> list[Order]:
        """To-ship orders whose address was never fetched."""
        ...
    def needing_amounts(self, shop_id: str, limit: int) -> list[Order]:
        """Orders whose amounts were never fetched, or fetched before Temu last changed them
        (``Order.needs_amounts``)."""
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
    def stalled_ids(self, now: datetime, after: timedelta) -> list[str]:
        """PENDING/RUNNING runs asked for at least ``after`` ago (created, or last nudged) that
        nobody works on: their message was lost, or their worker died."""
        ...
    def mark_nudged(self, run_ids: list[str], now: datetime) -> None: ...
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
    def claim_addresses(self, shop_id: str, owner: str, now: datetime, until: datetime) -> bool:
        """Take or renew the shop's address lease (apart from the sync's), atomically. False when
        another owner holds it: the holder is then told, at release, to go on once more. False
        also when the shop has no sync state (it never synced: nothing to fetch)."""
        ...
    def release_addresses(self, shop_id: str, owner: str) -> bool:
        """Free the address lease if ``owner`` holds it; True when another job asked meanwhile."""
        ...
    def advance_watermark(self, shop_id: str, to: datetime) -> None:
        """Move the watermark forward (never backward)."""
        ...
    def due_shop_ids(self, now: datetime, interval: timedelta) -> list[str]:
        """Enabled shops with a finished history whose watermark is older than ``interval``."""
        ...


# -- where orders ship from (FUL-3, FUL-4) ---------------------------------------------------

class WarehouseRepository(Protocol):
    def add(self, warehouse: Warehouse) -> None: ...
    def get(self, warehouse_id: str) -> Warehouse | None: ...
    def list_for(self, owner_id: str | None) -> list[Warehouse]:
        """The owner's warehouses (every owner's for None), by name."""
        ...


class ChannelRepository(Protocol):
    def add(self, channel: LogisticsChannel) -> None: ...
    def get(self, channel_id: str) -> LogisticsChannel | None: ...
    def of_warehouse(self, warehouse_id: str) -> list[LogisticsChannel]:
        """Active and disabled, by name."""
        ...
    def by_service(self, warehouse_id: str, service_token: str) -> LogisticsChannel | None: ...


class CarrierAccountRepository(Protocol):
    """Accounts and their secrets. The secret is encrypted at rest and bound to its account."""

    def add(self, account: CarrierAccount, credentials: CarrierCredentials) -> None: ...
    def get(self, account_id: str) -> CarrierAccount | None: ...
    def list_for(self, owner_id: str | None) -> list[CarrierAccount]: ...
    def replace_credentials(self, account_id: str, credentials: CarrierCredentials) -> None: ...
    def credentials(self, account_id: str) -> CarrierCredentials:
        """``NotFound`` for an unknown account; ``PreconditionFailed`` (CARRIER_CREDENTIALS_UNREADABLE)
        when the stored secret does not decrypt."""
        ...


class ProviderAccountRepository(Protocol):
    """Goodcang and Amazon accounts; their credentials encrypted at rest, bound to the account."""

    def add(self, account: ProviderAccount, credentials: ProviderCredentials) -> None: ...
    def get(self, account_id: str) -> ProviderAccount | None: ...
    def list_for(self, owner_id: str | None) -> list[ProviderAccount]: ...
    def replace_credentials(self, account_id: str, credentials: ProviderCredentials) -> None: ...
    def credentials(self, account_id: str) -> ProviderCredentials:
        """``GoodcangCredentials`` or ``AmazonCredentials`` as saved. ``NotFound`` for an unknown
        account; ``PreconditionFailed`` (PROVIDER_CREDENTIALS_UNREADABLE) when it does not decrypt."""
        ...


class SkuMappings(Protocol):
    def put_all(self, mappings: Iterable[SkuMapping]) -> None:
        """Set mappings of distinct keys; one with the same key (``SkuMapping.key``) as a stored one replaces it."""
        ...
    def delete(self, owner_id: str, shop_id: str, temu_sku_id: int, temu_seller_sku: str) -> bool:
        """False when there was no such mapping."""
        ...
    def seller_sku_for(self, owner_id: str, shop_id: str, sku_id: int | None, temu_seller_sku: str) -> str | None:
        """The mapped seller SKU of an order line: the shop's mapping before the owner-wide one,
        a Temu SKU id's before a Temu seller SKU's; None when nothing matches."""
        ...


@dataclass(frozen=True, slots=True)
class DuePackage:
    id: str
    state: PackageState
    warehouse_id: str | None


class PackageRepository(Protocol):
    def add(self, package: Package) -> None: ...
    def get(self, package_id: str) -> Package | None: ...
    def get_for_update(self, package_id: str) -> Package | None:
        """Row-locked on PostgreSQL: two pushes of one package take turns."""
        ...
    def holding(self, order_ids: Iterable[str]) -> list[Package]:
        """The active packages holding any of these orders."""
        ...
    def lease_due(self, now: datetime, until: datetime, limit: int) -> list[DuePackage]:
        """At most ``limit`` packages due at ``now`` (``next_check_at``), oldest due
        first, each made due again at ``until`` in the same statement: a package is handed out
        once per lease, and a worker that looks at it meanwhile sets its own next time."""
        ...


@dataclass(frozen=True, slots=True)
class StoredLabel:
    id: str
    package_id: str
    media_type: str
    content: bytes


class LabelStore(Protocol):
    """Label documents, kept once per push so a reprint never buys again."""

    def put(self, package_id: str, reference: str, media_type: str, content: bytes) -> str:
        """Store the document of the push ``reference``; its id (the stored one's if it was already)."""
        ...
    def get(self, label_id: str) -> StoredLabel | None: ...


class UploadRepository(Protocol):
    """Mark-shipped uploads, one per platform order (``domain.upload.upload_id``), and the
    shops' automatic-marking setting (off unless set)."""

    def add(self, upload: Upload) -> None: ...
    def get(self, upload_id: str) -> Upload | None: ...
    def get_for_update(self, upload_id: str) -> Upload | None:
        """Row-locked on PostgreSQL: two workers of one upload take turns."""
        ...
    def automatic(self, shop_id: str) -> bool: ...
    def set_automatic(self, shop_id: str, on: bool, now: datetime) -> None: ...
    def bindings(self, shop_id: str) -> list[TemuWarehouseBinding]:
        """The shop's Temu warehouse bindings (TEMU仓库绑定), by target then id."""
        ...
    def bind(self, binding: TemuWarehouseBinding) -> None:
        """Adds it, or replaces the binding of the same shop and target."""
        ...
    def unbind(self, shop_id: str, target: BindingTarget, target_id: str) -> bool:
        """False when there was none."""
        ...
    def refused_on_channel(self, channel_id: str, reason: str) -> list[str]:
        """Ids of the FAILED uploads refused for ``reason`` with a package on the channel."""
        ...
