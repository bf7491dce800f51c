"""The order desk's read side: keyset pages of tags, notes and the activity log."""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from adapters.persistence.activity import changes_from_json
from adapters.persistence.cursors import keyset_page
from adapters.persistence.desk_tables import activity, order_notes, order_tags, tags
from adapters.persistence.engine import read_only
from adapters.persistence.json_codecs import from_iso, iso
from adapters.persistence.order_filters import among_json, json_list
from adapters.persistence.row_by_key import RowByKey
from adapters.persistence.tables import shops
from application.ports.desk import ActivityFilter
from application.ports.readers import Page
from domain.desk import Activity, Note, Tag


class SqlDeskReader:
    """Implements ``application.ports.desk.DeskReader``."""

    def __init__(self, engine: Engine) -> None:
        self._engine = read_only(engine)
        self._tags_on = RowByKey(self._engine, sa.select(order_tags.c.order_id, *(
            tags.c[f] for f in Tag.__dataclass_fields__)).join(tags, tags.c.id == order_tags.c.tag_id).where(
            among_json(order_tags.c.order_id, "ids", engine.dialect.name)))

    def list_tags(self, page_size: int, page_token: str) -> Page:
        return keyset_page(self._engine, sa.select(tags), (tags.c.name_key, tags.c.id), flt="tags",
                           page_token=page_token, page_size=page_size,
                           item=lambda r: Tag(r.id, r.name, r.color, r.created_at, r.updated_at),
                           key_of=lambda r: (r.name_key, r.id))

    def list_notes(self, order_id: str, page_size: int, page_token: str) -> Page:
        rows = sa.select(order_notes).where(order_notes.c.order_id == order_id)
        return keyset_page(self._engine, rows, (order_notes.c.created_at, order_notes.c.id), flt=("notes", order_id),
                           page_token=page_token, page_size=page_size, newest_first=True,
                           item=lambda r: Note(r.id, r.order_id, r.author_id, r.text, r.created_at),
                           key_of=lambda r: (iso(r.created_at), r.id), parse_key=lambda k: (from_iso(k[0]), k[1]))

    def list_activity(self, flt: ActivityFilter, page_size: int, page_token: str) -> Page:
        c, where = activity.c, []
        if flt.order_id:
            where.append(c.order_id == flt.order_id)
        if flt.shop_id:
            where.append(c.shop_id == flt.shop_id)
        if flt.actor_id:
            where.append(c.actor_id == flt.actor_id)
        if flt.owner_id is not None:
            where.append(c.shop_id.in_(sa.select(shops.c.id).where(shops.c.owner_id == flt.owner_id)))
        return keyset_page(self._engine, sa.select(activity).where(*where), (c.id,), flt=flt,
                           page_token=page_token, page_size=page_size, newest_first=True, item=_entry,
                           key_of=lambda r: (r.id,))

    def tags_on(self, order_ids: list[str]) -> dict[str, tuple[Tag, ...]]:
        if not order_ids:
            return {}
        found: dict[str, list[Tag]] = {}
        for r in self._tags_on.all(ids=json_list(order_ids)):
            found.setdefault(r.order_id, []).append(Tag(r.id, r.name, r.color, r.created_at, r.updated_at))
        return {o: tuple(sorted(ts, key=lambda t: (t.name.casefold(), t.id))) for o, ts in found.items()}

    def tag_names_of(self, order_ids: list[str]) -> dict[str, tuple[str, ...]]:
        if not order_ids:
            return {}
        query = (sa.select(order_tags.c.order_id, tags.c.name).join(tags, tags.c.id == order_tags.c.tag_id)
                 .where(order_tags.c.order_id.in_(order_ids)))
        found: dict[str, list[str]] = {}
        with self._engine.connect() as conn:
            for r in conn.execute(query):
                found.setdefault(r.order_id, []).append(r.name)
        return {o: tuple(sorted(names, key=str.casefold)) for o, names in found.items()}


def _entry(r: sa.Row) -> Activity:
    return Activity(r.id, r.at, r.actor_id, r.action, r.subject, r.shop_id, r.order_id, changes_from_json(r.changes))
