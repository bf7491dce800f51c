"""SKU mappings: value rows keyed by (owner, shop or "", Temu SKU id or 0, Temu seller SKU or "")."""
from __future__ import annotations

from datetime import datetime, timezone

import sqlalchemy as sa
from sqlalchemy.orm import Session

from adapters.persistence.errors import DatabaseErrors
from adapters.persistence.upsert import upsert
from adapters.persistence.warehouse_tables import sku_mappings as t
from domain.sku_mapping import SkuMapping

_KEY = ["owner_id", "shop_id", "temu_sku_id", "temu_seller_sku"]


class SqlSkuMappings:
    def __init__(self, session: Session, errors: DatabaseErrors) -> None:
        self._session, self._errors = session, errors

    def put(self, mapping: SkuMapping) -> None:
        values = dict(zip(_KEY, mapping.key), seller_sku=mapping.seller_sku, updated_at=datetime.now(timezone.utc))
        with self._errors.translated():
            upsert(self._session, t, values, _KEY)

    def delete(self, owner_id: str, shop_id: str, temu_sku_id: int, temu_seller_sku: str) -> bool:
        with self._errors.translated():
            done = self._session.execute(t.delete().where(
                t.c.owner_id == owner_id, t.c.shop_id == shop_id, t.c.temu_sku_id == temu_sku_id,
                t.c.temu_seller_sku == temu_seller_sku))
        return done.rowcount > 0

    def seller_sku_for(self, owner_id: str, shop_id: str, sku_id: int | None, temu_seller_sku: str) -> str | None:
        by_id = (t.c.temu_sku_id == sku_id) if sku_id else sa.false()
        by_sku = ((t.c.temu_sku_id == 0) & (t.c.temu_seller_sku == temu_seller_sku)) if temu_seller_sku else sa.false()
        query = (sa.select(t.c.seller_sku).where(t.c.owner_id == owner_id, t.c.shop_id.in_(["", shop_id]),
                                                 by_id | by_sku)
                 # the shop's own before the owner-wide, an id's before a seller SKU's
                 .order_by(t.c.shop_id.desc(), t.c.temu_sku_id.desc()).limit(1))
        with self._errors.translated():
            return self._session.execute(query).scalar()
