"""In-memory warehouses, channels, carrier accounts and SKU mappings, plus a fake carrier."""
from __future__ import annotations

from dataclasses import dataclass, field

from application.ports.carrier import CarrierCredentials, CarrierService
from domain.carrier_account import CarrierAccount
from domain.channel import LogisticsChannel, channel_already_enabled
from domain.errors import NotFound, UpstreamRejected
from domain.sku_mapping import SkuMapping
from domain.warehouse import Warehouse
from tests.fakes_sync import _Working


class WarehouseStore:
    def __init__(self) -> None:
        self.warehouses: dict[str, Warehouse] = {}
        self.channels: dict[str, LogisticsChannel] = {}
        self.accounts: dict[str, CarrierAccount] = {}
        self.secrets: dict[str, CarrierCredentials] = {}
        self.sku_mappings: dict[tuple, SkuMapping] = {}


class _Repo:
    def __init__(self, table: dict) -> None:
        self.w = _Working(table)

    def add(self, item) -> None:
        self.w.pending[item.id] = item

    def get(self, item_id: str):
        return self.w.get(item_id)

    def _all(self) -> list:
        return [x for x in (self.w.get(k) for k in {*self.w.table, *self.w.pending}) if x is not None]


class InMemoryWarehouses(_Repo):
    def list_for(self, owner_id: str | None) -> list[Warehouse]:
        return sorted((w for w in self._all() if owner_id in (None, w.owner_id)), key=lambda w: (w.name, w.id))


class InMemoryChannels(_Repo):
    def add(self, channel: LogisticsChannel) -> None:
        existing = self.by_service(channel.warehouse_id, channel.service_token)
        if existing is not None and existing.id != channel.id:
            raise channel_already_enabled(existing)
        super().add(channel)

    def of_warehouse(self, warehouse_id: str) -> list[LogisticsChannel]:
        return sorted((c for c in self._all() if c.warehouse_id == warehouse_id), key=lambda c: (c.name, c.id))

    def by_service(self, warehouse_id: str, service_token: str) -> LogisticsChannel | None:
        return next((c for c in self._all()
                     if c.warehouse_id == warehouse_id and c.service_token == service_token), None)


class InMemoryCarrierAccounts(_Repo):
    def __init__(self, store: WarehouseStore) -> None:
        super().__init__(store.accounts)
        self.secrets = _Working(store.secrets)

    def add(self, account: CarrierAccount, credentials: CarrierCredentials) -> None:
        super().add(account)
        self.replace_credentials(account.id, credentials)

    def list_for(self, owner_id: str | None) -> list[CarrierAccount]:
        return sorted((a for a in self._all() if owner_id in (None, a.owner_id)), key=lambda a: (a.display_name, a.id))

    def replace_credentials(self, account_id: str, credentials: CarrierCredentials) -> None:
        self.secrets.pending[account_id] = credentials

    def credentials(self, account_id: str) -> CarrierCredentials:
        account, secret = self.get(account_id), self.secrets.get(account_id)
        if account is None or secret is None:
            raise NotFound(f"Carrier account {account_id} does not exist.", resource_type="CarrierAccount",
                           resource_name=f"carrierAccounts/{account_id}")
        return CarrierCredentials(account.provider, secret.api_token, account.base_url)


class InMemorySkuMappings:
    def __init__(self, store: WarehouseStore) -> None:
        self.w = _Working(store.sku_mappings)

    def _all(self) -> dict[tuple, SkuMapping]:
        merged = {**self.w.table, **self.w.pending}
        return {k: v for k, v in merged.items() if v is not None}

    def put_all(self, mappings) -> None:
        for mapping in mappings:
            self.w.pending[mapping.key] = mapping

    def delete(self, owner_id: str, shop_id: str, temu_sku_id: int, temu_seller_sku: str) -> bool:
        key = (owner_id, shop_id, temu_sku_id, temu_seller_sku)
        found = key in self._all()
        self.w.pending[key] = None
        return found

    def seller_sku_for(self, owner_id, shop_id, sku_id, temu_seller_sku) -> str | None:
        found = self._all()
        for key in ((shop_id, sku_id or 0, ""), ("", sku_id or 0, ""), (shop_id, 0, temu_seller_sku),
                    ("", 0, temu_seller_sku)):
            if key[1] or key[2]:
                if (m := found.get((owner_id, *key))) is not None:
                    return m.seller_sku
        return None

    def commit(self) -> None:
        for k, v in self.w.pending.items():
            if v is None:
                self.w.table.pop(k, None)
            else:
                self.w.table[k] = v
        self.w.pending = {}


@dataclass
class FakeCarrier:
    """A carrier account's API as the gateway hands it out: knows one token and some services."""

    services: list[CarrierService]
    credentials: CarrierCredentials

    def verify(self) -> None:
        if self.credentials.api_token not in FakeCarrierGateway.good_tokens:
            raise UpstreamRejected("Invalid token. Please check your API token.",
                                   reason="CARRIER_CREDENTIALS_REFUSED")

    def list_services(self) -> list[CarrierService]:
        self.verify()
        return list(self.services)


@dataclass
class FakeCarrierGateway:
    good_tokens = {"shippo_test_good"}
    services: list[CarrierService] = field(default_factory=lambda: [
        CarrierService("usps", "usps_ground_advantage", "USPS Ground Advantage"),
        CarrierService("ups", "ups_ground", "UPS Ground")])
    connected: list[CarrierCredentials] = field(default_factory=list)

    def connect(self, credentials: CarrierCredentials) -> FakeCarrier:
        self.connected.append(credentials)
        return FakeCarrier(self.services, credentials)
