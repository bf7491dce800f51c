"""FulfillmentService requests -> use case arguments, every bad field of a request at once.

Here only what protobuf cannot say (resource names, sizes, request ids, enums); the packing
rules (units of a split, shops and addresses of a merge) are the domain's.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from adapters.grpc.gen.erp.v1 import fulfillment_service_pb2 as pb
from adapters.grpc.mappers import EnumMap
from adapters.grpc.shop_requests import Checks
from application.packages.batch import MAX_BATCH
from application.packages.views import PackageFilter
from domain.package import PackageState

PACKAGE_STATES = EnumMap(PackageState, pb.PackageState, "PACKAGE_STATE")
MAX_PARTS = 100
MAX_LINES_PER_PART = 500
MAX_ORDER_SN = 64
MAX_QUANTITY = 100_000
_ID = re.compile(r"^([A-Za-z0-9][A-Za-z0-9_.~-]{0,63})$")


def resource_id(c: Checks, name: str, collection: str, field: str) -> str:
    prefix = f"{collection}/"
    found = _ID.match(name[len(prefix):]) if name.startswith(prefix) else None
    if found is None:
        c.add(field, "must be set" if not name else f"must look like {collection}/{{id}}")
        return ""
    return found.group(1)


def _ids(c: Checks, names: Iterable[str], collection: str, field: str, most: int) -> tuple[str, ...]:
    names = list(names)
    if not 1 <= len(names) <= most:
        c.add(field, f"1 to {most} items (this request has {len(names)})")
        return ()
    return tuple(resource_id(c, n, collection, f"{field}[{i}]") for i, n in enumerate(names))


def batch_args(orders: Iterable[str], request_id: str, field: str = "orders") -> tuple[tuple[str, ...], str | None]:
    c = Checks()
    ids = _ids(c, orders, "orders", field, MAX_BATCH)
    rid = c.request_id(request_id)
    c.done()
    return ids, rid


def assign_args(req: pb.AssignFulfillmentRequest) -> tuple[tuple[str, ...], str, str, str | None]:
    c = Checks()
    ids = _ids(c, req.orders, "orders", "orders", MAX_BATCH)
    warehouse = resource_id(c, req.warehouse, "warehouses", "warehouse")
    channel = resource_id(c, req.channel, "channels", "channel")
    rid = c.request_id(req.request_id)
    c.done()
    return ids, warehouse, channel, rid


def split_args(req: pb.SplitOrderRequest) -> tuple[str, list[list[tuple[str, int]]], str | None]:
    c = Checks()
    order = resource_id(c, req.order, "orders", "order")
    if not 2 <= len(req.parts) <= MAX_PARTS:
        c.add("parts", f"2 to {MAX_PARTS} parts (this request has {len(req.parts)})")
    parts = []
    for i, part in enumerate(req.parts[:MAX_PARTS]):
        if not 1 <= len(part.lines) <= MAX_LINES_PER_PART:
            c.add(f"parts[{i}].lines", f"1 to {MAX_LINES_PER_PART} lines")
        for j, line in enumerate(part.lines[:MAX_LINES_PER_PART]):
            if not line.order_sn or len(line.order_sn) > MAX_ORDER_SN:
                c.add(f"parts[{i}].lines[{j}].order_sn", f"1 to {MAX_ORDER_SN} characters")
            c.within(line.quantity, 1, MAX_QUANTITY, f"parts[{i}].lines[{j}].quantity")
        parts.append([(line.order_sn, line.quantity) for line in part.lines])
    rid = c.request_id(req.request_id)
    c.done()
    return order, parts, rid


def merge_args(req: pb.MergeOrdersRequest) -> tuple[tuple[str, ...], str | None]:
    c = Checks()
    ids = _ids(c, req.orders, "orders", "orders", 100)
    if len(req.orders) == 1:
        c.add("orders", "name at least two orders")
    rid = c.request_id(req.request_id)
    c.done()
    return ids, rid


def one_order(order: str, request_id: str = "") -> tuple[str, str | None]:
    c = Checks()
    found = resource_id(c, order, "orders", "order")
    rid = c.request_id(request_id)
    c.done()
    return found, rid


def package_id(name: str, request_id: str = "") -> tuple[str, str | None]:
    c = Checks()
    found = resource_id(c, name, "packages", "name")
    rid = c.request_id(request_id)
    c.done()
    return found, rid


def list_args(req: pb.ListPackagesRequest) -> PackageFilter:
    c = Checks()
    c.page(req.page_size, req.page_token)
    if len(req.shops) > 100:
        c.add("shops", "at most 100")
    shops = tuple(resource_id(c, s, "shops", f"shops[{i}]") for i, s in enumerate(req.shops[:100]))
    states = tuple(c.check(lambda v=v, i=i: PACKAGE_STATES.from_proto(v, f"states[{i}]", required=True))
                   for i, v in enumerate(req.states[:20]))
    order = resource_id(c, req.order, "orders", "order") if req.order else ""
    c.done()
    return PackageFilter(shop_ids=shops, states=states, order_id=order)
