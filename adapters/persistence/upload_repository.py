"""Mark-shipped uploads (ORM-mapped: ``mappers.py``), the shops' automatic-marking setting and
their Temu warehouse bindings, in the unit of work's session."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from adapters.persistence.errors import DatabaseErrors
from adapters.persistence.package_tables import package_orders, packages
from adapters.persistence.upload_tables import mark_shipped_settings, temu_warehouse_bindings as bindings, uploads
from adapters.persistence.upsert import upsert
from domain.temu_warehouse_binding import BindingTarget, TemuWarehouseBinding
from domain.upload import Upload, UploadState


class SqlUploadRepository:
    def __init__(self, session: Session, errors: DatabaseErrors, seen: list[object]) -> None:
        self._session, self._errors, self._seen = session, errors, seen

    def add(self, upload: Upload) -> None:
        self._session.add(upload)
        self._seen.append(upload)

    def get(self, upload_id: str) -> Upload | None:
        with self._errors.translated():
            return self._track(self._session.get(Upload, upload_id))

    def get_for_update(self, upload_id: str) -> Upload | None:
        with self._errors.translated():
            return self._track(self._session.get(Upload, upload_id, with_for_update=True))

    def automatic(self, shop_id: str) -> bool:
        query = sa.select(mark_shipped_settings.c.automatic).where(mark_shipped_settings.c.shop_id == shop_id)
        with self._errors.translated():
            return bool(self._session.execute(query).scalar())

    def set_automatic(self, shop_id: str, on: bool, now: datetime) -> None:
        with self._errors.translated():
            upsert(self._session, mark_shipped_settings, {"shop_id": shop_id, "automatic": on, "updated_at": now},
                   ["shop_id"])

    def bindings(self, shop_id: str) -> list[TemuWarehouseBinding]:
        query = sa.select(bindings).where(bindings.c.shop_id == shop_id).order_by(bindings.c.target,
                                                                                 bindings.c.target_id)
        with self._errors.translated():
            return [TemuWarehouseBinding(r.shop_id, BindingTarget(r.target), r.target_id, r.temu_warehouse_id,
                                         r.temu_warehouse_name, r.updated_at)
                    for r in self._session.execute(query)]

    def bind(self, binding: TemuWarehouseBinding) -> None:
        row = {"shop_id": binding.shop_id, "target": binding.target.value, "target_id": binding.target_id,
               "temu_warehouse_id": binding.temu_warehouse_id, "temu_warehouse_name": binding.temu_warehouse_name,
               "updated_at": binding.updated_at}
        with self._errors.translated():
            upsert(self._session, bindings, row, ["shop_id", "target", "target_id"])

    def unbind(self, shop_id: str, target: BindingTarget, target_id: str) -> bool:
        query = sa.delete(bindings).where(bindings.c.shop_id == shop_id, bindings.c.target == target.value,
                                          bindings.c.target_id == target_id)
        with self._errors.translated():
            return self._session.execute(query).rowcount > 0

    def refused_on_channel(self, channel_id: str, reason: str) -> list[str]:
        """The FAILED uploads refused for ``reason`` whose key order has a package on the channel."""
        query = (sa.select(uploads.c.id).distinct()
                 .join(package_orders, package_orders.c.order_id == uploads.c.order_id)
                 .join(packages, packages.c.id == package_orders.c.package_id)
                 .where(uploads.c.state == UploadState.FAILED, uploads.c.reason == reason,
                        packages.c.channel_id == channel_id)
                 .order_by(uploads.c.id))
        with self._errors.translated():
            return list(self._session.execute(query).scalars())

    def _track(self, upload: Upload | None) -> Upload | None:
        if upload is not None:
            self._seen.append(upload)
        return upload
