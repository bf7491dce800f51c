"""The operations themselves, once the caller is authorized and within its usage plan.

Each takes a ``Request`` and returns (HTTP status, JSON body) in the SP-API's shapes.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sandboxes.fba import rules, views
from sandboxes.fba.validation import check, check_prose, invalid

if TYPE_CHECKING:
    from sandboxes.fba.registry import FbaRegistry

Answer = tuple[int, dict[str, Any]]
LIST_PAGE = 50  # listAllFulfillmentOrders: orders a page (the sandbox's choice: Amazon documents none)


@dataclass(frozen=True, slots=True)
class Request:
    registry: FbaRegistry
    seller: str
    params: dict[str, str]
    query: dict[str, str]
    body: Any
    now: float


def _bad(problems: list[dict[str, str]]) -> Answer:
    return 400, {"errors": problems}


def _body(request: Request, schema: rules.Schema, address_key: str) -> list[dict[str, str]]:
    if not isinstance(request.body, dict):
        return [invalid("The request body must be a JSON object.")]
    return check(request.body, schema) + check_prose(request.body, address_key)


def create(request: Request) -> Answer:
    problems = _body(request, rules.CREATE_FULFILLMENT_ORDER, "destinationAddress")
    if problems:
        return _bad(problems)
    order = request.registry.orders.create(request.seller, request.body, request.now)
    if order is None:
        order_id = request.body["sellerFulfillmentOrderId"]
        return _bad([invalid(request.registry.duplicate_message.format(id=order_id))])
    return 200, {}


def preview(request: Request) -> Answer:
    problems = _body(request, rules.GET_FULFILLMENT_PREVIEW, "address")
    if problems:
        return _bad(problems)
    return 200, {"payload": views.preview(request.registry.orders, request.body, request.now)}


def _find(request: Request) -> tuple[Any, Answer | None]:
    order_id = request.params["id"]
    problems = check(order_id, rules.ORDER_ID_PARAMETER, "sellerFulfillmentOrderId")
    if problems:
        return None, _bad(problems)
    order = request.registry.orders.find(request.seller, order_id)
    if order is None:
        return None, (404, {"errors": [{"code": "NotFound", "message": "Requested order not found",
                                        "details": f"No fulfillment order {order_id}."}]})
    return order, None


def get(request: Request) -> Answer:
    order, refusal = _find(request)
    if refusal is not None:
        return refusal
    return 200, {"payload": views.order_result(request.registry.orders, order, request.now)}


def cancel(request: Request) -> Answer:
    order, refusal = _find(request)
    if refusal is not None:
        return refusal
    blocking = request.registry.orders.cancel(order, request.now)
    if blocking is not None:
        return _bad([invalid(f"The fulfillment order {order.id} cannot be cancelled: its status is {blocking}.",
                             "Only orders with status Received or Planning can be cancelled.")])
    return 200, {}


def list_all(request: Request) -> Answer:
    """Orders whose status changed at or after ``queryStartDate``, oldest received first, a page
    at a time (``LIST_PAGE``; Amazon documents no page size); ``nextToken`` names the next page
    and wins over ``queryStartDate``."""
    since_text, token = request.query.get("queryStartDate"), request.query.get("nextToken")
    problems = check(since_text, rules.TIMESTAMP, "queryStartDate") if since_text is not None else []
    cursor = request.registry.list_cursor(request.seller, token) if token else None
    if token and cursor is None:
        problems.append(invalid("Value for parameter nextToken is invalid. Reason: InvalidValue.",
                                "This token was not issued by this service."))
    if problems:
        return _bad(problems)
    since, start = cursor or (views.parse_iso(since_text) if since_text else 0.0, 0)
    book = request.registry.orders
    orders = book.updated_since(request.seller, since, request.now)
    payload: dict[str, Any] = {"fulfillmentOrders": [views.order_header(book, o, request.now)
                                                     for o in orders[start:start + LIST_PAGE]]}
    if start + LIST_PAGE < len(orders):
        payload["nextToken"] = request.registry.issue_list_token(request.seller, since, start + LIST_PAGE)
    return 200, {"payload": payload}


def tracking(request: Request) -> Answer:
    text = request.query.get("packageNumber", "")
    if not text.lstrip("-").isdigit():
        return _bad([invalid(f"Value {text or 'null'} for parameter packageNumber is invalid. Reason: "
                             "InvalidType." if text else "Missing required parameter packageNumber.")])
    book, number = request.registry.orders, int(text)
    for (seller, _), order in book.orders.items():
        if seller == request.seller and number in order.package_numbers and \
                book.status(order, request.now) == "Complete":
            return 200, {"payload": views.tracking(book, order, number, request.now)}
    return 404, {"errors": [{"code": "NotFound", "message": "Requested package not found",
                             "details": f"No shipped package {number}."}]}


def inventory(request: Request) -> Answer:
    query = request.query
    problems = [invalid(f"Missing required parameter {name}.")
                for name in ("granularityType", "granularityId", "marketplaceIds") if not query.get(name)]
    if query.get("granularityType") and query["granularityType"] not in rules.INVENTORY_GRANULARITY_TYPES:
        problems.append(invalid(f"Value {query['granularityType']} for parameter granularityType is invalid. "
                                "Reason: InvalidValue.", "Allowed values: Marketplace."))
    skus = [s for s in (query.get("sellerSkus") or "").split(",") if s]
    if len(skus) > rules.INVENTORY_MAX_SKUS:
        problems.append(invalid("Value for parameter sellerSkus is invalid. Reason: TooManyValues.",
                                f"At most {rules.INVENTORY_MAX_SKUS} SKUs per request."))
    if query.get("details", "false") not in ("true", "false"):
        problems.append(invalid(f"Value {query['details']} for parameter details is invalid. Reason: InvalidType."))
    if problems:
        return _bad(problems)
    stock = request.registry.orders.stock
    wanted = [s for s in skus if s in stock] if skus else sorted(stock)
    details = query.get("details") == "true"
    return 200, {"payload": {
        "granularity": {"granularityType": query["granularityType"], "granularityId": query["granularityId"]},
        "inventorySummaries": [views.inventory_summary(s, stock[s], details, request.now) for s in wanted]},
        "pagination": {}}
