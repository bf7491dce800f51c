"""OrderDeskService requests -> application arguments, with the checks protobuf cannot make.
As in :mod:`adapters.grpc.order_requests`, every bad field of a request is reported at once."""
from __future__ import annotations

import re
from dataclasses import dataclass

from adapters.grpc.gen.erp.v1 import order_desk_service_pb2 as pb
from adapters.grpc.mappers import shop_id_from_name
from adapters.grpc.order_mappers import order_id_from_name, tag_id_from_name
from adapters.grpc.order_requests import list_query
from adapters.grpc.shop_requests import Checks
from application.desk.tagging import MAX_ORDERS, MAX_TAGS
from application.orders.queries import ListOrdersQuery
from domain.desk import MAX_NOTE, SYSTEM_ACTOR
from domain.errors import FieldViolation, ValidationFailed
from domain.principal import Principal

_PRINCIPAL = re.compile(r"^principals/([^/\s]{1,64})$")
# Past the limits a request is refused without reading it all: a 4 MB text is not parsed further.
MAX_NOTE_BYTES = MAX_NOTE * 4


@dataclass(frozen=True, slots=True)
class BulkArgs:
    order_ids: list[str]
    tag_ids: list[str]
    request_id: str | None


@dataclass(frozen=True, slots=True)
class ActivityArgs:
    order_id: str | None
    shop_id: str | None
    actor_id: str | None
    page_size: int
    page_token: str


def _names(c: Checks, names, field: str, limit: int, parse) -> list[str]:
    if len(names) > limit:
        c.add(field, f"at most {limit} per call (this one has {len(names)})")
        return []
    if not names:
        c.add(field, "must name at least one")
    return [x for x in (c.check(lambda i=i, n=n: parse(n, f"{field}[{i}]")) for i, n in enumerate(names)) if x]


def bulk_args(req: pb.TagOrdersRequest | pb.UntagOrdersRequest) -> BulkArgs:
    c = Checks()
    orders = _names(c, req.orders, "orders", MAX_ORDERS, order_id_from_name)
    tags = _names(c, req.tags, "tags", MAX_TAGS, tag_id_from_name)
    request_id = c.request_id(req.request_id)
    c.done()
    return BulkArgs(orders, tags, request_id)


def create_tag_args(req: pb.CreateTagRequest) -> str | None:
    c = Checks()
    request_id = c.request_id(req.request_id)
    c.done()
    return request_id


def update_tag_args(req: pb.UpdateTagRequest) -> tuple[str, str | None, str | None, str | None]:
    """(tag id, new name or None, new colour, "" to clear, or None, request id)."""
    c = Checks()
    tag_id = c.check(lambda: tag_id_from_name(req.name, "name"))
    if req.clear_color and req.color:
        c.add("clear_color", "cannot be set together with color")
    request_id = c.request_id(req.request_id)
    c.done()
    color = "" if req.clear_color else (req.color or None)
    return tag_id, req.display_name or None, color, request_id


def tag_args(req: pb.DeleteTagRequest) -> tuple[str, str | None]:
    c = Checks()
    tag_id = c.check(lambda: tag_id_from_name(req.name, "name"))
    request_id = c.request_id(req.request_id)
    c.done()
    return tag_id, request_id


def note_args(req: pb.AddOrderNoteRequest) -> tuple[str, str, str | None]:
    c = Checks()
    order_id = c.check(lambda: order_id_from_name(req.order, "order"))
    if len(req.text) > MAX_NOTE_BYTES:
        c.add("text", f"must be at most {MAX_NOTE:,} characters")
    request_id = c.request_id(req.request_id)
    c.done()
    return order_id, req.text, request_id


def notes_page_args(req: pb.ListOrderNotesRequest) -> str:
    c = Checks()
    order_id = c.check(lambda: order_id_from_name(req.order, "order"))
    c.page(req.page_size, req.page_token)
    c.done()
    return order_id


def tags_page_args(req: pb.ListTagsRequest) -> None:
    c = Checks()
    c.page(req.page_size, req.page_token)
    c.done()


def activity_args(req: pb.ListActivityRequest) -> ActivityArgs:
    c = Checks()
    order_id = c.check(lambda: order_id_from_name(req.order, "order")) if req.order else None
    shop_id = c.check(lambda: shop_id_from_name(req.shop, "shop")) if req.shop else None
    actor_id = None
    if req.actor == SYSTEM_ACTOR:
        actor_id = SYSTEM_ACTOR
    elif req.actor:
        match = _PRINCIPAL.match(req.actor)
        if match is None:
            c.add("actor", "must look like principals/{id}, or be system")
        actor_id = match.group(1) if match else None
    c.page(req.page_size, req.page_token)
    c.done()
    return ActivityArgs(order_id, shop_id, actor_id, req.page_size, req.page_token)


def export_args(req: pb.ExportOrdersRequest, principal: Principal) -> ListOrdersQuery:
    c = Checks()
    if req.filter.page_size or req.filter.page_token:
        c.add("filter.page_size" if req.filter.page_size else "filter.page_token",
              "must be left unset: an export holds every matching order")
    if req.format not in (pb.EXPORT_FORMAT_UNSPECIFIED, pb.EXPORT_FORMAT_CSV, pb.EXPORT_FORMAT_XLSX):
        c.add("format", "must be EXPORT_FORMAT_CSV (or unset) or EXPORT_FORMAT_XLSX")
    c.done()
    try:
        return list_query(req.filter, principal)
    except ValidationFailed as err:  # name the fields as this request spells them
        err.violations = [FieldViolation(f"filter.{v.field}", v.description) for v in err.violations]
        raise
