"""The demo's 3PL and FBA warehouses (``make run``): a Goodcang account on the Goodcang sandbox
and an Amazon seller account on the FBA sandbox, authorized and adopted through the use cases a
user calls (one Goodcang warehouse with its shipping methods; the marketplace's FBA warehouse
with its speeds)."""
from __future__ import annotations

from dataclasses import dataclass

from application.ports.providers import AmazonCredentials, GoodcangCredentials
from application.warehouses.facade import WarehouseUseCases
from application.warehouses.provider_accounts import AuthorizeProviderAccountCommand
from application.warehouses.provider_adoption import AdoptProviderWarehouseCommand
from domain.principal import Principal

DEMO_GOODCANG_WAREHOUSE = "USEA"
DEMO_AMAZON_CLIENT = ("amzn1.application-oa2-client.demo", "amzn1.oa2-cs.v1.demo-secret", "Atzr|demo-refresh-token")


@dataclass(frozen=True, slots=True)
class DemoProviders:
    goodcang_account_id: str
    amazon_account_id: str
    warehouse_ids: tuple[str, str]  # the 3PL one, the FBA one


def seed_demo_providers(warehouses: WarehouseUseCases, owner: Principal, goodcang: GoodcangCredentials,
                        amazon: AmazonCredentials) -> DemoProviders:
    accounts = [warehouses.authorize_provider_account.execute(AuthorizeProviderAccountCommand(owner, name, creds)).id
                for name, creds in (("Goodcang (demo)", goodcang), ("Amazon US (demo)", amazon))]
    adopted = [warehouses.adopt_provider_warehouse.execute(AdoptProviderWarehouseCommand(owner, account_id, code))
               for account_id, code in zip(accounts, (DEMO_GOODCANG_WAREHOUSE, ""))]
    return DemoProviders(accounts[0], accounts[1], (adopted[0].warehouse.id, adopted[1].warehouse.id))
