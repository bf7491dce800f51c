"""Order desk values -> protobuf (the files of an export: ``export_files.py``)."""
from __future__ import annotations

from adapters.grpc.gen.erp.v1 import order_desk_service_pb2 as pb
from adapters.grpc.mappers import shop_name, timestamp
from adapters.grpc.order_mappers import order_name
from application.desk.tagging import OrderOutcome
from domain.desk import SYSTEM_ACTOR, Activity, Note, Tag


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
