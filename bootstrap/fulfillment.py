"""The fulfillment routes by warehouse kind, as the push worker asks for them.

Only the own warehouse has a route today; the third-party (3PL) and FBA routes are the next
issue and plug in here.
"""
from __future__ import annotations

from typing import Mapping

from application.fulfillment.own_warehouse import OwnWarehouseRoute
from application.ports.carrier import CarrierCredentials, CarrierGateway
from application.ports.fulfillment import Fulfillment
from application.ports.unit_of_work import UnitOfWorkFactory
from domain.errors import PreconditionFailed
from domain.warehouse import WarehouseKind


class RoutesByKind:
    """``FulfillmentRoutes``: one route per warehouse kind."""

    def __init__(self, routes: Mapping[WarehouseKind, Fulfillment]) -> None:
        self._routes = dict(routes)

    def for_kind(self, kind: WarehouseKind) -> Fulfillment:
        route = self._routes.get(kind)
        if route is None:
            raise PreconditionFailed(f"Packages of {kind.value} warehouses cannot be pushed yet: only the own "
                                     "warehouse route exists; the third-party (3PL) and FBA routes come next.",
                                     reason="ROUTE_NOT_AVAILABLE", subject=f"warehouse_kind/{kind.value}",
                                     warehouse_kind=kind.value)
        return route


def build_routes(uow: UnitOfWorkFactory, carriers: CarrierGateway) -> RoutesByKind:
    def credentials(account_id: str) -> CarrierCredentials:
        # NOTE: a short transaction of its own: the carrier's HTTP calls never hold a database one.
        with uow() as unit:
            return unit.carrier_accounts.credentials(account_id)

    return RoutesByKind({WarehouseKind.OWN: OwnWarehouseRoute(carriers, credentials)})
