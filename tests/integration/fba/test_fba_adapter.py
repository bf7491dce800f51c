"""The FBA adapter's normal path against the sandbox: token, create, track to shipped, cancel,
stock and preview, with requests the sandbox (hence the model) accepts."""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import pytest

from adapters.fba import parsing
from adapters.fba.client import FbaClient
from adapters.fba.transport import SpApiTransport
from adapters.fba.values import FbaStatus, Line
from adapters.fba.wire import seller_fulfillment_order_id
from domain.errors import NotFound, PreconditionFailed, ValidationFailed
from sandboxes.fba import operations
from tests.integration.fba.conftest import package

STAGES_S = (30.0, 30.0, 60.0)


def test_a_package_goes_from_received_to_complete_with_a_tracking_number_per_package(fba):
    client = fba.client()
    lines = (Line("SKU-1", 2, "L1"), Line("SKU-2", 1, "L2"))
    created = client.create_order(package("PKG-7", *lines))
    assert created.seller_fulfillment_order_id == "ERP-PKG-7"
    assert created.status is FbaStatus.NEW and created.tracking_numbers == ()
    assert fba.registry.calls[("getFulfillmentOrder", 200)] == 0  # Amazon answers a create with no order
    seen = []
    for _ in range(4):
        fba.registry.clock.advance(STAGES_S[0])
        seen.append(client.get_order("ERP-PKG-7").status)
    assert seen == [FbaStatus.PLANNING, FbaStatus.PROCESSING, FbaStatus.PROCESSING, FbaStatus.COMPLETE]
    done = client.get_order("ERP-PKG-7")
    assert len(done.tracking_numbers) == 2 and all(done.tracking_numbers)
    assert fba.counts() == {"ERP-PKG-7": {"created": 1, "duplicates": 0}}


def test_the_orders_changed_since_a_time_come_in_every_page_of_the_list(fba, monkeypatch):
    monkeypatch.setattr(operations, "LIST_PAGE", 2)
    client = fba.client()
    for n in range(5):
        client.create_order(package(f"PKG-{n}"))
    start = datetime.fromtimestamp(fba.registry.clock.time(), timezone.utc)
    fba.registry.clock.advance(STAGES_S[0] + 1)  # every order Planning now
    changed = client.changed_since(start)
    assert sorted(o.seller_fulfillment_order_id for o in changed) == [f"ERP-PKG-{n}" for n in range(5)]
    assert {o.status for o in changed} == {FbaStatus.PLANNING}
    assert fba.registry.calls[("listAllFulfillmentOrders", 200)] == 3
    assert client.changed_since(start + timedelta(seconds=STAGES_S[0] + 5)) == []


def test_one_token_exchange_serves_many_calls(fba):
    client = fba.client()
    client.create_order(package("PKG-1"))
    for _ in range(5):
        client.get_order("ERP-PKG-1")
    assert fba.registry.lwa.exchanges == 1


def test_the_token_is_replaced_before_its_hour_ends(fba):
    clock = [0.0]
    client = FbaClient(SpApiTransport(fba.config(), clock=lambda: clock[0]))
    client.create_order(package("PKG-1"))
    clock[0] = 3600 - 299  # inside the five-minute margin
    client.get_order("ERP-PKG-1")
    assert fba.registry.lwa.exchanges == 2
    assert fba.registry.calls[("getFulfillmentOrder", 403)] == 0


def test_creating_the_same_package_twice_adopts_the_first_order(fba):
    client = fba.client()
    first = client.create_order(package("PKG-1"))
    again = client.create_order(package("PKG-1"))
    assert again.seller_fulfillment_order_id == first.seller_fulfillment_order_id
    assert fba.counts()["ERP-PKG-1"]["created"] == 1


def test_cancel_is_allowed_before_picking_and_refused_after(fba):
    client = fba.client()
    client.create_order(package("EARLY"))
    client.create_order(package("LATE"))
    fba.registry.clock.advance(STAGES_S[0] + 1)  # both Planning
    client.cancel_order("ERP-EARLY")
    assert client.get_order("ERP-EARLY").status is FbaStatus.CANCELLED
    fba.registry.clock.advance(STAGES_S[1])  # LATE is Processing
    with pytest.raises(PreconditionFailed, match="cannot be cancelled: its status is Processing") as refused:
        client.cancel_order("ERP-LATE")
    assert refused.value.reason == "FBA_CANCEL_REFUSED"


def test_an_unknown_order_is_not_found(fba):
    assert fba.client().find_order("ERP-nothing") is None
    with pytest.raises(NotFound):
        fba.client().get_order("ERP-nothing")


def test_stock_per_sku_and_an_order_beyond_it_is_invalid(fba):
    fba.registry.set_stock("SKU-1", 5)
    fba.registry.set_stock("SKU-2", 0)
    client = fba.client()
    levels = {s.sku: s.fulfillable for s in client.stock(["SKU-1", "SKU-2", "SKU-3"])}
    assert levels == {"SKU-1": 5, "SKU-2": 0}
    short = client.create_order(package("PKG-1", Line("SKU-2", 1, "L1")))
    assert client.get_order(short.seller_fulfillment_order_id).status is FbaStatus.INVALID
    assert {s.sku: s.fulfillable for s in client.stock(["SKU-1"])} == {"SKU-1": 5}


def test_preview_names_the_sku_without_stock(fba):
    fba.registry.set_stock("SKU-2", 0)
    request = package("PKG-1", Line("SKU-1", 1, "L1"), Line("SKU-2", 1, "L2"))
    previews = fba.client().preview(request.ship_to, request.lines)
    assert previews and all(not p.fulfillable and p.unfulfillable_skus == ("SKU-2",) for p in previews)


@pytest.mark.parametrize("package_id", ["PKG-1", "a" * 36, "a" * 37, "pkg+1 with spaces", "包裹-17", ""])
def test_the_order_id_is_deterministic_short_and_safe(package_id):
    order_id = seller_fulfillment_order_id(package_id)
    assert order_id == seller_fulfillment_order_id(package_id)
    assert re.fullmatch(r"[A-Za-z0-9_-]{1,40}", order_id)


def test_distinct_package_ids_get_distinct_order_ids():
    ids = ["PKG-1", "PKG-1 ", "pkg-1", "a" * 37, "a" * 36 + "b", "ERPH-x", "H-1"]
    assert len({seller_fulfillment_order_id(i) for i in ids}) == len(ids)


def test_displayable_fields_are_cut_to_what_amazon_prints(fba):
    client = fba.client()
    client.create_order(package("PKG-1", display="Commande  n° 7 — été 2026 " + "x" * 40))
    # the sandbox accepted ISO 8859-1, single spaces, 40 chars
    assert client.get_order("ERP-PKG-1").status is FbaStatus.RECEIVED
    sent = fba.registry.orders.find(fba.refresh_token, "ERP-PKG-1").request
    assert sent["displayableOrderId"].startswith("Commande n° 7 ") and len(sent["displayableOrderId"]) <= 40
    assert sent["displayableOrderDate"] == "2026-01-05T10:00:00Z"


def test_a_package_amazon_would_refuse_is_refused_before_any_call(fba):
    with pytest.raises(ValidationFailed) as refused:
        fba.client().create_order(package("PKG-1", Line("SKU-1", 0, "L1")))
    assert refused.value.violations[0].field == "lines[0]"
    assert fba.registry.lwa.exchanges == 0


def test_answers_are_read_leniently():
    payload = {"fulfillmentOrder": {"sellerFulfillmentOrderId": "ERP-1", "fulfillmentOrderStatus": "PROCESSING",
                                    "somethingNew": {"x": 1}},
               "fulfillmentOrderItems": [{"sellerSku": "SKU-1", "quantity": "2", "extra": True}, "junk"],
               "fulfillmentShipments": [{"amazonShipmentId": "T1", "fulfillmentShipmentStatus": "shipped",
                                         "fulfillmentShipmentPackage": [{"packageNumber": 7, "carrierCode": "UPS",
                                                                         "amazonFulfillmentTrackingNumber": "TBA7"}]},
                                        {"amazonShipmentId": "T2", "fulfillmentShipmentPackage": None}]}
    order = parsing.order(payload)
    assert order.status is FbaStatus.PROCESSING and order.lines == (Line("SKU-1", 2, ""),)
    assert order.shipments[0].status == "SHIPPED" and order.tracking_numbers == ("TBA7",)
    assert parsing.order({"errors": []}) is None
