"""ShopUseCases: the shop use cases as one object for the gRPC servicer."""
from __future__ import annotations

from application.ports.clock import Clock
from application.ports.readers import Page, ShopReader, ShopView
from application.ports.temu import TokenInspector
from application.ports.unit_of_work import UnitOfWorkFactory
from application.shops.add_product_token import AddProductToken
from application.shops.authorize_shop import AuthorizeShop
from application.shops.commands import (
    AddProductTokenCommand, AuthorizeShopCommand, AuthorizeShopResult, ListShopsQuery,
    ReauthorizeShopCommand, RenameShopCommand, SetShopStatusCommand,
)
from application.shops.manage_shop import RenameShop, SetShopStatus
from application.shops.queries import GetShop, ListShops
from application.shops.reauthorize_shop import ReauthorizeShop
from domain.principal import Principal


class ShopUseCases:
    def __init__(self, uow: UnitOfWorkFactory, reader: ShopReader, inspector: TokenInspector,
                 clock: Clock) -> None:
        self._authorize = AuthorizeShop(uow, inspector, clock)
        self._add_product = AddProductToken(uow, inspector, clock)
        self._reauthorize = ReauthorizeShop(uow, inspector, clock)
        self._rename = RenameShop(uow, clock)
        self._set_status = SetShopStatus(uow, clock)
        self._get = GetShop(reader, clock)
        self._list = ListShops(reader, clock)

    def authorize(self, cmd: AuthorizeShopCommand) -> AuthorizeShopResult:
        return self._authorize.execute(cmd)

    def add_product_token(self, cmd: AddProductTokenCommand) -> ShopView:
        return self._add_product.execute(cmd)

    def reauthorize(self, cmd: ReauthorizeShopCommand) -> ShopView:
        return self._reauthorize.execute(cmd)

    def rename(self, cmd: RenameShopCommand) -> ShopView:
        return self._rename.execute(cmd)

    def set_status(self, cmd: SetShopStatusCommand) -> ShopView:
        return self._set_status.execute(cmd)

    def get(self, principal: Principal, shop_id: str) -> ShopView:
        return self._get.execute(principal, shop_id)

    def list(self, query: ListShopsQuery) -> Page:
        return self._list.execute(query)
