"""Warehouse-side aggregates → DTOs, and who may see what.

A shop owner sees only their own warehouses, carrier accounts and mappings; an administrator
sees all. What another owner holds looks absent (NOT_FOUND), never forbidden: no existence leak.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.carrier_account import CarrierAccount
from domain.provider_account import ProviderAccount
from domain.channel import LogisticsChannel
from domain.errors import NotFound
from domain.principal import Principal
from domain.warehouse import LabelFormat, PostalAddress, TemuCarrier, Warehouse, WarehouseKind


@dataclass(frozen=True, slots=True)
class WarehouseView:
    id: str
    owner_id: str
    name: str
    kind: WarehouseKind
    address: PostalAddress | None
    return_address: PostalAddress | None
    carrier_account_id: str
    provider_account_id: str
    provider_warehouse_code: str
    active: bool
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class ChannelView:
    id: str
    warehouse_id: str
    name: str
    carrier: str
    service_token: str
    label_format: LabelFormat
    temu_carriers: tuple[TemuCarrier, ...]
    active: bool
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class CarrierAccountView:
    """Never the API token."""

    id: str
    owner_id: str
    provider: str
    display_name: str
    base_url: str
    verified_at: datetime
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class ProviderAccountView:
    """Never the credentials."""

    id: str
    owner_id: str
    kind: str  # GOODCANG, AMAZON
    display_name: str
    marketplace_id: str  # Amazon's; "" for a 3PL account
    verified_at: datetime
    active: bool
    created_at: datetime
    updated_at: datetime


def provider_account_view(a: ProviderAccount) -> ProviderAccountView:
    return ProviderAccountView(a.id, a.owner_id, a.kind, a.display_name, a.marketplace_id, a.verified_at, a.active,
                               a.created_at, a.updated_at)


def visible_provider_account(account: ProviderAccount | None, principal: Principal,
                             account_id: str) -> ProviderAccount:
    if account is None or not principal.can_see_shop(account.owner_id):
        raise NotFound(f"There is no provider account '{account_id}' (or it is not one of yours).",
                       resource_type="erp.v1.ProviderAccount", resource_name=f"providerAccounts/{account_id}",
                       reason="PROVIDER_ACCOUNT_NOT_FOUND")
    return account


def warehouse_view(w: Warehouse) -> WarehouseView:
    return WarehouseView(w.id, w.owner_id, w.name, w.kind, w.address, w.return_address, w.carrier_account_id or "",
                         w.provider_account_id or "", w.provider_warehouse_code, w.active, w.created_at, w.updated_at)


def channel_view(c: LogisticsChannel) -> ChannelView:
    return ChannelView(c.id, c.warehouse_id, c.name, c.carrier, c.service_token, c.label_format, c.temu_carriers,
                       c.active, c.created_at, c.updated_at)


def account_view(a: CarrierAccount) -> CarrierAccountView:
    return CarrierAccountView(a.id, a.owner_id, a.provider, a.display_name, a.base_url, a.verified_at,
                              a.created_at, a.updated_at)


def visible_warehouse(warehouse: Warehouse | None, principal: Principal, warehouse_id: str) -> Warehouse:
    if warehouse is None or not principal.can_see_shop(warehouse.owner_id):
        raise NotFound(f"There is no warehouse '{warehouse_id}' (or it is not one of yours).",
                       resource_type="erp.v1.Warehouse", resource_name=f"warehouses/{warehouse_id}",
                       reason="WAREHOUSE_NOT_FOUND")
    return warehouse


def visible_account(account: CarrierAccount | None, principal: Principal, account_id: str) -> CarrierAccount:
    if account is None or not principal.can_see_shop(account.owner_id):
        raise NotFound(f"There is no carrier account '{account_id}' (or it is not one of yours).",
                       resource_type="erp.v1.CarrierAccount", resource_name=f"carrierAccounts/{account_id}",
                       reason="CARRIER_ACCOUNT_NOT_FOUND")
    return account


def channel_not_found(channel_id: str) -> NotFound:
    return NotFound(f"There is no channel '{channel_id}' (or it is not one of yours).",
                    resource_type="erp.v1.LogisticsChannel", resource_name=f"channels/{channel_id}",
                    reason="CHANNEL_NOT_FOUND")
