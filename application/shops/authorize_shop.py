"""AuthorizeShop: step 1 of a cross-border shop, or the single step of a local shop."""
from __future__ import annotations

import uuid

from application.idempotency import RequestIds, request_hash
from application.orders.start_sync import schedule_history
from application.ports.clock import Clock
from application.ports.temu import TokenInspector
from application.ports.unit_of_work import UnitOfWorkFactory
from application.shops.commands import AuthorizeShopCommand, AuthorizeShopResult
from application.shops.views import to_view
from domain.errors import AlreadyExists
from domain.shop import (
    PrincipalId, Shop, ShopId, ShopName, check_kind_and_region, shop_already_authorized,
    shop_held_by_another_owner, shop_name_taken,
)
from domain.principal import Principal
from domain.shop_kinds import Region, TokenKind
from domain.token import TokenText, check_order_token


class AuthorizeShop:
    """- A shop owner authorizes only for themselves; an administrator for anyone (AUTH-12).
    - The token is checked with Temu before anything is stored (AUTH-4, AUTH-7).
    - One Temu shop and region is one ERP shop, ever (AUTH-9): a second try names the first to
      an administrator and to its owner; anyone else learns only that it is taken and whom to ask.
      A token of the wrong kind is said first, whichever shop it names.
    - A cross-border shop whose other region holds a product token gets it too (AUTH-5).
    - The shop's 30-day history sync is created with it (ORD-2), so the answer names it.
    """

    def __init__(self, uow: UnitOfWorkFactory, inspector: TokenInspector, clock: Clock) -> None:
        self._uow = uow
        self._inspector = inspector
        self._clock = clock

    def execute(self, cmd: AuthorizeShopCommand) -> AuthorizeShopResult:
        name, token = ShopName(cmd.display_name), TokenText(cmd.token)
        owner = cmd.owner_id or cmd.principal.id
        cmd.principal.check_may_act_for(owner)
        check_kind_and_region(cmd.kind, cmd.region)
        with self._uow() as uow:
            ids = RequestIds("AuthorizeShop", cmd.principal.id, cmd.request_id, request_hash(
                name.key, cmd.kind.value, cmd.region.value, owner, uow.vault.fingerprint(token)))
            if (replayed := ids.replayed(uow)) is not None:
                return self._replay(uow, replayed)
            _check_name_free(uow, name)
        token_kind = cmd.kind.order_token_kind
        info = self._inspector.inspect(token, cmd.region, token_kind)
        try:
            return self._store(cmd, ids, name, token, token_kind, info, owner)
        except AlreadyExists:
            if ids.request_id and (first := self._replay_after_race(ids)) is not None:
                return first
            with self._uow() as uow:  # NOTE: a racing authorization won: refuse as if it had been first
                _check_not_authorized(uow, info.mall_id, cmd.region, cmd.principal)
            raise

    def _store(self, cmd, ids, name, token, token_kind, info, owner) -> AuthorizeShopResult:
        now = self._clock.now()
        with self._uow() as uow:
            # NOTE: what the token is comes before which shop it names: a seller who pasted the
            # wrong kind of token must paste another one, whichever ERP shop holds its Temu shop.
            check_order_token(info, cmd.kind, cmd.region, now)
            _check_not_authorized(uow, info.mall_id, cmd.region, cmd.principal)
            shop = Shop.authorize(id=ShopId(str(uuid.uuid4())), name=name, kind=cmd.kind,
                                  region=cmd.region, owner_id=PrincipalId(owner), info=info,
                                  fingerprint=uow.vault.fingerprint(token), now=now)
            uow.shops.add(shop)
            uow.vault.put(shop.id, token_kind, token)
            reused = _reuse_product_token(uow, shop, now)
            uow.shops.flush()
            history = schedule_history(uow, shop.id, now)
            ids.remember(uow, shop.id)
            uow.commit()
        return AuthorizeShopResult(to_view(shop, now), reused, history.id if history else None)

    def _replay(self, uow, shop_id: str) -> AuthorizeShopResult:
        shop = uow.shops.get(shop_id)
        return AuthorizeShopResult(to_view(shop, self._clock.now()), TokenKind.PRODUCT in shop.credentials)

    def _replay_after_race(self, ids: RequestIds) -> AuthorizeShopResult | None:
        """Two calls with one request id raced: the loser answers what the winner stored."""
        with self._uow() as uow:
            replayed = ids.replayed(uow)
            return self._replay(uow, replayed) if replayed is not None else None


def _check_name_free(uow, name: ShopName) -> None:
    taken = uow.shops.get_by_name(name.key)
    if taken is not None:
        raise shop_name_taken(taken.id, name.value)


def _check_not_authorized(uow, mall_id: int, region: Region, principal: Principal) -> None:
    """The refusal names the existing shop only to those who may see it."""
    existing = uow.shops.get_by_mall(mall_id, region)
    if existing is None:
        return
    if principal.can_see_shop(existing.owner_id):
        raise shop_already_authorized(existing.id, existing.name.value, mall_id, region)
    raise shop_held_by_another_owner(mall_id, region)


def _reuse_product_token(uow, shop: Shop, now) -> bool:
    """AUTH-5: never ask for a product token another region of the shop already holds."""
    for other in uow.shops.other_regions_of(shop.mall_id, shop.region):
        if shop.adopt_product_token_from(other, now):
            uow.vault.put(shop.id, TokenKind.PRODUCT, uow.vault.get(other.id, TokenKind.PRODUCT))
            return True
    return False
