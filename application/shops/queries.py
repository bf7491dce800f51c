"""GetShop and ListShops: the read side (AUTH-6 warnings, AUTH-10 search)."""
from __future__ import annotations

import base64
import binascii
import hashlib
import json

from application.ports import Clock, ShopFilter, ShopReader, ShopView
from application.shops.commands import ListShopsQuery, ShopPage
from application.shops.views import shop_not_found
from domain.errors import FieldViolation, ValidationFailed
from domain.principal import Principal

DEFAULT_PAGE_SIZE = 50
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

    def execute(self, q: ListShopsQuery) -> ShopPage:
        flt = _filter(q)
        size = _page_size(q.page_size)
        fhash = hashlib.sha256(repr(flt).encode()).hexdigest()[:16]
        cursor = decode_page_token(q.page_token, fhash)
        page = self._reader.list(flt, size, cursor, self._clock.now())
        token = encode_page_token(page.next_cursor, fhash) if page.next_cursor else ""
        return ShopPage(items=list(page.items), next_page_token=token, total_size=page.total_size)


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


def _page_size(size: int) -> int:
    if size < 0:
        raise ValidationFailed("page_size must not be negative.", [FieldViolation("page_size", "must be >= 0")])
    return min(size or DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)


def encode_page_token(cursor: str, filter_hash: str) -> str:
    raw = json.dumps({"c": cursor, "f": filter_hash}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_page_token(token: str, filter_hash: str) -> str | None:
    if not token:
        return None
    bad = ValidationFailed("The page_token is not one this API issued for these filters: start again "
                           "without a page_token.", [FieldViolation("page_token", "invalid or stale")],
                           reason="INVALID_PAGE_TOKEN")
    try:
        data = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise bad from None
    if not isinstance(data, dict) or data.get("f") != filter_hash or not isinstance(data.get("c"), str):
        raise bad
    return data["c"]
