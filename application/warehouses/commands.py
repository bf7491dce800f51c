"""Inputs of the warehouse use cases: primitives and domain values, checked by the domain."""
from __future__ import annotations

from dataclasses import dataclass

from domain.principal import Principal
from domain.sku_mapping import SkuMapping
from domain.warehouse import LabelFormat, PostalAddress, TemuCarrier, WarehouseKind


@dataclass(frozen=True, slots=True)
class AddCarrierAccountCommand:
    principal: Principal
    display_name: str
    provider: str
    api_token: str
    base_url: str = ""  # "": the provider's public endpoint
    owner_id: str | None = None  # None: the caller
    request_id: str | None = None


@dataclass(frozen=True, slots=True)
class ReplaceCarrierCredentialsCommand:
    principal: Principal
    account_id: str
    api_token: str
    base_url: str | None = None  # None: keep the account's


@dataclass(frozen=True, slots=True)
class RegisterWarehouseCommand:
    principal: Principal
    name: str
    kind: WarehouseKind
    address: PostalAddress | None = None  # own warehouse
    return_address: PostalAddress | None = None  # own warehouse; None: the address
    carrier_account_id: str = ""  # own warehouse
    provider_account_id: str = ""  # third-party, FBA
    provider_warehouse_code: str = ""  # third-party, FBA
    owner_id: str | None = None
    request_id: str | None = None


@dataclass(frozen=True, slots=True)
class SetWarehouseActiveCommand:
    principal: Principal
    warehouse_id: str
    active: bool
    request_id: str | None = None


@dataclass(frozen=True, slots=True)
class EnableChannelCommand:
    principal: Principal
    warehouse_id: str
    service_token: str
    label_format: LabelFormat
    name: str = ""  # "": the service's own name
    temu_carriers: tuple[TemuCarrier, ...] = ()
    request_id: str | None = None


@dataclass(frozen=True, slots=True)
class DisableChannelCommand:
    principal: Principal
    channel_id: str
    request_id: str | None = None


@dataclass(frozen=True, slots=True)
class SetSkuMappingsCommand:
    """Up to ``MAX_SKU_BATCH`` mappings of one owner, set together or not at all."""

    principal: Principal
    mappings: tuple[SkuMapping, ...]
    request_id: str | None = None


@dataclass(frozen=True, slots=True)
class DeleteSkuMappingsCommand:
    principal: Principal
    mappings: tuple[SkuMapping, ...]  # their keys; ``seller_sku`` is not compared


MAX_SKU_BATCH = 500
