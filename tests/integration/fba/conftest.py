"""The FBA adapter and raw HTTP against the FBA sandbox on a loopback port."""
from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

import httpx
import pytest

from adapters.fba.client import FbaClient
from adapters.fba.config import FbaConfig
from adapters.fba.transport import SpApiTransport
from adapters.fba.values import FulfillmentRequest, Line, ShipTo
from sandboxes.fba import FbaRegistry, FbaSandbox

CLIENT_ID, CLIENT_SECRET = "amzn1.application-oa2-client.it", "amzn1.oa2-cs.v1.it-secret"
ORDERS = "/fba/outbound/2020-07-01/fulfillmentOrders"


@dataclass
class Fba:
    sandbox: FbaSandbox
    registry: FbaRegistry
    refresh_token: str
    api: httpx.Client  # one pool for every raw call of a test

    def config(self, **options: Any) -> FbaConfig:
        return FbaConfig(self.sandbox.base_url, CLIENT_ID, CLIENT_SECRET, self.refresh_token,
                         lwa_url=self.sandbox.lwa_url, **options)

    def client(self, **options: Any) -> FbaClient:
        return FbaClient(SpApiTransport(self.config(**options)))

    def token(self) -> str:
        response = self.api.post("/auth/o2/token", data={
            "grant_type": "refresh_token", "refresh_token": self.refresh_token,
            "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET})
        return response.json()["access_token"]

    def http(self) -> contextlib.nullcontext[httpx.Client]:
        """The raw SP-API caller, now with a fresh access token."""
        self.api.headers["x-amz-access-token"] = self.token()
        return contextlib.nullcontext(self.api)

    def counts(self) -> dict[str, dict[str, int]]:
        return self.api.get("/sandbox/orders").json()["counts"]

    def control(self, path: str, **body: Any) -> dict[str, Any]:
        response = self.api.post(f"/sandbox/{path}", json=body)
        assert response.status_code == 200, response.text
        return response.json()


@pytest.fixture
def fba():
    sandbox = FbaSandbox().start()
    api = httpx.Client(base_url=sandbox.base_url, verify=False)
    try:
        yield Fba(sandbox, sandbox.registry, sandbox.registry.add_client(CLIENT_ID, CLIENT_SECRET), api)
    finally:
        api.close()
        sandbox.stop()


def package(package_id: str = "PKG-1", *lines: Line, display: str = "PO-211-0001") -> FulfillmentRequest:
    return FulfillmentRequest(
        package_id=package_id, display_order_id=display,
        ordered_at=datetime(2026, 1, 5, 10, 0, tzinfo=timezone.utc),
        ship_to=ShipTo("Jane Doe", "1 Main St", "48084", "US", city="Troy", state_or_region="MI"),
        lines=lines or (Line("SKU-1", 2, "L1"),), comment="Thank you")


def valid_body(**changes: Any) -> dict[str, Any]:
    body = {"marketplaceId": "ATVPDKIKX0DER", "sellerFulfillmentOrderId": "TEMU-PO-211-0001",
            "displayableOrderId": "PO-211-0001", "displayableOrderDate": "2026-01-05T10:00:00Z",
            "displayableOrderComment": "Thank you", "shippingSpeedCategory": "Standard",
            "fulfillmentAction": "Ship", "fulfillmentPolicy": "FillOrKill",
            "destinationAddress": {"name": "Jane Doe", "addressLine1": "1 Main St", "city": "Troy",
                                   "stateOrRegion": "MI", "postalCode": "48084", "countryCode": "US"},
            "items": [{"sellerSku": "SKU-1", "sellerFulfillmentOrderItemId": "L1", "quantity": 2}]}
    body.update(changes)
    return {k: v for k, v in body.items() if v is not None}
