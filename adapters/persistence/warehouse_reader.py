"""``SqlWarehouseReader``: keyset pages of warehouses, carrier accounts, channels and SKU mappings."""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from adapters.persistence.cursors import keyset_page
from adapters.persistence.warehouse_tables import carrier_accounts as a
from adapters.persistence.warehouse_tables import logistics_channels as c
from adapters.persistence.warehouse_tables import provider_accounts as p
from adapters.persistence.warehouse_tables import sku_mappings as m
from adapters.persistence.warehouse_tables import warehouses as w
from application.ports.readers import Page
from application.ports.warehouse_reader import SkuMappingFilter, WarehouseFilter
from application.warehouses.views import CarrierAccountView, ChannelView, ProviderAccountView, WarehouseView
from domain.sku_mapping import SkuMapping


class SqlWarehouseReader:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def warehouses(self, flt: WarehouseFilter, page_size: int, page_token: str) -> Page:
        rows = sa.select(w)
        if flt.owner_id is not None:
            rows = rows.where(w.c.owner_id == flt.owner_id)
        if flt.kind is not None:
            rows = rows.where(w.c.kind == flt.kind)
        if flt.active_only:
            rows = rows.where(w.c.active.is_(True))
        return self._page(rows, (w.c.name, w.c.id), flt, page_token, page_size, lambda r: WarehouseView(
            r.id, r.owner_id, r.name, r.kind, r.address, r.return_address, r.carrier_account_id or "",
            r.provider_account_id or "", r.provider_warehouse_code, r.active, r.created_at, r.updated_at))

    def carrier_accounts(self, owner_id: str | None, page_size: int, page_token: str) -> Page:
        rows = sa.select(a) if owner_id is None else sa.select(a).where(a.c.owner_id == owner_id)
        return self._page(rows, (a.c.display_name, a.c.id), ("accounts", owner_id), page_token, page_size,
                          lambda r: CarrierAccountView(r.id, r.owner_id, r.provider, r.display_name, r.base_url,
                                                       r.verified_at, r.created_at, r.updated_at))

    def provider_accounts(self, owner_id: str | None, page_size: int, page_token: str) -> Page:
        rows = sa.select(p) if owner_id is None else sa.select(p).where(p.c.owner_id == owner_id)
        return self._page(rows, (p.c.display_name, p.c.id), ("provider_accounts", owner_id), page_token, page_size,
                          lambda r: ProviderAccountView(r.id, r.owner_id, r.kind, r.display_name, r.marketplace_id,
                                                        r.verified_at, r.active, r.created_at, r.updated_at))

    def channels(self, warehouse_id: str, page_size: int, page_token: str) -> Page:
        rows = sa.select(c).where(c.c.warehouse_id == warehouse_id)
        return self._page(rows, (c.c.name, c.c.id), ("channels", warehouse_id), page_token, page_size,
                          lambda r: ChannelView(r.id, r.warehouse_id, r.name, r.carrier, r.service_token,
                                                r.label_format, r.temu_carriers, r.active, r.created_at, r.updated_at))

    def sku_mappings(self, flt: SkuMappingFilter, page_size: int, page_token: str) -> Page:
        rows = sa.select(m)
        if flt.owner_id is not None:
            rows = rows.where(m.c.owner_id == flt.owner_id)
        if flt.shop_id is not None:
            rows = rows.where(m.c.shop_id.in_(["", flt.shop_id]))
        if flt.temu_sku_id is not None:
            rows = rows.where(m.c.temu_sku_id == flt.temu_sku_id)
        order = (m.c.owner_id, m.c.shop_id, m.c.temu_sku_id, m.c.temu_seller_sku)
        return keyset_page(self._engine, rows, order, flt=flt, page_token=page_token, page_size=page_size,
                           item=lambda r: SkuMapping(r.owner_id, r.seller_sku, r.shop_id, r.temu_sku_id,
                                                     r.temu_seller_sku),
                           key_of=lambda r: [r.owner_id, r.shop_id, str(r.temu_sku_id), r.temu_seller_sku],
                           parse_key=lambda k: [k[0], k[1], int(k[2]), k[3]])

    def _page(self, rows, order, flt, page_token, page_size, item) -> Page:
        return keyset_page(self._engine, rows, order, flt=flt, page_token=page_token, page_size=page_size,
                           item=item, key_of=lambda r: [getattr(r, order[0].name), r.id])
