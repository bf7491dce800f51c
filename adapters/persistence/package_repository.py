"""Packages (ORM-mapped: ``mappers.py``) and their label documents, in the unit of work's session."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timezone

import sqlalchemy as sa
from sqlalchemy.orm import Session

from adapters.persistence.errors import DatabaseErrors
from adapters.persistence.package_tables import package_labels, package_orders, packages
from adapters.persistence.upsert import insert_for
from application.ids import time_ordered_uuid
from application.ports.repositories import DuePackage, StoredLabel
from domain.package import INACTIVE, Package


class SqlPackageRepository:
    def __init__(self, session: Session, errors: DatabaseErrors, seen: list[object]) -> None:
        self._session, self._errors, self._seen = session, errors, seen

    def add(self, package: Package) -> None:
        self._session.add(package)
        self._seen.append(package)
        with self._errors.translated():
            self._session.execute(package_orders.insert(),
                                  [{"package_id": package.id, "order_id": i} for i in package.order_ids])

    def get(self, package_id: str) -> Package | None:
        with self._errors.translated():
            return self._track(self._session.get(Package, package_id))

    def get_for_update(self, package_id: str) -> Package | None:
        with self._errors.translated():
            return self._track(self._session.get(Package, package_id, with_for_update=True))

    def holding(self, order_ids: Iterable[str]) -> list[Package]:
        ids = sorted(set(order_ids))
        if not ids:
            return []
        mine = sa.select(package_orders.c.package_id).where(package_orders.c.order_id.in_(ids))
        query = (sa.select(Package).where(packages.c.id.in_(mine), packages.c.state.not_in(list(INACTIVE)))
                 .order_by(packages.c.created_at, packages.c.id))
        with self._errors.translated():
            found = list(self._session.scalars(query))
        self._seen.extend(found)
        return found

    def lease_due(self, now: datetime, until: datetime, limit: int) -> list[DuePackage]:
        due = (sa.select(packages.c.id, packages.c.state, packages.c.warehouse_id)
               .where(packages.c.next_check_at <= now)
               .order_by(packages.c.next_check_at, packages.c.id).limit(limit))
        with self._errors.translated():
            rows = [DuePackage(row.id, row.state, row.warehouse_id) for row in self._session.execute(due)]
            ids = [row.id for row in rows]
            if not ids:
                return []
            # the due test again: a worker may have moved one on since the select
            leased = self._session.execute(
                packages.update().where(packages.c.id.in_(ids), packages.c.next_check_at <= now)
                .values(next_check_at=until).returning(packages.c.id))
            mine = set(leased.scalars())
        return [row for row in rows if row.id in mine]

    def _track(self, package: Package | None) -> Package | None:
        if package is not None:
            self._seen.append(package)
        return package


class SqlLabelStore:
    def __init__(self, session: Session, errors: DatabaseErrors) -> None:
        self._session, self._errors = session, errors

    def put(self, package_id: str, reference: str, media_type: str, content: bytes) -> str:
        row = {"id": time_ordered_uuid(), "package_id": package_id, "reference": reference,
               "media_type": media_type, "content": content, "created_at": datetime.now(timezone.utc)}
        with self._errors.translated():
            added = self._session.execute(insert_for(self._session, package_labels).values(row).on_conflict_do_nothing(
                index_elements=["reference"]).returning(package_labels.c.id)).scalar()
            if added is not None:
                return added
            # kept before under this reference (a retry after a crash): that one stands
            return self._session.execute(sa.select(package_labels.c.id)
                                         .where(package_labels.c.reference == reference)).scalar_one()

    def get(self, label_id: str) -> StoredLabel | None:
        query = sa.select(package_labels).where(package_labels.c.id == label_id)
        with self._errors.translated():
            row = self._session.execute(query).first()
        return StoredLabel(row.id, row.package_id, row.media_type, row.content) if row else None
