"""The read side of warehouses, carrier accounts, channels and SKU mappings: pages of views.

Page tokens as for ``ShopReader``: "" or a ``next_page_token`` issued for the same filter; any
other is ``ValidationFailed`` (reason INVALID_PAGE_TOKEN).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from application.ports.readers import Page
from domain.warehouse import WarehouseKind


@dataclass(frozen=True, slots=True)
class WarehouseFilter:
    owner_id: str | None = None  # None: every owner (administrators)
    kind: WarehouseKind | None = None
    active_only: bool = False


@dataclass(frozen=True, slots=True)
class SkuMappingFilter:
    owner_id: str | None = None
    shop_id: str | None = None  # that shop's mappings and the owner-wide ones
    temu_sku_id: int | None = None


class WarehouseReader(Protocol):
    def warehouses(self, flt: WarehouseFilter, page_size: int, page_token: str) -> Page:
        """``WarehouseView``s by name."""
        ...

    def carrier_accounts(self, owner_id: str | None, page_size: int, page_token: str) -> Page:
        ...

    def provider_accounts(self, owner_id: str | None, page_size: int, page_token: str) -> Page:
        """``CarrierAccountView``s by display name."""
        ...

    def channels(self, warehouse_id: str, page_size: int, page_token: str) -> Page:
        """``ChannelView``s of one warehouse by name, disabled ones too."""
        ...

    def sku_mappings(self, flt: SkuMappingFilter, page_size: int, page_token: str) -> Page:
        """``SkuMapping``s by owner, shop ("" first), Temu SKU id, Temu seller SKU."""
        ...
