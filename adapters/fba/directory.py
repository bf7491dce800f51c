"""An Amazon seller account as the provider-account use cases see it (``ProviderDirectory``):
the credentials check (an LWA exchange and an inventory call), the marketplace's FBA network as
one "warehouse" with the shipping speeds of Multi-Channel Fulfillment, FBA stock per SKU."""
from __future__ import annotations

from typing import Self

from adapters.fba.client import INVENTORY, FbaClient
from adapters.fba.errors import rejection
from adapters.fba.config import ENDPOINTS, LWA_URL, FbaConfig
from adapters.fba.transport import SpApiTransport
from application.ports.provider_directory import ProviderChannel, ProviderStock, ProviderWarehouse
from application.ports.providers import AmazonCredentials
from domain.errors import PreconditionFailed, TokenRevoked, UpstreamRejected

SPEEDS = ("Standard", "Expedited", "Priority")
# Marketplaces served by the European and Far East endpoints; every other one by North America's.
_REGION = {**dict.fromkeys(("A1F83G8C2ARO7P", "A1PA6795UKMFR9", "A13V1IB3VIYZZH", "APJ6JRA9NG5V4",
                            "A1RKKUPIHCS9HS", "A1805IZSGTT6HS", "A2NODRKZP88ZB9", "A1C3SOZRARQ6R3"), "eu"),
           **dict.fromkeys(("A1VC38T7YXB528", "A39IBJ37TRP1C6", "A19VAU5U5O7RUS"), "fe")}


class FbaDirectory:
    def __init__(self, credentials: AmazonCredentials) -> None:
        self._marketplace = credentials.marketplace_id
        endpoint = credentials.endpoint or ENDPOINTS[_REGION.get(self._marketplace, "na")]
        self._transport = SpApiTransport(FbaConfig(endpoint, credentials.client_id, credentials.client_secret,
                                                   credentials.refresh_token, self._marketplace,
                                                   credentials.lwa_url or LWA_URL, max_retries=2))
        self._client = FbaClient(self._transport)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self._transport.close()

    def verify(self) -> None:
        """An LWA exchange and one page of the marketplace's inventory summaries."""
        params = {"details": "false", "granularityType": "Marketplace", "granularityId": self._marketplace,
                  "marketplaceIds": self._marketplace}
        try:
            answer = self._transport.call("getInventorySummaries", "GET", INVENTORY, params=params)
            if answer.failure is not None:
                raise rejection(answer.failure)
        except TokenRevoked as err:
            raise UpstreamRejected(err.message, reason="PROVIDER_CREDENTIALS_REFUSED", field="refresh_token") from None
        except PreconditionFailed as err:  # SP_API_ACCESS_DENIED: the grant lacks the role
            raise UpstreamRejected(err.message, reason="PROVIDER_CREDENTIALS_REFUSED", field="refresh_token") from None
        except UpstreamRejected as err:
            field = "client_secret" if err.details.get("lwa_error") else "marketplace_id"
            raise UpstreamRejected(err.message, reason="PROVIDER_CREDENTIALS_REFUSED", field=field) from None

    def warehouses(self) -> list[ProviderWarehouse]:
        return [ProviderWarehouse(self._marketplace, f"Amazon FBA ({self._marketplace})")]

    def channels(self, warehouse_code: str) -> list[ProviderChannel]:
        return [ProviderChannel(speed, f"FBA {speed}", self._marketplace) for speed in SPEEDS]

    def stock(self, seller_skus: list[str]) -> list[ProviderStock]:
        return [ProviderStock(s.sku, self._marketplace, s.fulfillable, s.total) for s in self._client.stock(seller_skus)]
