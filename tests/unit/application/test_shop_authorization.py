"""Shop authorization use cases over in-memory ports (AUTH-1 … AUTH-12)."""
from __future__ import annotations

import uuid

import pytest

from application.shops.commands import (
    AddProductTokenCommand, AuthorizeShopCommand, ListShopsQuery, ReauthorizeShopCommand,
    RenameShopCommand, SetShopStatusCommand,
)
from application.shops.check_token_expiry import CheckTokenExpiry
from domain.errors import AlreadyExists, NotFound, PermissionDenied, PreconditionFailed, ValidationFailed
from domain.shop_kinds import AuthStatus, Region, ShopKind, ShopStatus, TokenKind
from tests.fakes import InMemoryUnitOfWork
from tests.unit.application.shop_world import ADMIN, ALICE, BOB, ShopWorld


@pytest.fixture
def world() -> ShopWorld:
    return ShopWorld()


def test_a_cross_border_shop_is_partial_after_step_1_and_authorized_after_step_2(world):
    result = world.authorize("Home US", 1001)
    assert result.shop.auth_status is AuthStatus.PARTIAL
    shop = world.shops.add_product_token(AddProductTokenCommand(ADMIN, result.shop.id, world.product_token(1001)))
    assert shop.auth_status is AuthStatus.AUTHORIZED
    assert {c.kind for c in shop.credentials} == {TokenKind.ORDER, TokenKind.PRODUCT}


def test_the_other_region_completes_step_2_with_the_product_token_already_held(world):
    us = world.authorize("Home US", 1001).shop
    world.shops.add_product_token(AddProductTokenCommand(ADMIN, us.id, world.product_token(1001)))
    calls = world.temu.calls
    eu = world.authorize("Home EU", 1001, Region.EU)
    assert eu.product_token_reused and eu.shop.auth_status is AuthStatus.AUTHORIZED
    assert world.temu.calls == calls + 1  # only the EU order token was checked


def test_a_product_token_added_to_one_region_also_completes_the_other(world):
    us = world.authorize("Home US", 1001).shop
    eu = world.authorize("Home EU", 1001, Region.EU).shop
    world.shops.add_product_token(AddProductTokenCommand(ADMIN, us.id, world.product_token(1001)))
    assert world.shops.get(ADMIN, eu.id).auth_status is AuthStatus.AUTHORIZED


def test_a_local_shop_is_authorized_in_one_step_and_refused_in_the_eu(world):
    shop = world.authorize("Local", 2001, kind=ShopKind.LOCAL).shop
    assert shop.auth_status is AuthStatus.AUTHORIZED
    with pytest.raises(ValidationFailed) as err:
        world.authorize("Local EU", 2002, Region.EU, kind=ShopKind.LOCAL)
    assert err.value.reason == "LOCAL_SHOP_REGION_UNSUPPORTED"


def test_a_token_without_order_scopes_is_refused_naming_the_missing_scopes(world):
    with pytest.raises(PreconditionFailed) as err:
        world.authorize("Home", 1001, token=world.product_token(1001))
    assert err.value.reason == "NOT_AN_ORDER_TOKEN"
    assert "bg.order.list.v2.get" in err.value.details["missing_scopes"]
    assert err.value.help_links and "agentseller.temu.com" in err.value.help_links[0][1]


def test_an_expired_token_is_refused(world):
    with pytest.raises(PreconditionFailed) as err:
        world.authorize("Home", 1001, token=world.token(1001, days=-1))
    assert err.value.reason == "TOKEN_EXPIRED"


def test_authorizing_the_same_temu_shop_twice_names_the_existing_erp_shop(world):
    first = world.authorize("Home US", 1001).shop
    with pytest.raises(AlreadyExists) as err:
        world.authorize("Another name", 1001)
    assert err.value.reason == "SHOP_ALREADY_AUTHORIZED"
    assert "Home US" in err.value.message and err.value.details["existing_shop_id"] == first.id


def test_a_repeated_request_id_returns_the_first_shop_and_a_changed_payload_is_refused(world):
    rid = str(uuid.uuid4())
    token = world.token(1001)
    first = world.authorize("Home US", 1001, token=token, request_id=rid).shop
    again = world.authorize("Home US", 1001, token=token, request_id=rid).shop
    assert again.id == first.id and len(world.store.shops) == 1
    with pytest.raises(ValidationFailed) as err:
        world.authorize("Other", 1001, token=token, request_id=rid)
    assert err.value.reason == "REQUEST_ID_REUSED"


def test_reauthorizing_keeps_the_shop_and_refuses_a_token_of_another_shop(world):
    shop = world.authorize("Home US", 1001).shop
    world.clock.advance(days=400)
    assert world.shops.get(ADMIN, shop.id).auth_status is AuthStatus.EXPIRED
    renewed = world.shops.reauthorize(ReauthorizeShopCommand(ADMIN, shop.id, None, world.token(1001)))
    assert renewed.id == shop.id and renewed.auth_status is AuthStatus.PARTIAL
    with pytest.raises(PreconditionFailed) as err:
        world.shops.reauthorize(ReauthorizeShopCommand(ADMIN, shop.id, None, world.token(9999)))
    assert err.value.reason == "TOKEN_OF_ANOTHER_SHOP"


def test_expiry_is_taken_from_temu_or_90_days_after_first_seen(world):
    shop = world.authorize("Home US", 1001, token=world.token(1001, days=None)).shop
    order = next(c for c in shop.credentials if c.kind is TokenKind.ORDER)
    assert not order.expiry_from_temu and order.days_left == 90


def test_shops_inside_14_7_and_1_days_of_expiry_are_flagged_and_expire_by_themselves(world):
    shop = world.authorize("Home US", 1001, token=world.token(1001, days=20)).shop
    assert shop.expiry_warning_days is None
    world.clock.advance(days=7)
    assert world.shops.get(ADMIN, shop.id).expiry_warning_days == 14
    world.clock.advance(days=6.5)
    assert world.shops.get(ADMIN, shop.id).expiry_warning_days == 7
    world.clock.advance(days=6)
    assert world.shops.get(ADMIN, shop.id).expiry_warning_days == 1
    world.clock.advance(days=1)
    expired = CheckTokenExpiry(lambda: InMemoryUnitOfWork(world.store), world.clock).execute()
    assert expired == [shop.id]
    assert world.store.shops[shop.id].auth_status is AuthStatus.EXPIRED
    with pytest.raises(PreconditionFailed):
        world.store.shops[shop.id].order_credential(world.clock.now())


def test_a_shop_owner_cannot_authorize_for_someone_else_nor_see_other_shops(world):
    with pytest.raises(PermissionDenied):
        world.authorize("Bob's", 1001, principal=ALICE, owner_id=BOB.id)
    mine = world.authorize("Alice's", 1002, principal=ALICE).shop
    bobs = world.authorize("Bob's", 1003, principal=BOB).shop
    with pytest.raises(NotFound):
        world.shops.get(ALICE, bobs.id)
    assert [s.id for s in world.shops.list(ListShopsQuery(ALICE)).items] == [mine.id]
    assert len(world.shops.list(ListShopsQuery(ADMIN)).items) == 2


def test_names_are_unique_whatever_their_case(world):
    world.authorize("Home US", 1001)
    with pytest.raises(AlreadyExists) as err:
        world.authorize("home us", 1002)
    assert err.value.reason == "SHOP_NAME_TAKEN"
    other = world.authorize("Garden", 1003).shop
    with pytest.raises(AlreadyExists):
        world.shops.rename(RenameShopCommand(ADMIN, other.id, "HOME US"))
    assert world.shops.rename(RenameShopCommand(ADMIN, other.id, "Garden & Patio")).name == "Garden & Patio"


def test_shops_are_listed_by_status_name_and_pages_without_gaps(world):
    for i in range(7):
        world.authorize(f"Shop {i}", 1000 + i)
    disabled = world.authorize("Sleepy", 2000).shop
    world.shops.set_status(SetShopStatusCommand(ADMIN, disabled.id, enabled=False))
    only_disabled = world.shops.list(ListShopsQuery(ADMIN, status=ShopStatus.DISABLED)).items
    assert [s.id for s in only_disabled] == [disabled.id]
    assert len(world.shops.list(ListShopsQuery(ADMIN, name_contains="shop")).items) == 7
    seen, token = [], ""
    while True:
        page = world.shops.list(ListShopsQuery(ADMIN, page_size=3, page_token=token))
        seen += [s.id for s in page.items]
        token = page.next_page_token
        if not token:
            break
    assert len(seen) == len(set(seen)) == 8


def test_an_unknown_token_is_refused_before_anything_is_stored(world):
    with pytest.raises(PreconditionFailed) as err:
        world.shops.authorize(AuthorizeShopCommand(ADMIN, "Home", ShopKind.CROSS_BORDER, Region.US, "nope"))
    assert err.value.reason == "TOKEN_UNKNOWN" and not world.store.shops


def test_an_expired_product_token_stops_product_functions_but_not_order_sync(world):
    shop = world.authorize("Home US", 1001, token=world.token(1001, days=300)).shop
    world.shops.add_product_token(AddProductTokenCommand(ADMIN, shop.id, world.product_token(1001, days=10)))
    world.clock.advance(days=11)
    stored = world.store.shops[shop.id]
    assert world.shops.get(ADMIN, shop.id).auth_status is AuthStatus.EXPIRED
    assert stored.can_sync_orders(world.clock.now())
    with pytest.raises(PreconditionFailed):
        stored.usable_token(TokenKind.PRODUCT, world.clock.now())
    world.clock.advance(days=300)
    assert not stored.can_sync_orders(world.clock.now())


def test_a_temu_shop_held_by_another_owner_is_refused_without_naming_that_owners_shop(world):
    held = world.authorize("Alice Secret Shop", 1001, principal=ALICE).shop
    with pytest.raises(AlreadyExists) as err:
        world.authorize("Bob's try", 1001, principal=BOB)
    said = err.value.message + repr(err.value.details)
    assert err.value.reason == "SHOP_ALREADY_AUTHORIZED"
    assert held.id not in said and "Alice Secret Shop" not in said
    assert "administrator" in err.value.message and err.value.details["mall_id"] == "1001"


@pytest.mark.parametrize("who", [ADMIN, ALICE], ids=["administrator", "same owner"])
def test_an_administrator_and_the_same_owner_still_see_the_existing_shop_named(world, who):
    held = world.authorize("Alice Home", 1001, principal=ALICE).shop
    with pytest.raises(AlreadyExists) as err:
        world.authorize("Second try", 1001, principal=who)
    assert "Alice Home" in err.value.message and err.value.details["existing_shop_id"] == held.id
