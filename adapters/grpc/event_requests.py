"""EventService requests -> ``EventQuery``, every bad field reported at once."""
from __future__ import annotations

from adapters.grpc.gen.erp.v1 import event_service_pb2 as pb
from adapters.grpc.mappers import shop_id_from_name
from adapters.grpc.order_requests import _each
from adapters.grpc.shop_requests import Checks
from application.events.read_events import EventQuery
from application.events.tokens import feed_position
from domain.errors import FieldViolation, ValidationFailed
from domain.principal import Principal


def event_query(req: pb.ListEventsRequest | pb.WatchEventsRequest, principal: Principal) -> EventQuery:
    if req.resume_token:
        feed_position(req.resume_token)  # NOTE: alone, for its reason (INVALID_RESUME_TOKEN)
    c = Checks()
    page_size = getattr(req, "page_size", 0)
    if page_size < 0:
        c.add("page_size", "must be 0 or more")
    query = EventQuery(principal, resume_token=req.resume_token, shop_ids=_each(c, req.shops, "shops", shop_id_from_name),
                       event_types=_each(c, req.event_types, "event_types", _type_name),
                       page_size=page_size, from_now=req.from_now)
    c.done()
    return query


def _type_name(value: object, field: str) -> str:
    text = str(value)
    if not text or len(text) > 64 or not text.isprintable():
        raise ValidationFailed(f"{field}: must be an event type name.",
                               [FieldViolation(field, "must be an event type name such as order.state_changed")])
    return text
