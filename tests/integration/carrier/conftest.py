"""The carrier sandbox over real HTTP on a loopback port, and the carrier client pointed at it."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import httpx
import pytest

from adapters.carrier.client import ShippoCarrierClient
from adapters.carrier.config import ShippoConfig
from adapters.carrier.retrying import Retrier
from adapters.carrier.values import Address, Parcel, ShipmentRequest
from sandboxes.carrier import DEFAULT_TOKEN, CarrierSandbox

WAREHOUSE = {"name": "Demo Warehouse", "street1": "100 Harbor Blvd", "city": "Long Beach", "state": "CA",
             "zip": "90802", "country": "US"}
BUYER = {"name": "Jane Roe", "street1": "350 5th Ave", "city": "New York", "state": "NY", "zip": "10118",
         "country": "US"}
PARCEL = {"length": "10", "width": "6", "height": "4", "distance_unit": "in", "weight": "2", "mass_unit": "lb"}


@dataclass
class Carrier:
    """One running sandbox, a raw HTTP caller with the token, and the client under test."""

    sandbox: CarrierSandbox
    http: httpx.Client
    slept: list[float] = field(default_factory=list)

    @property
    def store(self):
        return self.sandbox.store

    def client(self, **options: Any) -> ShippoCarrierClient:
        config = ShippoConfig(**{"token": DEFAULT_TOKEN, "base_url": self.sandbox.base_url, **options})
        return ShippoCarrierClient(config, retrier=Retrier(config, sleep=self.slept.append))

    def post(self, path: str, body: Any, token: str | None = DEFAULT_TOKEN) -> httpx.Response:
        headers = {"Authorization": f"ShippoToken {token}"} if token else {}
        return self.http.post(path, json=body, headers=headers)

    def shipment(self, **changes: Any) -> dict[str, Any]:
        return {"address_from": dict(WAREHOUSE), "address_to": dict(BUYER), "parcels": [dict(PARCEL)],
                "async": False, **changes}

    def control(self, path: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
        response = self.http.post(f"/sandbox/{path}", json=body or {})
        assert response.status_code == 200, response.text
        return response.json()

    def labels_bought(self, reference: str) -> int:
        return self.http.get("/sandbox/labels", params={"metadata": reference}).json()["count"]


def shipment_request(reference: str = "pkg-1") -> ShipmentRequest:
    def address(a: dict[str, str]) -> Address:
        return Address(a["name"], a["street1"], a["city"], a["zip"], a["country"], state=a["state"])

    parcel = Parcel(Decimal("10"), Decimal("6"), Decimal("4"), "in", Decimal("2"), "lb")
    return ShipmentRequest(address(WAREHOUSE), address(BUYER), (parcel,), reference=reference)


@pytest.fixture(scope="module")
def running_sandbox():
    with CarrierSandbox() as sandbox, httpx.Client(base_url=sandbox.base_url, timeout=10) as http:
        yield sandbox, http


@pytest.fixture
def carrier(running_sandbox):
    sandbox, http = running_sandbox
    sandbox.store.reset()
    return Carrier(sandbox, http)
