"""``bg.order.list.v2.get``: parameters, filtering and paging (docs/temu-protocol.md §10)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from sandboxes.temu import wire
from sandboxes.temu.catalog import LIST_STATUS_FILTERS, serves_region
from sandboxes.temu.errors import WRONG_REGION, TemuError, bad_params
from sandboxes.temu.model import ParentOrder
from sandboxes.temu.orderbook import SORT_KEYS, OrderBook
from sandboxes.temu.params import optional_int, optional_pair, optional_str, optional_str_list

MAX_PAGE_SIZE = 100
MAX_SN_LIST = 20


@dataclass(frozen=True, slots=True)
class OrderListQuery:
    page_number: int
    page_size: int
    status: int
    sns: frozenset[str] | None
    created: tuple[int, int] | None
    updated: tuple[int, int] | None
    region_id: int | None
    sortby: str

    @classmethod
    def parse(cls, params: Mapping[str, Any], gateway: str) -> "OrderListQuery":
        status = optional_int(params, "parentOrderStatus", 0)
        if status not in LIST_STATUS_FILTERS:
            raise bad_params(f"parentOrderStatus {status} is not a Temu order status")
        sortby = optional_str(params, "sortby", "createTime")
        if sortby not in SORT_KEYS:
            raise bad_params(f"sortby must be createTime or updateTime, got {sortby!r}")
        region_id = optional_int(params, "regionId")
        if region_id is not None and not serves_region(gateway, region_id):
            raise TemuError(WRONG_REGION)
        sns = optional_str_list(params, "parentOrderSnList", MAX_SN_LIST)
        return cls(
            page_number=optional_int(params, "pageNumber", 1, low=1),
            page_size=optional_int(params, "pageSize", 10, low=1, high=MAX_PAGE_SIZE),
            status=status, sns=frozenset(sns) if sns else None,
            created=optional_pair(params, "createAfter", "createBefore"),
            updated=optional_pair(params, "updateAtStart", "updateAtEnd"),
            region_id=region_id, sortby=sortby)


def run(query: OrderListQuery, book: OrderBook, mall_id: int, gateway: str) -> dict[str, Any]:
    """The list result for one mall on one gateway: ``{totalItemNum, pageItems}``."""
    if query.sns is not None:
        found = [book.get(sn) for sn in query.sns]
        candidates = sorted((o for o in found if o is not None and o.mall_id == mall_id
                             and serves_region(gateway, o.region_id)),
                            key=SORT_KEYS[query.sortby], reverse=True)
    else:
        candidates = book.sorted_view(mall_id, gateway, query.sortby)
    matching = _filtered(query, candidates)
    start = (query.page_number - 1) * query.page_size
    page = matching[start:start + query.page_size]
    return {"totalItemNum": len(matching), "pageItems": [wire.list_item(o) for o in page]}


def _filtered(query: OrderListQuery, orders: list[ParentOrder]) -> list[ParentOrder]:
    """Apply only the filters that were sent: one cheap pass each."""
    if query.status:
        orders = [o for o in orders if o.status == query.status]
    if query.region_id is not None:
        orders = [o for o in orders if o.region_id == query.region_id]
    if query.created is not None:
        low, high = query.created
        orders = [o for o in orders if low <= o.created_at <= high]
    if query.updated is not None:
        low, high = query.updated
        orders = [o for o in orders if low <= o.update_time <= high]
    return orders
