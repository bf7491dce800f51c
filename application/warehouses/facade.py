"""WarehouseUseCases: the warehouse-side use cases as one object for the gRPC servicer."""
from __future__ import annotations

from application.ports.carrier import CarrierGateway
from application.ports.clock import Clock
from application.ports.provider_directory import ProviderDirectories
from application.ports.unit_of_work import UnitOfWorkFactory
from application.ports.warehouse_reader import WarehouseReader
from application.warehouses.carrier_accounts import AddCarrierAccount, ListCarrierServices, ReplaceCarrierCredentials
from application.warehouses.channels import DisableChannel, EnableChannel
from application.warehouses.provider_accounts import AuthorizeProviderAccount, ProviderQueries
from application.warehouses.provider_adoption import AdoptProviderWarehouse
from application.warehouses.queries import WarehouseQueries
from application.warehouses.sku_mappings import DeleteSkuMappings, SetSkuMappings
from application.warehouses.warehouses import GetWarehouse, RegisterWarehouse, SetWarehouseActive


class WarehouseUseCases:
    """Attributes are the use cases (each with ``execute``) and ``queries`` for the lists."""

    def __init__(self, uow: UnitOfWorkFactory, reader: WarehouseReader, carriers: CarrierGateway,
                 clock: Clock, providers: ProviderDirectories | None = None) -> None:
        self.add_carrier_account = AddCarrierAccount(uow, carriers, clock)
        self.replace_carrier_credentials = ReplaceCarrierCredentials(uow, carriers, clock)
        self.list_carrier_services = ListCarrierServices(uow, carriers)
        self.register_warehouse = RegisterWarehouse(uow, clock)
        self.set_warehouse_active = SetWarehouseActive(uow, clock)
        self.get_warehouse = GetWarehouse(uow)
        self.enable_channel = EnableChannel(uow, carriers, clock)
        self.disable_channel = DisableChannel(uow, clock)
        self.set_sku_mappings = SetSkuMappings(uow)
        self.delete_sku_mappings = DeleteSkuMappings(uow)
        self.queries = WarehouseQueries(uow, reader)
        # Provider accounts (issue 11); ``providers`` None: a composition without them (older tests).
        self.authorize_provider_account = AuthorizeProviderAccount(uow, providers, clock)
        self.provider_queries = ProviderQueries(uow, providers)
        self.adopt_provider_warehouse = AdoptProviderWarehouse(uow, self.provider_queries, self.register_warehouse,
                                                               self.enable_channel)
