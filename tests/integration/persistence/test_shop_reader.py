"""The shop read side: effective status, AUTH-10 filters, keyset pages."""
from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from adapters.persistence.engine import make_engine
from adapters.persistence.readers import SqlShopReader
from application.ports.readers import ShopFilter
from domain.errors import ValidationFailed
from domain.shop_kinds import AuthStatus, ShopStatus, TokenKind

from .builders import NOW, authorized_shop, random_shop


def store(db, *shops) -> None:
    with db.uow() as uow:
        for shop in shops:
            uow.shops.add(shop)
        uow.commit()


def all_pages(reader, flt, page_size, now=NOW) -> tuple[list[str], list[int]]:
    names, totals, token = [], [], ""
    while True:
        page = reader.list(flt, page_size, token, now)
        names += [v.name for v in page.items]
        totals.append(page.total_size)
        token = page.next_page_token
        if not token:
            return names, totals


def test_a_shop_view_shows_credentials_and_the_tightest_expiry_warning(db):
    shop = authorized_shop(expires_at=NOW + timedelta(days=10))
    store(db, shop)

    view = SqlShopReader(db.engine).get(shop.id, NOW)

    assert view.auth_status is AuthStatus.AUTHORIZED
    assert [c.kind for c in view.credentials] == [TokenKind.ORDER, TokenKind.PRODUCT]
    assert view.credentials[0].days_left == 10 and view.expiry_warning_days == 14
    assert view.auth_expires_at == NOW + timedelta(days=10)
    assert SqlShopReader(db.engine).get("no-such-shop", NOW) is None


def test_shops_read_together_are_the_ones_read_alone_and_unknown_ids_are_left_out(db):
    one, two = authorized_shop(expires_at=NOW + timedelta(days=10)), random_shop()
    store(db, one, two)
    reader = SqlShopReader(db.engine)

    assert reader.get_many({one.id, two.id, "no-such-shop"}, NOW) == {
        one.id: reader.get(one.id, NOW), two.id: reader.get(two.id, NOW)}
    assert reader.get_many(set(), NOW) == {}


def test_a_lapsed_authorization_reads_expired_before_any_job_marks_it(db):
    shop = authorized_shop(expires_at=NOW + timedelta(days=1))
    store(db, shop)
    reader, later = SqlShopReader(db.engine), NOW + timedelta(days=1)

    assert reader.get(shop.id, later).auth_status is AuthStatus.EXPIRED
    assert [v.id for v in reader.list(ShopFilter(auth_status=AuthStatus.EXPIRED), 10, "", later).items] == [shop.id]
    assert reader.list(ShopFilter(auth_status=AuthStatus.AUTHORIZED), 10, "", later).items == []


def test_the_status_filter_agrees_with_the_status_shown_for_every_status(db):
    expired_soon = random_shop(expires_at=NOW + timedelta(hours=1))
    revoked = authorized_shop()
    revoked.revoke_token(TokenKind.ORDER, NOW)
    store(db, authorized_shop(), random_shop(), expired_soon, revoked)
    reader, later = SqlShopReader(db.engine), NOW + timedelta(hours=2)

    shown = {v.id: v.auth_status for v in reader.list(ShopFilter(), 10, "", later).items}
    for status in AuthStatus:
        listed = {v.id for v in reader.list(ShopFilter(auth_status=status), 10, "", later).items}
        assert listed == {shop_id for shop_id, s in shown.items() if s is status}
    assert shown[expired_soon.id] is AuthStatus.EXPIRED and shown[revoked.id] is AuthStatus.REAUTH_REQUIRED


def test_shops_are_filtered_by_owner_status_and_name_ignoring_case(db):
    disabled = random_shop(name="Kitchen 100% Cotton", owner_id="alice")
    disabled.disable(NOW)
    store(db, disabled, random_shop(name="kitchen_tools", owner_id="bob"), random_shop(name="Garden", owner_id="alice"))
    reader = SqlShopReader(db.engine)

    def names(**flt) -> list[str]:
        return [v.name for v in reader.list(ShopFilter(**flt), 10, "", NOW).items]

    assert names(owner_id="alice") == ["Garden", "Kitchen 100% Cotton"]
    assert names(status=ShopStatus.DISABLED) == ["Kitchen 100% Cotton"]
    assert names(name_contains="KITCHEN") == ["Kitchen 100% Cotton", "kitchen_tools"]


def test_wildcard_characters_in_a_name_search_match_only_themselves(db):
    store(db, *(random_shop(name=n) for n in ["A%B", "AxxB", "A_B", "AyB"]))
    reader = SqlShopReader(db.engine)

    def names(text: str) -> list[str]:
        return [v.name for v in reader.list(ShopFilter(name_contains=text), 10, "", NOW).items]

    assert names("a%b") == ["A%B"]
    assert names("a_b") == ["A_B"]


def test_expiring_within_days_matches_the_days_left_shown(db):
    store(db, random_shop(name="In 3 days", expires_at=NOW + timedelta(days=3, hours=5)),
          random_shop(name="In 20 days", expires_at=NOW + timedelta(days=20)),
          random_shop(name="Lapsed", expires_at=NOW - timedelta(days=1), now=NOW - timedelta(days=9)))

    page = SqlShopReader(db.engine).list(ShopFilter(expiring_within_days=3), 10, "", NOW)

    assert [v.name for v in page.items] == ["In 3 days", "Lapsed"]
    assert all(v.credentials[0].days_left <= 3 for v in page.items)


def test_paging_through_a_thousand_shops_returns_each_once_in_name_order(db):
    store(db, *(random_shop(name=f"Shop {i:04d}") for i in range(1000)))

    names, totals = all_pages(SqlShopReader(db.engine), ShopFilter(), 97)

    assert names == [f"Shop {i:04d}" for i in range(1000)]
    assert set(totals) == {1000}


def test_a_page_token_not_issued_by_the_reader_or_for_other_filters_is_a_clear_error(db):
    store(db, *(random_shop(name=f"Shop {i}") for i in range(3)))
    reader = SqlShopReader(db.engine)
    token = reader.list(ShopFilter(), 1, "", NOW).next_page_token
    for flt, bad in [(ShopFilter(), "garbage!"), (ShopFilter(), "W10"), (ShopFilter(), "eyJhIjoxfQ"),
                     (ShopFilter(), token + "x"), (ShopFilter(name_contains="shop"), token)]:
        with pytest.raises(ValidationFailed) as caught:
            reader.list(flt, 1, bad, NOW)
        assert caught.value.reason == "INVALID_PAGE_TOKEN"


def test_a_database_failure_on_get_raises_the_sqlalchemy_error_the_api_answers_unavailable_for(tmp_path):
    reader = SqlShopReader(make_engine(f"sqlite:///{tmp_path / 'no-schema.db'}"))
    with pytest.raises(sa.exc.OperationalError, match="no such table"):
        reader.get("s1", NOW)
