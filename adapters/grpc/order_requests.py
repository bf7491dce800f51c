"""OrderService and Operations requests -> application arguments, with the checks protobuf cannot make.

As in :mod:`adapters.grpc.shop_requests`, each function reports every bad field of a request
at once, as one ``ValidationFailed``. Rules the application owns (range order, the 90-day
replay limit, page-token integrity) are left to it; its field names match this API's.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from google.longrunning import operations_pb2

from adapters.grpc.gen.erp.v1 import order_service_pb2 as pb
from adapters.grpc.mappers import shop_id_from_name
from adapters.grpc.order_mappers import ORDER_STATES, order_id_from_name, tag_id_from_name, temu_status_from_proto
from adapters.grpc.order_operation_mappers import operation_id_from_name
from adapters.grpc.shop_requests import Checks
from application.orders.queries import ListOperationsQuery, ListOrdersQuery
from application.orders.search import MAX_ORDER_SNS, OrderSort, SortField
from domain.errors import FieldViolation, ValidationFailed
from domain.order_states import OrderState
from domain.principal import Principal

MAX_FILTER_VALUES = 100
MAX_TEXT_LENGTH = 128


@dataclass(frozen=True, slots=True)
class ReplayArgs:
    shop_id: str
    start: datetime
    end: datetime
    request_id: str | None = None


def _text(c: Checks, value: str, field: str) -> str:
    if len(value) > MAX_TEXT_LENGTH:
        c.add(field, f"at most {MAX_TEXT_LENGTH} characters")
    elif not value.isprintable():
        c.add(field, "must be printable text (no control, format or non-ASCII space characters)")
    return value


def _each(c: Checks, values: Iterable, field: str, parse: Callable[[object, str], object]) -> tuple:
    """Every value parsed, each bad one reported as ``field[i]``; at most MAX_FILTER_VALUES."""
    values = list(values)
    if len(values) > MAX_FILTER_VALUES:
        c.add(field, f"at most {MAX_FILTER_VALUES} values")
        return ()
    parsed = (c.check(lambda i=i, v=v: parse(v, f"{field}[{i}]")) for i, v in enumerate(values))
    return tuple(dict.fromkeys(p for p in parsed if p is not None))


def _state(value: int, field: str) -> OrderState | None:
    return ORDER_STATES.from_proto(value, field, required=True)


def _word(value: str, field: str) -> str:
    c = Checks()
    _text(c, value, field)
    c.done()
    return value


def _region_id(value: int, field: str) -> int:
    if value < 1:
        raise ValidationFailed(f"{field}: a Temu region id is 1 or more.", [FieldViolation(field, "must be 1 or more")])
    return value


def _order_sns(c: Checks, values: Iterable[str]) -> tuple[str, ...]:
    """A pasted list, each bad number named (the application refuses one over its limit)."""
    values = tuple(values)
    for i, sn in enumerate(values[:MAX_ORDER_SNS + 1]):
        if len(sn) > MAX_TEXT_LENGTH or not sn.isprintable():  # NOTE: the field's name only for a bad one
            _text(c, sn, f"order_sns[{i}]")
    return values


def _sort(c: Checks, order_by: str) -> OrderSort:
    """AIP-132 ``order_by``: one field, optionally `` desc`` (or `` asc``); empty: newest first."""
    words = order_by.split()
    if not words:
        return OrderSort()
    fields = {f.value: f for f in SortField}
    if words[0] in fields and (len(words) == 1 or (len(words) == 2 and words[1].lower() in ("asc", "desc"))):
        return OrderSort(fields[words[0]], descending=len(words) == 2 and words[1].lower() == "desc")
    c.add("order_by", f"must be one of {', '.join(fields)}, optionally followed by ' desc'"
                      f" (got {order_by[:40]!r})")
    return OrderSort()


def _filters(c: Checks, req: pb.ListOrdersRequest | pb.CountOrdersRequest) -> dict[str, object]:
    """The filter fields both requests share, with the same names (CountOrdersRequest's doc)."""
    created, updated, ship_by = req.create_time_range, req.update_time_range, req.ship_by_time_range
    return dict(
        shop_ids=_each(c, req.shops, "shops", shop_id_from_name),
        states=_each(c, req.states, "states", _state),
        temu_statuses=_each(c, req.temu_statuses, "temu_statuses", temu_status_from_proto),
        created_from=c.moment(created, "start_time", "create_time_range.start_time"),
        created_to=c.moment(created, "end_time", "create_time_range.end_time"),
        updated_from=c.moment(updated, "start_time", "update_time_range.start_time"),
        updated_to=c.moment(updated, "end_time", "update_time_range.end_time"),
        seller_sku=_text(c, req.seller_sku, "seller_sku"),
        parent_order_sn=_text(c, req.parent_order_sn, "parent_order_sn"),
        ship_by_before=c.moment(req, "ship_by_before", "ship_by_before"),
        tag_ids=_each(c, req.tags, "tags", tag_id_from_name),
        order_sns=_order_sns(c, req.order_sns),
        recipient_name=_text(c, req.recipient_name, "recipient_name"),
        product_name=_text(c, req.product_name, "product_name"),
        seller_sku_prefix=_text(c, req.seller_sku_prefix, "seller_sku_prefix"),
        labels=_each(c, req.labels, "labels", _word),
        warnings=_each(c, req.warnings, "warnings", _word),
        region_ids=_each(c, req.region_ids, "region_ids", _region_id),
        fulfillment_types=_each(c, req.fulfillment_types, "fulfillment_types", _word),
        ship_by_from=c.moment(ship_by, "start_time", "ship_by_time_range.start_time"),
        ship_by_to=c.moment(ship_by, "end_time", "ship_by_time_range.end_time"),
        exception_reasons=_each(c, req.exception_reasons, "exception_reasons", _word))


def list_query(req: pb.ListOrdersRequest, principal: Principal) -> ListOrdersQuery:
    c = Checks()
    c.page(req.page_size, req.page_token)
    query = ListOrdersQuery(principal, page_size=req.page_size, page_token=req.page_token,
                            sort=_sort(c, req.order_by), **_filters(c, req))
    c.done()
    return query


def count_query(req: pb.CountOrdersRequest, principal: Principal) -> ListOrdersQuery:
    c = Checks()
    query = ListOrdersQuery(principal, **_filters(c, req))
    c.done()
    return query


def order_id(req: pb.GetOrderRequest) -> str:
    c = Checks()
    found = c.check(lambda: order_id_from_name(req.name, "name"))
    c.done()
    return found


def sync_args(req: pb.SyncShopOrdersRequest) -> tuple[str, str | None]:
    """(shop id, request id in its canonical lower-case form)."""
    c = Checks()
    shop_id = c.check(lambda: shop_id_from_name(req.shop, "shop"))
    request_id = c.request_id(req.request_id)
    c.done()
    return shop_id, request_id


def replay_args(req: pb.ReplayShopOrdersRequest) -> ReplayArgs:
    c = Checks()
    shop_id = c.check(lambda: shop_id_from_name(req.shop, "shop"))
    start = c.moment(req, "start_time", "start_time", required=True)
    end = c.moment(req, "end_time", "end_time", required=True)
    request_id = c.request_id(req.request_id)
    c.done()
    return ReplayArgs(shop_id, start, end, request_id)


def operation_id(req: operations_pb2.GetOperationRequest) -> str:
    c = Checks()
    found = c.check(lambda: operation_id_from_name(req.name, "name"))
    c.done()
    return found


# ListOperations' filter (AIP-160, a small part): terms joined by AND, each `shop = "shops/ID"`
# (quotes optional) or `done = true|false`.
_FILTER_TERM = re.compile(r'(shop|done)\s*=\s*(?:"([^"]*)"|(\S+))')
FILTER_HELP = 'use shop = "shops/ID", done = true or done = false, joined by AND'


def operations_query(req: operations_pb2.ListOperationsRequest, principal: Principal) -> ListOperationsQuery:
    c = Checks()
    c.page(req.page_size, req.page_token)
    if req.name not in ("", "operations"):
        c.add("name", 'must be "operations" or empty (the collection of this server\'s operations)')
    terms: dict[str, str] = {}
    for term in filter(None, (t.strip() for t in re.split(r"\s+AND\s+", req.filter.strip()))):
        found = _FILTER_TERM.fullmatch(term)
        if found is None or found[1] in terms:
            c.add("filter", f"cannot use {term!r}: {FILTER_HELP}, each at most once")
            continue
        terms[found[1]] = found[2] if found[2] is not None else found[3]
    shop_id = c.check(lambda: shop_id_from_name(terms["shop"], "filter")) if "shop" in terms else None
    if terms.get("done", "true") not in ("true", "false"):
        c.add("filter", f"done must be true or false, not {terms['done']!r}")
    c.done()
    done = None if "done" not in terms else terms["done"] == "true"
    return ListOperationsQuery(principal, page_size=req.page_size, page_token=req.page_token,
                               shop_id=shop_id, done=done)
