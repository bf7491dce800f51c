"""SKU mappings: value rows keyed by (owner, shop or "", Temu SKU id or 0, Temu seller SKU or "")."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timezone

import sqlalchemy as sa
from sqlalchemy.orm import Session

from adapters.persistence.errors import DatabaseErrors
from adapters.persistence.upsert import insert_for
from adapters.persistence.warehouse_tables import sku_mappings as t
from domain.sku_mapping import SkuMapping

_KEY = ["owner_id", "shop_id", "temu_sku_id", "temu_seller_sku"]


class SqlSkuMappings:
    def __init__(self, session: Session, errors: DatabaseErrors) -> None:
        self._session, self._errors = session, errors

    def put_all(self, mappings: Iterable[SkuMapping]) -> None:
        """One statement for the batch (500 single upserts took seconds on PostgreSQL)."""
        now = datetime.now(timezone.utc)
        rows = [dict(zip(_KEY, m.key), seller_sku=m.seller_sku, updated_at=now) for m in mappings]
        if not rows:
            return
        stmt = insert_for(self._session, t)
        stmt = stmt.on_conflict_do_update(index_elements=_KEY, set_={"seller_sku": stmt.excluded.seller_sku,
                                                                     "updated_at": stmt.excluded.updated_at})
        with self._errors.translated():
            self._session.execute(stmt, rows)

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
