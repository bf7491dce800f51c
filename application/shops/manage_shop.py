"""RenameShop and SetShopStatus: the merchant's own settings of a shop (AUTH-8, AUTH-10)."""
from __future__ import annotations

from application.idempotency import RequestIds, request_hash
from application.ports.clock import Clock
from application.ports.readers import ShopView
from application.ports.unit_of_work import UnitOfWorkFactory
from application.shops.commands import RenameShopCommand, SetShopStatusCommand
from application.shops.mutation import change_shop
from domain.errors import ConcurrencyConflict
from domain.shop import ShopName, shop_name_taken


class RenameShop:
    """- Names are unique within the platform, whatever their case (AUTH-8)."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock) -> None:
        self._uow, self._clock = uow, clock

    def execute(self, cmd: RenameShopCommand) -> ShopView:
        name = ShopName(cmd.display_name)
        ids = RequestIds("RenameShop", cmd.principal.id, cmd.request_id, request_hash(cmd.shop_id, name.key))

        def rename(uow, shop) -> None:
            if cmd.expected_version is not None and cmd.expected_version != shop.version:
                raise ConcurrencyConflict(
                    f"Shop '{shop.name.value}' changed since you read it (version {cmd.expected_version}, now "
                    f"{shop.version}): read it again and retry.", reason="ETAG_MISMATCH",
                    expected_version=cmd.expected_version, current_version=shop.version)
            taken = uow.shops.get_by_name(name.key)
            if taken is not None and taken.id != shop.id:
                raise shop_name_taken(taken.id, name.value)
            shop.rename(name, self._clock.now())

        return change_shop(self._uow, self._clock, cmd.principal, cmd.shop_id, ids, rename)


class SetShopStatus:
    """- A disabled shop is kept with its tokens and orders, and is not synced."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock) -> None:
        self._uow, self._clock = uow, clock

    def execute(self, cmd: SetShopStatusCommand) -> ShopView:
        ids = RequestIds("SetShopStatus", cmd.principal.id, cmd.request_id, request_hash(cmd.shop_id, cmd.enabled))

        def apply(uow, shop) -> None:
            (shop.enable if cmd.enabled else shop.disable)(self._clock.now())

        return change_shop(self._uow, self._clock, cmd.principal, cmd.shop_id, ids, apply)
