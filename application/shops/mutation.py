"""The common shape of a change to one existing shop: load it if visible, change, commit."""
from __future__ import annotations

from typing import Callable

from application.idempotency import RequestIds
from application.ports.clock import Clock
from application.ports.readers import ShopView
from application.ports.unit_of_work import UnitOfWork, UnitOfWorkFactory
from application.shops.views import to_view, visible_shop
from domain.principal import Principal
from domain.shop import Shop


def change_shop(uow_factory: UnitOfWorkFactory, clock: Clock, principal: Principal, shop_id: str,
                ids: RequestIds, change: Callable[[UnitOfWork, Shop], None]) -> ShopView:
    with uow_factory() as uow:
        if ids.replayed(uow) is not None:
            return to_view(visible_shop(uow.shops.get(shop_id), principal, shop_id), clock.now())
        shop = visible_shop(uow.shops.get_for_update(shop_id), principal, shop_id)
        change(uow, shop)
        uow.shops.flush()
        ids.remember(uow, shop.id)
        uow.commit()
        return to_view(shop, clock.now())
