"""ReauthorizeShop: paste a new token; the shop, its settings and orders stay (AUTH-6)."""
from __future__ import annotations

from application.idempotency import RequestIds, request_hash
from application.ports.clock import Clock
from application.ports.readers import ShopView
from application.ports.temu import TokenInspector
from application.ports.unit_of_work import UnitOfWorkFactory
from application.shops.commands import ReauthorizeShopCommand
from application.shops.mutation import change_shop
from application.shops.views import visible_shop
from domain.shop_kinds import TokenKind
from domain.token import TokenText


class ReauthorizeShop:
    """- The new token must belong to the same Temu shop; a token of another shop is refused.
    - The token kind defaults to the order token (a local shop's single token).
    - Runs stopped for the token go on afterwards (``ShopReauthorized`` → ``ResumeWaitingRuns``).
    """

    def __init__(self, uow: UnitOfWorkFactory, inspector: TokenInspector, clock: Clock) -> None:
        self._uow, self._inspector, self._clock = uow, inspector, clock

    def execute(self, cmd: ReauthorizeShopCommand) -> ShopView:
        token = TokenText(cmd.token)
        with self._uow() as uow:
            shop = visible_shop(uow.shops.get(cmd.shop_id), cmd.principal, cmd.shop_id)
            kind = cmd.token_kind if cmd.token_kind not in (None, TokenKind.ORDER) else shop.kind.order_token_kind
            ids = RequestIds("ReauthorizeShop", cmd.principal.id, cmd.request_id,
                             request_hash(cmd.shop_id, kind.value, uow.vault.fingerprint(token)))
            region = shop.region
        info = self._inspector.inspect(token, region, kind)

        def replace(uow, shop) -> None:
            now = self._clock.now()
            shop.reauthorize(kind, info, uow.vault.fingerprint(token), now)
            uow.vault.put(shop.id, kind, token)

        return change_shop(self._uow, self._clock, cmd.principal, cmd.shop_id, ids, replace)
