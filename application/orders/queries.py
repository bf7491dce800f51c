"""ListOrders, CountOrders, GetOrder, GetOperation and ListOperations: the order read side, with
the caller's visibility."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TypeVar
from datetime import datetime

from application.orders.search import MAX_ORDER_SNS, MIN_SEARCH_LENGTH, OrderSort, search_key
from application.orders.views import (
    OperationFilter, OrderCounts, OrderDetail, OrderFilter, OrderSummary, SyncRunView, run_view,
)
from application.ports.desk import DeskReader
from application.paging import DEFAULT_PAGE_SIZE, page_size
from application.ports.readers import OrderReader, Page, ShopReader, ShopView, SyncRunReader
from application.ports.unit_of_work import UnitOfWork, UnitOfWorkFactory
from domain.desk import Tag
from domain.errors import FieldViolation, NotFound, ValidationFailed
from domain.order_amounts import amounts_status, grants_amounts
from domain.order_states import OrderState
from domain.principal import Principal

MAX_PAGE_SIZE = 100
V = TypeVar("V", OrderSummary, OrderDetail)


@dataclass(frozen=True, slots=True)
class ListOrdersQuery:
    principal: Principal
    page_size: int = DEFAULT_PAGE_SIZE
    page_token: str = ""
    shop_ids: tuple[str, ...] = ()
    states: tuple[OrderState, ...] = ()
    temu_statuses: tuple[int, ...] = ()
    created_from: datetime | None = None
    created_to: datetime | None = None
    updated_from: datetime | None = None
    updated_to: datetime | None = None
    seller_sku: str = ""
    parent_order_sn: str = ""
    ship_by_before: datetime | None = None
    tag_ids: tuple[str, ...] = ()
    sort: OrderSort = OrderSort()
    order_sns: tuple[str, ...] = ()
    recipient_name: str = ""
    product_name: str = ""
    seller_sku_prefix: str = ""
    labels: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    region_ids: tuple[int, ...] = ()
    fulfillment_types: tuple[str, ...] = ()
    ship_by_from: datetime | None = None
    ship_by_to: datetime | None = None
    exception_reasons: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ListOperationsQuery:
    principal: Principal
    page_size: int = DEFAULT_PAGE_SIZE
    page_token: str = ""
    shop_id: str | None = None
    done: bool | None = None
    sort: OrderSort = OrderSort()
    order_sns: tuple[str, ...] = ()
    recipient_name: str = ""
    product_name: str = ""
    seller_sku_prefix: str = ""
    labels: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    region_ids: tuple[int, ...] = ()
    fulfillment_types: tuple[str, ...] = ()
    ship_by_from: datetime | None = None
    ship_by_to: datetime | None = None
    exception_reasons: tuple[str, ...] = ()


def order_not_found(order_id: str) -> NotFound:
    return NotFound(f"There is no order '{order_id}' (or it is not in one of your shops).",
                    resource_type="erp.v1.Order", resource_name=f"orders/{order_id}", reason="ORDER_NOT_FOUND")


class OrderQueries:
    """Orders are shown with their tags and with what stands in for missing amounts (DESK-3):
    the grants of a page's shops in one read, its tags in another."""

    def __init__(self, reader: OrderReader, shops: ShopReader, uow: UnitOfWorkFactory, clock,
                 runs: SyncRunReader, desk: DeskReader) -> None:
        self._reader, self._shops, self._uow, self._clock, self._runs = reader, shops, uow, clock, runs
        self._desk = desk

    def list(self, q: ListOrdersQuery) -> Page:
        page = self._reader.list(self.order_filter(q), page_size(q.page_size, MAX_PAGE_SIZE), q.page_token, q.sort)
        return replace(page, items=self._shown(page.items))

    def order_filter(self, q: ListOrdersQuery) -> OrderFilter:
        """The filter of a ListOrders query, checked, with the caller's visibility (counts and
        exports use it too)."""
        if q.tag_ids:
            with self._uow() as uow:
                known_tags(uow, q.tag_ids)
        return _filter(q)

    def count(self, q: ListOrdersQuery) -> OrderCounts:
        """The orders of ``q``'s filters (its page and sort aside) per state and exception reason (DESK-1)."""
        return self._reader.count(self.order_filter(q))

    def get(self, principal: Principal, order_id: str) -> OrderDetail:
        order = self._reader.get(order_id)
        if order is None or not self._may_see_shop(principal, order.shop_id):
            raise order_not_found(order_id)
        return self._shown([order])[0]

    def get_operation(self, principal: Principal, run_id: str) -> SyncRunView:
        with self._uow() as uow:
            run = uow.sync_runs.get(run_id)
            view = run_view(run) if run is not None else None
        if view is None or not self._may_see_shop(principal, view.shop_id):
            raise NotFound(f"There is no operation '{run_id}'.", resource_type="google.longrunning.Operation",
                           resource_name=f"operations/{run_id}", reason="OPERATION_NOT_FOUND")
        return view

    def list_operations(self, q: ListOperationsQuery) -> Page:
        """The caller's sync runs, newest first. A run is read by id, so a page costs one read per
        run (at most MAX_PAGE_SIZE, by primary key) and shows each run as GetOperation does."""
        flt = OperationFilter(owner_id=None if q.principal.is_admin else q.principal.id,
                              shop_id=q.shop_id, done=q.done)
        ids = self._runs.list_ids(flt, page_size(q.page_size, MAX_PAGE_SIZE), q.page_token)
        with self._uow() as uow:
            runs = (uow.sync_runs.get(run_id) for run_id in ids.items)
            views = [run_view(run) for run in runs if run is not None]
        return Page(items=views, next_page_token=ids.next_page_token, total_size=ids.total_size)

    def _shown(self, views: Sequence[V]) -> list[V]:
        now = self._clock.now()
        shops = self._shops.get_many({v.shop_id for v in views}, now)
        granted = {shop_id: _grants_amounts(shop) for shop_id, shop in shops.items()}
        tags = self._desk.tags_on([v.id for v in views])
        return [replace(v, amounts_status=amounts_status(v.amounts, v.temu_status, granted.get(v.shop_id, False)),
                        tags=tags.get(v.id, ())) for v in views]

    def _may_see_shop(self, principal: Principal, shop_id: str) -> bool:
        if principal.is_admin:
            return True
        shop = self._shops.get(shop_id, self._clock.now())
        return shop is not None and principal.can_see_shop(shop.owner_id)


def _grants_amounts(shop: ShopView | None) -> bool:
    """Whether the shop's order token (a local shop's single token) may read amounts."""
    if shop is None:
        return False
    wanted = shop.kind.order_token_kind
    return any(c.kind is wanted and not c.revoked and grants_amounts(c.scopes) for c in shop.credentials)


def known_tags(uow: UnitOfWork, tag_ids: Sequence[str]) -> dict[str, Tag]:
    """The tags, or INVALID_ARGUMENT (TAG_NOT_FOUND) naming each unknown one as ``tags[i]``."""
    known = uow.desk.tags(tag_ids)
    unknown = [FieldViolation(f"tags[{i}]", f"there is no tag 'tags/{t}'") for i, t in enumerate(tag_ids)
               if t not in known]
    if unknown:
        raise ValidationFailed("Some tags do not exist: list them with OrderDeskService.ListTags, or create them "
                               "with CreateTag.", unknown, reason="TAG_NOT_FOUND")
    return known
def _filter(q: ListOrdersQuery) -> OrderFilter:
    _check_ranges(q)
    _check_search(q)
    return OrderFilter(
        shop_ids=q.shop_ids, owner_id=None if q.principal.is_admin else q.principal.id, states=q.states,
        temu_statuses=q.temu_statuses, created_from=q.created_from, created_to=q.created_to,
        updated_from=q.updated_from, updated_to=q.updated_to, seller_sku=q.seller_sku.strip() or None,
        parent_order_sn=q.parent_order_sn.strip() or None, ship_by_before=q.ship_by_before,
        order_sns=tuple(dict.fromkeys(sn.strip() for sn in q.order_sns if sn.strip())),
        recipient_name=search_key(q.recipient_name) or None, product_name=search_key(q.product_name) or None,
        seller_sku_prefix=search_key(q.seller_sku_prefix) or None, labels=q.labels, warnings=q.warnings,
        region_ids=q.region_ids, fulfillment_types=q.fulfillment_types, ship_by_from=q.ship_by_from,
        ship_by_to=q.ship_by_to, exception_reasons=q.exception_reasons, tag_ids=q.tag_ids)


def _check_search(q: ListOrdersQuery) -> None:
    """A list over the limit is refused, not cut: the caller would not know which numbers were
    looked up. A search of one character would read a large share of the index."""
    bad = [FieldViolation("order_sns", f"at most {MAX_ORDER_SNS} numbers ({len(q.order_sns)} given)")
           ] if len(q.order_sns) > MAX_ORDER_SNS else []
    for field in ("recipient_name", "product_name", "seller_sku_prefix"):
        text = getattr(q, field)
        if text.strip() and len(search_key(text)) < MIN_SEARCH_LENGTH:
            bad.append(FieldViolation(field, f"at least {MIN_SEARCH_LENGTH} characters"))
    if bad:
        raise ValidationFailed(f"The search is not one this API runs: {', '.join(v.field for v in bad)}.", bad)


def _check_ranges(q: ListOrdersQuery) -> None:
    for name, start, end in (("create_time", q.created_from, q.created_to),
                             ("update_time", q.updated_from, q.updated_to),
                             ("ship_by_time", q.ship_by_from, q.ship_by_to)):
        if start and end and end < start:
            raise ValidationFailed(f"The {name} range ends before it starts.",
                                   [FieldViolation(f"{name}_range", "end before start")])
