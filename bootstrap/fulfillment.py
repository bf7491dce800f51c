"""The fulfillment routes by warehouse kind, as the push worker asks for them: the own warehouse
(carrier labels), a third-party warehouse (Goodcang outbound orders) and Amazon FBA.

Every route reads an account's credentials in a short transaction of its own, so the
provider's HTTP calls never hold a database one.
"""
from __future__ import annotations

from typing import Callable, Mapping, TypeVar

from application.fulfillment.fba import FbaRoute
from application.fulfillment.own_warehouse import OwnWarehouseRoute
from application.fulfillment.third_party import ThirdPartyRoute
from application.ports.carrier import CarrierCredentials, CarrierGateway
from application.ports.clock import Clock
from application.ports.fba import FbaGateway
from application.ports.fulfillment import Fulfillment
from application.ports.providers import AmazonCredentials, GoodcangCredentials, ProviderCredentials
from application.ports.threepl import ThirdPartyWarehouseGateway
from application.ports.unit_of_work import UnitOfWorkFactory
from domain.errors import PreconditionFailed
from domain.warehouse import WarehouseKind

ProviderCredentialsOf = Callable[[str], ProviderCredentials]
C = TypeVar("C", GoodcangCredentials, AmazonCredentials)


class RoutesByKind:
    """``FulfillmentRoutes``: one route per warehouse kind."""

    def __init__(self, routes: Mapping[WarehouseKind, Fulfillment]) -> None:
        self._routes = dict(routes)

    def for_kind(self, kind: WarehouseKind) -> Fulfillment:
        route = self._routes.get(kind)
        if route is None:
            raise PreconditionFailed(f"Packages of {kind.value} warehouses cannot be pushed: no route for that "
                                     "warehouse kind is configured in this process.",
                                     reason="ROUTE_NOT_AVAILABLE", subject=f"warehouse_kind/{kind.value}",
                                     warehouse_kind=kind.value)
        return route


def build_routes(uow: UnitOfWorkFactory, carriers: CarrierGateway, *, clock: Clock | None = None,
                 threepl: ThirdPartyWarehouseGateway | None = None, fba: FbaGateway | None = None,
                 provider_credentials: ProviderCredentialsOf | None = None) -> RoutesByKind:
    """``provider_credentials`` defaults to ``unit.provider_accounts.credentials(account_id)``."""
    def carrier_credentials(account_id: str) -> CarrierCredentials:
        with uow() as unit:
            return unit.carrier_accounts.credentials(account_id)

    def stored_provider_credentials(account_id: str) -> ProviderCredentials:
        # NOTE: a short transaction of its own: the provider's HTTP calls never hold a database one.
        with uow() as unit:
            return unit.provider_accounts.credentials(account_id)

    of = provider_credentials or stored_provider_credentials
    routes: dict[WarehouseKind, Fulfillment] = {WarehouseKind.OWN: OwnWarehouseRoute(carriers, carrier_credentials)}
    if threepl is not None:
        routes[WarehouseKind.THIRD_PARTY] = ThirdPartyRoute(threepl, lambda a: _expect(of(a), GoodcangCredentials, a))
    if fba is not None and clock is not None:
        routes[WarehouseKind.FBA] = FbaRoute(fba, lambda a: _expect(of(a), AmazonCredentials, a), clock)
    return RoutesByKind(routes)


def _expect(credentials: object, kind: type[C], account_id: str) -> C:
    if not isinstance(credentials, kind):
        what = "a Goodcang" if kind is GoodcangCredentials else "an Amazon seller"
        raise PreconditionFailed(f"Account {account_id} is not {what} account: assign the warehouse to the "
                                 "account of its provider.", reason="WRONG_PROVIDER_ACCOUNT",
                                 subject=f"provider_accounts/{account_id}")
    return credentials
