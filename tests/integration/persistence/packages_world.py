"""A shop with orders, an own warehouse with a channel, and the package use cases over a real
database and the own-warehouse route over ``FakeCarrier``."""
from __future__ import annotations

from dataclasses import dataclass, field

from application.fulfillment.own_warehouse import OwnWarehouseRoute
from application.packages.facade import PackageUseCases
from application.packages.follow_temu import FollowTemu
from application.packages.packing_commands import Caller
from application.packages.push_package import PushPackage
from adapters.persistence.package_reader import SqlPackageReader
from bootstrap.fulfillment import RoutesByKind
from domain.platform_order import Address
from domain.principal import Principal, Role
from domain.warehouse import WarehouseKind
from tests.fakes import FakeClock
from tests.fakes_carrier import FakeCarrierGateway
from tests.integration.persistence.builders import authorized_shop, random_line, random_order, stored_shop
from tests.integration.persistence.test_warehouse_repositories import enabled_channel, stored_own_warehouse

OWNER = Principal("owner-1", "Owner", Role.SHOP_OWNER)
STRANGER = Principal("owner-2", "Other", Role.SHOP_OWNER)
ADDRESS = Address(name="Ann Buyer", phone="+1 555 0199", country="US", state="TX", city="Austin",
                  line1="1 Main St", post_code="78701")


@dataclass
class PackagesWorld:
    db: object
    clock: FakeClock = field(default_factory=FakeClock)
    gateway: FakeCarrierGateway = field(default_factory=FakeCarrierGateway)

    def __post_init__(self) -> None:
        uow = self.db.uow
        self.routes = RoutesByKind({WarehouseKind.OWN: OwnWarehouseRoute(self.gateway, self._credentials)})
        self.packages = PackageUseCases(uow, SqlPackageReader(self.db.engine), self.routes, self.clock)
        self.push = PushPackage(uow, self.routes, self.clock)
        self.follow = FollowTemu(uow, self.clock)
        self.shop = stored_shop(self.db, authorized_shop(owner_id=OWNER.id))
        self.warehouse = stored_own_warehouse(self.db, OWNER.id)
        self.channel = enabled_channel(self.warehouse.id)
        with uow() as unit:
            unit.channels.add(self.channel)
            unit.commit()
        self.caller = Caller(OWNER)

    def _credentials(self, account_id: str):
        with self.db.uow() as unit:
            return unit.carrier_accounts.credentials(account_id)

    def order(self, *quantities: int, address: Address | None = ADDRESS, seller_sku: str | None = None,
              shop_id: str | None = None):
        lines = tuple(random_line(seller_sku, q) for q in quantities or (1,))
        order = random_order(shop_id or self.shop.id, lines=lines)
        if address is not None:
            order.record_address(address, order.created_at)
        with self.db.uow() as unit:
            unit.orders.add(order)
            unit.commit()
        return order

    def assign(self, *orders) -> list:
        return self.packages.packing.assign(self.caller, tuple(o.id for o in orders), self.warehouse.id, self.channel.id)

    def package(self, package_id: str):
        return self.packages.get(OWNER, package_id)

    def order_state(self, order_id: str):
        with self.db.uow() as unit:
            return unit.orders.get(order_id).state

    def push_all(self, package_ids) -> None:
        for package_id in package_ids:
            for _ in range(10):
                if self.push.execute(package_id).__class__.__name__ == "Done":
                    break
