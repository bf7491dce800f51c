"""Order desk values -> protobuf, and the CSV chunks of an export."""
from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from adapters.grpc.gen.erp.v1 import order_desk_service_pb2 as pb
from adapters.grpc.mappers import shop_name, timestamp
from adapters.grpc.order_mappers import order_name
from application.desk.export import Export
from application.desk.tagging import OrderOutcome
from domain.desk import SYSTEM_ACTOR, Activity, Note, Tag

BOM = "\ufeff"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def tag_name(tag_id: str) -> str:
    return f"tags/{tag_id}"


def actor_name(actor_id: str) -> str:
    return actor_id if actor_id == SYSTEM_ACTOR else f"principals/{actor_id}"


def tag_to_proto(tag: Tag) -> pb.Tag:
    return pb.Tag(name=tag_name(tag.id), display_name=tag.name, color=tag.color or "",
                  create_time=timestamp(tag.created_at), update_time=timestamp(tag.updated_at))


def note_to_proto(note: Note) -> pb.Note:
    return pb.Note(name=f"{order_name(note.order_id)}/notes/{note.id}", author=actor_name(note.author_id),
                   text=note.text, create_time=timestamp(note.created_at))


def outcome_to_proto(o: OrderOutcome) -> pb.OrderOutcome:
    return pb.OrderOutcome(order=order_name(o.order_id), done=o.done, reason=o.reason, message=o.message,
                           tags=[tag_name(t) for t in o.tag_ids])


def activity_to_proto(e: Activity) -> pb.ActivityEntry:
    return pb.ActivityEntry(
        name=f"activity/{e.id}", time=timestamp(e.at), actor=actor_name(e.actor_id), action=e.action,
        subject=e.subject, shop=shop_name(e.shop_id) if e.shop_id else "",
        changes=[pb.FieldChange(field=c.field, before=c.before, after=c.after) for c in e.changes])


def csv_chunks(export: Export) -> Iterator[pb.ExportOrdersChunk]:
    """The header (after the byte order mark), then one chunk per batch of rows."""
    yield pb.ExportOrdersChunk(data=(BOM + _csv([list(export.columns)])).encode("utf-8"))
    for rows in export.batches:
        yield pb.ExportOrdersChunk(data=_csv(rows).encode("utf-8"), rows=len(rows))


def _csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows([[_inert(cell) for cell in row] for row in rows])
    return out.getvalue()


def _inert(cell: str) -> str:
    """A spreadsheet runs a cell starting with = + - @ as a formula (CSV injection): such text,
    e.g. a product name from Temu, is written after an apostrophe, which shows it as text."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell
