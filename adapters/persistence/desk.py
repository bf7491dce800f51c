"""The order desk's records over SQLAlchemy Core, in the unit of work's transaction."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from adapters.persistence.desk_tables import order_notes, order_tags, tags
from adapters.persistence.errors import DatabaseErrors
from adapters.persistence.tables import orders, shops
from adapters.persistence.upsert import insert_for
from application.ports.desk import OrderOwner
from domain.desk import Note, Tag

_TAG_COLUMNS = (tags.c.id, tags.c.name, tags.c.color, tags.c.created_at, tags.c.updated_at)


def _tag(row: sa.Row) -> Tag:
    return Tag(row.id, row.name, row.color, row.created_at, row.updated_at)


class SqlDeskRecords:
    """Implements ``application.ports.desk.DeskRecords``."""

    def __init__(self, session: Session, errors: DatabaseErrors) -> None:
        self._session, self._errors = session, errors

    def _run(self, statement: sa.Executable, params: object = None) -> sa.Result:
        with self._errors.translated():
            return self._session.execute(statement, params)

    def tag(self, tag_id: str) -> Tag | None:
        return self.tags([tag_id]).get(tag_id)

    def tag_by_name(self, name: str) -> Tag | None:
        row = self._run(sa.select(*_TAG_COLUMNS).where(tags.c.name_key == name.casefold())).first()
        return _tag(row) if row else None

    def tags(self, tag_ids: Iterable[str]) -> dict[str, Tag]:
        ids = sorted(set(tag_ids))
        if not ids:
            return {}
        return {r.id: _tag(r) for r in self._run(sa.select(*_TAG_COLUMNS).where(tags.c.id.in_(ids)))}

    def add_tag(self, tag: Tag) -> None:
        self._run(tags.insert().values(**_tag_row(tag)))

    def save_tag(self, tag: Tag) -> None:
        self._run(tags.update().where(tags.c.id == tag.id).values(**_tag_row(tag)))

    def delete_tag(self, tag_id: str) -> list[OrderOwner]:
        carried = self._owners(orders.c.id.in_(sa.select(order_tags.c.order_id).where(order_tags.c.tag_id == tag_id)))
        self._run(order_tags.delete().where(order_tags.c.tag_id == tag_id))
        self._run(tags.delete().where(tags.c.id == tag_id))
        return list(carried.values())

    def owners(self, order_ids: Iterable[str]) -> dict[str, OrderOwner]:
        ids = sorted(set(order_ids))
        return self._owners(orders.c.id.in_(ids)) if ids else {}

    def _owners(self, where: sa.ColumnElement[bool]) -> dict[str, OrderOwner]:
        query = (sa.select(orders.c.id, orders.c.shop_id, shops.c.owner_id)
                 .join(shops, shops.c.id == orders.c.shop_id).where(where))
        return {r.id: OrderOwner(r.id, r.shop_id, r.owner_id) for r in self._run(query)}

    def tags_of(self, order_ids: Iterable[str]) -> dict[str, set[str]]:
        ids = sorted(set(order_ids))
        found: dict[str, set[str]] = {}
        if ids:
            for r in self._run(sa.select(order_tags.c.order_id, order_tags.c.tag_id).where(order_tags.c.order_id.in_(ids))):
                found.setdefault(r.order_id, set()).add(r.tag_id)
        return found

    def link(self, pairs: list[tuple[str, str]], now: datetime) -> None:
        if pairs:
            # NOTE: a link a concurrent call just made is no conflict: tagging twice is one tag
            self._run(insert_for(self._session, order_tags).on_conflict_do_nothing(), [{"order_id": o, "tag_id": t, "created_at": now} for o, t in pairs])

    def unlink(self, pairs: list[tuple[str, str]]) -> None:
        for tag_id in sorted({t for _, t in pairs}):
            ids = [o for o, t in pairs if t == tag_id]
            self._run(order_tags.delete().where(order_tags.c.tag_id == tag_id, order_tags.c.order_id.in_(ids)))

    def note(self, note_id: str) -> Note | None:
        row = self._run(sa.select(order_notes).where(order_notes.c.id == note_id)).first()
        return Note(row.id, row.order_id, row.author_id, row.text, row.created_at) if row else None

    def add_note(self, note: Note) -> None:
        self._run(order_notes.insert().values(id=note.id, order_id=note.order_id, author_id=note.author_id,
                                              text=note.text, created_at=note.created_at))


def _tag_row(tag: Tag) -> dict[str, object]:
    return {"id": tag.id, "name": tag.name, "name_key": tag.name.casefold(), "color": tag.color,
            "created_at": tag.created_at, "updated_at": tag.updated_at}
