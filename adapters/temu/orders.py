"""``OrderSource`` over Temu's v2 order interfaces, on the shop's region gateway (docs/temu-protocol.md §10–§12)."""
from __future__ import annotations

from functools import partial
from typing import Any

from adapters.temu.errors import ORDER_NOT_FOUND, temu_error_code, with_backoffice_help
from adapters.temu.gateways import order_gateway
from adapters.temu.order_amounts import parse_amounts
from adapters.temu.order_parsing import Unreadable, page_items, parse_address, parse_items, parse_parent, update_times
from adapters.temu.transport import TemuClient
from application.ports.temu import OrderPage, TemuAccess
from domain.errors import PreconditionFailed, UpstreamRejected
from domain.order_amounts import AMOUNT_SCOPE, OrderAmounts
from domain.platform_order import Address, PlatformOrder
from domain.sync import Window

LIST_TYPE = "bg.order.list.v2.get"
DETAIL_TYPE = "bg.order.detail.v2.get"
ADDRESS_TYPE = "bg.order.shippinginfo.v2.get"
AMOUNT_TYPE = AMOUNT_SCOPE
MAX_PAGE_SIZE = 100


class TemuOrderSource:
    """Reads one shop's orders. Bad items never fail a page: they are listed in ``skipped``."""

    def __init__(self, client: TemuClient):
        self._client = client

    def list_orders(self, access: TemuAccess, window: Window, page_number: int, page_size: int) -> OrderPage:
        """Orders updated in the closed window ``[start, end]``, newest update first.
        ``page_size`` is clamped to Temu's 1…100."""
        number, size = max(1, page_number), min(max(1, page_size), MAX_PAGE_SIZE)
        result = self._call(access, LIST_TYPE, {
            "pageNumber": number, "pageSize": size, "updateAtStart": window.start,
            "updateAtEnd": window.end, "sortby": "updateTime"})
        items, total = page_items(result)
        if total is None:  # keep paging while pages come back full
            total = (number - 1) * size + len(items) + (1 if len(items) >= size else 0)
        # NOTE: the items are read by whoever stores them: the next page need not wait for that
        return OrderPage.deferred(partial(parse_items, items, access.kind), update_times(items), total, number, size)

    def get_order(self, access: TemuAccess, parent_order_sn: str) -> PlatformOrder | None:
        """The parent order, or None when Temu does not know it (140020002)."""
        result = self._call_or_none(access, DETAIL_TYPE, parent_order_sn)
        if not result:
            return None
        try:
            order = parse_parent(result, access.kind)
        except Unreadable as bad:
            raise UpstreamRejected(f"Temu returned order {parent_order_sn} in a form that cannot be read "
                                   f"({bad.reason}).", temu_api=DETAIL_TYPE) from None
        if order.parent_order_sn != parent_order_sn:
            raise UpstreamRejected(f"Temu answered a request for order {parent_order_sn} with another "
                                   "order.", temu_api=DETAIL_TYPE)
        return order

    def get_address(self, access: TemuAccess, parent_order_sn: str) -> Address | None:
        # NOTE: background: the order-list pages of every shop go first (issue 9, item 2).
        return parse_address(self._call_or_none(access, ADDRESS_TYPE, parent_order_sn, background=True))

    def get_amounts(self, access: TemuAccess, parent_order_sn: str) -> OrderAmounts | None:
        # NOTE: background, like the address: the same lane and budget (issue 13, item 3).
        return parse_amounts(self._call_or_none(access, AMOUNT_TYPE, parent_order_sn, background=True))

    def _call_or_none(self, access: TemuAccess, api_type: str, parent_order_sn: str, background: bool = False) -> Any:
        try:
            return self._call(access, api_type, {"parentOrderSn": parent_order_sn}, background)
        except UpstreamRejected as err:
            if temu_error_code(err) == ORDER_NOT_FOUND:
                return None
            raise

    def _call(self, access: TemuAccess, api_type: str, params: dict[str, Any], background: bool = False) -> Any:
        try:
            return self._client.call(order_gateway(access.region), api_type, access.token.value, params,
                                     background=background)
        except PreconditionFailed as err:
            raise with_backoffice_help(err, access.kind, access.region, access.kind.order_token_kind)
