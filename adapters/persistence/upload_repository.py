"""Mark-shipped uploads (ORM-mapped: ``mappers.py``) and the shops' automatic-marking setting,
in the unit of work's session."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from adapters.persistence.errors import DatabaseErrors
from adapters.persistence.upload_tables import mark_shipped_settings
from adapters.persistence.upsert import upsert
from domain.upload import Upload


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

    def _track(self, upload: Upload | None) -> Upload | None:
        if upload is not None:
            self._seen.append(upload)
        return upload
