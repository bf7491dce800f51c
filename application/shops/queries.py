"""GetShop and ListShops: the read side (AUTH-6 warnings, AUTH-10 search)."""
from __future__ import annotations

from application.paging import page_size
from application.ports.clock import Clock
from application.ports.readers import Page, ShopFilter, ShopReader, ShopView
from application.shops.commands import ListShopsQuery
from application.shops.views import shop_not_found
from domain.errors import FieldViolation, ValidationFailed
from domain.principal import Principal

MAX_PAGE_SIZE = 500


class GetShop:
    def __init__(self, reader: ShopReader, clock: Clock) -> None:
        self._reader, self._clock = reader, clock

    def execute(self, principal: Principal, shop_id: str) -> ShopView:
        view = self._reader.get(shop_id, self._clock.now())
        if view is None or not principal.can_see_shop(view.owner_id):
            raise shop_not_found(shop_id)
        return view


class ListShops:
    """- Shop owners see only their shops; administrators see all.
    - A page token only works with the filters it was issued for.
    """

    def __init__(self, reader: ShopReader, clock: Clock) -> None:
        self._reader, self._clock = reader, clock

    def execute(self, q: ListShopsQuery) -> Page:
        return self._reader.list(_filter(q), page_size(q.page_size, MAX_PAGE_SIZE), q.page_token, self._clock.now())


def _filter(q: ListShopsQuery) -> ShopFilter:
    if q.expiring_within_days < 0:
        raise ValidationFailed("expiring_within_days must be 0 (no filter) or a positive number of days.",
                               [FieldViolation("expiring_within_days", "must not be negative")])
    if len(q.name_contains) > 64:
        raise ValidationFailed("name_contains is longer than any shop name (64 characters).",
                               [FieldViolation("name_contains", "at most 64 characters")])
    return ShopFilter(owner_id=None if q.principal.is_admin else q.principal.id,
                      auth_status=q.auth_status, status=q.status,
                      name_contains=q.name_contains.strip() or None,
                      expiring_within_days=q.expiring_within_days or None)
