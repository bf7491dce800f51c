"""The own-warehouse route wired to the carrier sandbox over real HTTP, as bootstrap wires it."""
from __future__ import annotations

from dataclasses import replace

from adapters.carrier.gateway import ShippoCarrierGateway
from application.fulfillment.own_warehouse import OwnWarehouseRoute
from application.ports.carrier import CarrierCredentials
from application.ports.fulfillment import PushLine, PushRequest
from domain.warehouse import LabelFormat, PostalAddress, WarehouseKind
from sandboxes.carrier import DEFAULT_TOKEN

WAREHOUSE = PostalAddress("Demo Warehouse", "100 Harbor Blvd", "Long Beach", "90802", "US", state="CA")
BUYER = PostalAddress("Jane Roe", "350 5th Ave", "New York", "10118", "US", state="NY")


def own_route(carrier, token: str = DEFAULT_TOKEN, **options) -> OwnWarehouseRoute:
    """``carrier``: the conftest's running sandbox; the route's backoff sleeps go to ``carrier.slept``."""
    gateway = ShippoCarrierGateway(sleep=carrier.slept.append, **options)
    credentials = CarrierCredentials("shippo", token, carrier.sandbox.base_url)
    return OwnWarehouseRoute(gateway, {"acct-1": credentials}.__getitem__)


def push_request(package_id: str = "pkg-1", **changes) -> PushRequest:
    request = PushRequest(package_id, f"erp-{package_id}", WarehouseKind.OWN, "acct-1", WAREHOUSE, BUYER,
                          (PushLine("SKU-1", 1),), "usps_ground_advantage", LabelFormat.PDF_4X6)
    return replace(request, **changes)
