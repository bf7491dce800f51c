"""A small world for shop use-case tests: in-memory store, fake Temu, fake clock."""
from __future__ import annotations

from datetime import timedelta

from application.shops.commands import AuthorizeShopCommand
from application.shops.facade import ShopUseCases
from domain.principal import Principal, Role
from domain.shop_kinds import Region, ShopKind
from domain.token import ORDER_REQUIRED_SCOPES, TokenInfo
from tests.fakes import FakeClock, FakeTokenInspector, InMemoryShopReader, InMemoryStore, InMemoryUnitOfWork

ADMIN = Principal("admin-1", "Admin", Role.ADMIN)
ALICE = Principal("owner-alice", "Alice", Role.SHOP_OWNER)
BOB = Principal("owner-bob", "Bob", Role.SHOP_OWNER)
ORDER_SCOPES = frozenset(ORDER_REQUIRED_SCOPES + ("bg.logistics.shipment.v2.confirm", "bg.order.detail.v2.get"))
PRODUCT_SCOPES = frozenset({"bg.btg.goods.stock.quantity.get", "bg.btg.goods.stock.quantity.update"})
REGION_IDS = {Region.US: 211, Region.EU: 210}


class ShopWorld:
    def __init__(self) -> None:
        self.store = InMemoryStore()
        self.clock = FakeClock()
        self.temu = FakeTokenInspector()
        self.shops = ShopUseCases(lambda: InMemoryUnitOfWork(self.store), InMemoryShopReader(self.store),
                                  self.temu, self.clock)
        self._n = 0

    def token(self, mall_id: int, *, region: Region = Region.US, mall_type: int = 1,
              scopes: frozenset[str] = ORDER_SCOPES, days: float | None = 365) -> str:
        self._n += 1
        expires = self.clock.now() + timedelta(days=days) if days is not None else None
        return self.temu.register(f"tok{self._n:04d}x{mall_id}", TokenInfo(
            mall_id, mall_type, REGION_IDS[region], scopes, expires))

    def product_token(self, mall_id: int, days: float | None = 365) -> str:
        return self.token(mall_id, scopes=PRODUCT_SCOPES, days=days)

    def authorize(self, name: str, mall_id: int, region: Region = Region.US, *,
                  kind: ShopKind = ShopKind.CROSS_BORDER, principal: Principal = ADMIN, token: str | None = None,
                  **kw):
        token = token or self.token(mall_id, region=region, mall_type=100 if kind is ShopKind.LOCAL else 1)
        return self.shops.authorize(AuthorizeShopCommand(principal, name, kind, region, token, **kw))
