"""PackageUseCases: the package use cases as one object for the gRPC servicer."""
from __future__ import annotations

from application.packages.labels import CancelPackage, GetLabel, VoidLabel
from application.packages.loading import may_act_on_shop, package_not_found
from application.packages.packing_commands import PackingCommands
from application.packages.views import PackageFilter, PackageView
from application.paging import page_size
from application.ports.clock import Clock
from application.ports.fulfillment import FulfillmentRoutes
from application.ports.package_reader import PackageReader
from application.ports.readers import Page
from application.ports.unit_of_work import UnitOfWorkFactory
from domain.principal import Principal

MAX_PAGE_SIZE = 500


class PackageUseCases:
    """Attributes: ``packing`` (assign, split, merge, undo, audit), ``get_label``, ``void_label``,
    ``cancel_package``;
    methods for the read side, with the caller's visibility."""

    def __init__(self, uow: UnitOfWorkFactory, reader: PackageReader, routes: FulfillmentRoutes, clock: Clock) -> None:
        self.packing = PackingCommands(uow, clock)
        self.get_label = GetLabel(uow)
        self.void_label = VoidLabel(uow, routes, clock)
        self.cancel_package = CancelPackage(uow, routes, clock)
        self._uow, self._reader = uow, reader

    def get(self, principal: Principal, package_id: str) -> PackageView:
        view = self._reader.get(package_id)
        if view is None:
            raise package_not_found(package_id)
        with self._uow() as uow:
            if not may_act_on_shop(uow, principal, view.shop_id):
                raise package_not_found(package_id)
        return view

    def views(self, package_ids: tuple[str, ...]) -> list[PackageView]:
        """The packages a command just made or changed (the caller could act on them)."""
        return [v for v in (self._reader.get(i) for i in package_ids) if v is not None]

    def list(self, principal: Principal, flt: PackageFilter, size: int, page_token: str) -> Page:
        flt = PackageFilter(owner_id=None if principal.is_admin else principal.id, shop_ids=flt.shop_ids,
                            states=flt.states, order_id=flt.order_id)
        return self._reader.list(flt, page_size(size, MAX_PAGE_SIZE), page_token)
