"""The lists of the warehouse side, each limited to what the caller may see."""
from __future__ import annotations

from application.paging import page_size
from application.ports.readers import Page
from application.ports.unit_of_work import UnitOfWorkFactory
from application.ports.warehouse_reader import SkuMappingFilter, WarehouseFilter, WarehouseReader
from application.warehouses.views import visible_warehouse
from domain.principal import Principal
from domain.warehouse import WarehouseKind

MAX_PAGE_SIZE = 500


def _owner(principal: Principal, asked: str) -> str | None:
    """Administrators see every owner's (or the one they name); a shop owner always their own."""
    return (asked or None) if principal.is_admin else principal.id


class WarehouseQueries:
    def __init__(self, uow: UnitOfWorkFactory, reader: WarehouseReader) -> None:
        self._uow, self._reader = uow, reader

    def warehouses(self, principal: Principal, kind: WarehouseKind | None, active_only: bool, size: int,
                   token: str, owner: str = "") -> Page:
        flt = WarehouseFilter(_owner(principal, owner), kind, active_only)
        return self._reader.warehouses(flt, page_size(size, MAX_PAGE_SIZE), token)

    def carrier_accounts(self, principal: Principal, size: int, token: str, owner: str = "") -> Page:
        return self._reader.carrier_accounts(_owner(principal, owner), page_size(size, MAX_PAGE_SIZE), token)

    def provider_accounts(self, principal: Principal, size: int, token: str, owner: str = "") -> Page:
        return self._reader.provider_accounts(_owner(principal, owner), page_size(size, MAX_PAGE_SIZE), token)

    def channels(self, principal: Principal, warehouse_id: str, size: int, token: str) -> Page:
        with self._uow() as uow:
            visible_warehouse(uow.warehouses.get(warehouse_id), principal, warehouse_id)
        return self._reader.channels(warehouse_id, page_size(size, MAX_PAGE_SIZE), token)

    def sku_mappings(self, principal: Principal, shop_id: str, temu_sku_id: int, size: int, token: str,
                     owner: str = "") -> Page:
        flt = SkuMappingFilter(_owner(principal, owner), shop_id or None, temu_sku_id or None)
        return self._reader.sku_mappings(flt, page_size(size, MAX_PAGE_SIZE), token)
