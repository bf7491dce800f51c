"""ListActivity: the activity log of an order, a shop or a principal, newest first."""
from __future__ import annotations

from application.desk.access import visible_order
from application.paging import page_size
from application.ports.clock import Clock
from application.ports.desk import ActivityFilter, DeskReader
from application.ports.readers import Page, ShopReader
from application.ports.unit_of_work import UnitOfWorkFactory
from application.shops.views import shop_not_found
from domain.principal import Principal

MAX_PAGE_SIZE = 500


class ListActivity:
    """- Filters combine: an order, a shop, a principal (who made the change, or ``system``).
    - Shop owners see only the entries of their own shops' orders: another shop or order looks
      absent (NOT_FOUND); the tag list's own changes are for administrators.
    """

    def __init__(self, uow: UnitOfWorkFactory, reader: DeskReader, shops: ShopReader, clock: Clock) -> None:
        self._uow, self._reader, self._shops, self._clock = uow, reader, shops, clock

    def execute(self, principal: Principal, order_id: str | None, shop_id: str | None, actor_id: str | None,
                size: int, page_token: str) -> Page:
        if order_id:
            with self._uow() as uow:
                visible_order(uow, principal, order_id)
        if shop_id:
            shop = self._shops.get(shop_id, self._clock.now())
            if shop is None or not principal.can_see_shop(shop.owner_id):
                raise shop_not_found(shop_id)
        flt = ActivityFilter(order_id=order_id or None, shop_id=shop_id or None, actor_id=actor_id or None,
                             owner_id=None if principal.is_admin else principal.id)
        return self._reader.list_activity(flt, page_size(size, MAX_PAGE_SIZE), page_token)
