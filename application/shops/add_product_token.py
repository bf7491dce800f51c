"""AddProductToken: step 2 of a cross-border shop (AUTH-3, AUTH-5)."""
from __future__ import annotations

from application.idempotency import RequestIds, request_hash
from application.ports.clock import Clock
from application.ports.readers import ShopView
from application.ports.temu import TokenInspector
from application.ports.unit_of_work import UnitOfWorkFactory
from application.shops.commands import AddProductTokenCommand
from application.shops.mutation import change_shop
from application.shops.views import visible_shop
from domain.shop_kinds import TokenKind
from domain.token import TokenText


class AddProductToken:
    """- The product token must belong to the same Temu shop (mall id) and carry product scopes.
    - The other regions of the same Temu shop that lack a usable product token get it too: the
      user pastes it once (AUTH-5, ``Shop.adopt_product_token_from``).
    """

    def __init__(self, uow: UnitOfWorkFactory, inspector: TokenInspector, clock: Clock) -> None:
        self._uow, self._inspector, self._clock = uow, inspector, clock

    def execute(self, cmd: AddProductTokenCommand) -> ShopView:
        token = TokenText(cmd.token)
        with self._uow() as uow:
            shop = visible_shop(uow.shops.get(cmd.shop_id), cmd.principal, cmd.shop_id)
            ids = RequestIds("AddProductToken", cmd.principal.id, cmd.request_id,
                             request_hash(cmd.shop_id, uow.vault.fingerprint(token)))
            region = shop.region
        info = self._inspector.inspect(token, region, TokenKind.PRODUCT)

        def add(uow, shop) -> None:
            now = self._clock.now()
            fingerprint = uow.vault.fingerprint(token)
            shop.add_product_token(info, fingerprint, now)
            uow.vault.put(shop.id, TokenKind.PRODUCT, token)
            for other in uow.shops.other_regions_of(shop.mall_id, shop.region):
                if other.adopt_product_token_from(shop, now):
                    uow.vault.put(other.id, TokenKind.PRODUCT, token)

        return change_shop(self._uow, self._clock, cmd.principal, cmd.shop_id, ids, add)
