"""A Goodcang account as the provider-account use cases see it (``ProviderDirectory``): the
credentials check, its warehouses and shipping methods, its stock per SKU."""
from __future__ import annotations

from typing import Self

from adapters.threepl.goodcang import GoodcangClient
from adapters.threepl.goodcang_config import PRODUCTION_BASE_URL, GoodcangConfig
from application.ports.provider_directory import ProviderChannel, ProviderStock, ProviderWarehouse
from application.ports.providers import GoodcangCredentials
from domain.errors import UpstreamRejected

# The credentials check gives up sooner than a push would: a person waits for its answer.
CHECK_DEADLINE_S = 15.0


class GoodcangDirectory:
    def __init__(self, credentials: GoodcangCredentials) -> None:
        self._client = GoodcangClient(GoodcangConfig(credentials.app_key, credentials.app_token,
                                                     credentials.base_url or PRODUCTION_BASE_URL,
                                                     deadline_s=CHECK_DEADLINE_S, max_retries=2))

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self._client.close()

    def verify(self) -> None:
        """Listing the warehouses is Goodcang's cheapest authenticated call."""
        try:
            self._client.warehouses()
        except UpstreamRejected as err:
            if err.reason != "GOODCANG_CREDENTIALS_REJECTED":
                raise
            raise UpstreamRejected(err.message, reason="PROVIDER_CREDENTIALS_REFUSED", field="app_token") from None

    def warehouses(self) -> list[ProviderWarehouse]:
        return [ProviderWarehouse(w.code, w.name, w.country_code) for w in self._client.warehouses()]

    def channels(self, warehouse_code: str) -> list[ProviderChannel]:
        return [ProviderChannel(c.code, c.name, c.warehouse_code or warehouse_code)
                for c in self._client.shipping_methods(warehouse_code)]

    def stock(self, seller_skus: list[str]) -> list[ProviderStock]:
        return [ProviderStock(s.sku, s.warehouse_code, s.sellable, s.sellable + s.reserved)
                for s in self._client.inventory(seller_skus)]
