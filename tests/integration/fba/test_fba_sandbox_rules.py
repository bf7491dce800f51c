"""The sandbox refuses what Amazon's model refuses: one case per documented constraint, so the
sandbox cannot drift into accepting a request the real SP-API would reject."""
from __future__ import annotations

import pytest

from sandboxes.fba import operations
from sandboxes.fba.views import iso
from tests.integration.fba.conftest import CLIENT_ID, CLIENT_SECRET, ORDERS, valid_body

ADDRESS = valid_body()["destinationAddress"]
ITEM = valid_body()["items"][0]
REQUIRED = ("sellerFulfillmentOrderId", "displayableOrderId", "displayableOrderDate", "displayableOrderComment",
            "shippingSpeedCategory", "destinationAddress", "items")

REFUSED = {
    **{f"missing {name}": {name: None} for name in REQUIRED},
    "unknown shippingSpeedCategory": {"shippingSpeedCategory": "Overnight"},
    "speed in the wrong case": {"shippingSpeedCategory": "STANDARD"},
    "unknown fulfillmentAction": {"fulfillmentAction": "Send"},
    "unknown fulfillmentPolicy": {"fulfillmentPolicy": "FillSome"},
    "sellerFulfillmentOrderId over 40": {"sellerFulfillmentOrderId": "X" * 41},
    "displayableOrderId over 40": {"displayableOrderId": "P" * 41},
    "displayableOrderId outside ISO 8859-1": {"displayableOrderId": "订单-0001"},
    "displayableOrderId with two spaces in a row": {"displayableOrderId": "PO  0001"},
    "blank displayableOrderId": {"displayableOrderId": "   "},
    "displayableOrderComment over 750": {"displayableOrderComment": "c" * 751},
    "displayableOrderDate not a date-time": {"displayableOrderDate": "05/01/2026"},
    "sellerFulfillmentOrderId not a string": {"sellerFulfillmentOrderId": 12345},
    **{f"address without {f}": {"destinationAddress": {k: v for k, v in ADDRESS.items() if k != f}}
       for f in ("name", "addressLine1", "postalCode", "countryCode", "city")},
    "countryCode not alpha-2": {"destinationAddress": {**ADDRESS, "countryCode": "USA"}},
    "no items": {"items": []},
    **{f"item without {f}": {"items": [{k: v for k, v in ITEM.items() if k != f}]}
       for f in ("sellerSku", "sellerFulfillmentOrderItemId", "quantity")},
    "sellerSku over 50": {"items": [{**ITEM, "sellerSku": "S" * 51}]},
    "item id over 50": {"items": [{**ITEM, "sellerFulfillmentOrderItemId": "L" * 51}]},
    "quantity not an integer": {"items": [{**ITEM, "quantity": "2"}]},
    "quantity zero": {"items": [{**ITEM, "quantity": 0}]},
    "giftMessage over 512": {"items": [{**ITEM, "giftMessage": "g" * 513}]},
    "more than 100 lines": {"items": [{**ITEM, "sellerFulfillmentOrderItemId": f"L{i}", "quantity": 1}
                                      for i in range(101)]},
    "more than 250 units": {"items": [{**ITEM, "quantity": 251}]},
    "duplicate line ids": {"items": [ITEM, ITEM]},
    "money without currency": {"items": [{**ITEM, "perUnitPrice": {"value": "9.99"}}]},
    "notification email over 64": {"notificationEmails": ["a" * 60 + "@x.com"]},
}


@pytest.mark.parametrize("change", REFUSED.values(), ids=REFUSED.keys())
def test_create_refuses_what_the_model_forbids(fba, change):
    with fba.http() as http:
        response = http.post(ORDERS, json=valid_body(**change))
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert error["code"] == "InvalidInput" and error["message"]
    assert fba.counts() == {}


def test_the_reference_example_is_accepted_and_japan_needs_no_city(fba):
    japan = {**ADDRESS, "countryCode": "JP"}
    del japan["city"]
    with fba.http() as http:
        assert http.post(ORDERS, json=valid_body()).status_code == 200
        assert http.post(ORDERS, json=valid_body(sellerFulfillmentOrderId="JP-1", destinationAddress=japan)
                         ).status_code == 200


def test_a_used_id_is_refused_with_amazons_error_shape(fba):
    with fba.http() as http:
        assert http.post(ORDERS, json=valid_body()).status_code == 200
        again = http.post(ORDERS, json=valid_body())
    assert again.status_code == 400 and again.json()["errors"][0]["code"] == "InvalidInput"
    assert fba.counts() == {"TEMU-PO-211-0001": {"created": 1, "duplicates": 1}}


def test_an_order_id_over_40_is_refused_in_the_path(fba):
    with fba.http() as http:
        assert http.get(f"{ORDERS}/{'X' * 41}").status_code == 400
        assert http.get(f"{ORDERS}/unknown-id").status_code == 404


def test_preview_refuses_a_missing_address_and_a_bad_speed(fba):
    with fba.http() as http:
        items = valid_body()["items"]
        assert http.post(f"{ORDERS}/preview", json={"items": items}).status_code == 400
        assert http.post(f"{ORDERS}/preview", json={"address": ADDRESS, "items": items,
                                                    "shippingSpeedCategories": ["Fast"]}).status_code == 400


@pytest.mark.parametrize("drop", ["granularityType", "granularityId", "marketplaceIds"])
def test_inventory_summaries_need_their_required_parameters(fba, drop):
    query = {"granularityType": "Marketplace", "granularityId": "ATVPDKIKX0DER", "marketplaceIds": "ATVPDKIKX0DER"}
    del query[drop]
    with fba.http() as http:
        assert http.get("/fba/inventory/v1/summaries", params=query).status_code == 400


@pytest.mark.parametrize("token, status, details", [
    (None, 401, "no x-amz-access-token"), ("Atza|forged", 403, "revoked, malformed or invalid")])
def test_calls_without_a_valid_access_token_are_refused(fba, token, status, details):
    headers = {"x-amz-access-token": token} if token else {}
    response = fba.api.get(f"{ORDERS}/any", headers=headers)
    assert response.status_code == status
    assert response.json()["errors"][0]["code"] == "Unauthorized"
    assert details in response.json()["errors"][0]["details"]


def test_an_access_token_stops_working_after_its_hour(fba):
    with fba.http() as http:
        fba.registry.clock.advance(3600)
        response = http.get(f"{ORDERS}/any")
    assert response.status_code == 403
    assert "has expired" in response.json()["errors"][0]["details"]


@pytest.mark.parametrize("form, status, error", [
    ({"grant_type": "refresh_token", "refresh_token": "Atzr|unknown"}, 400, "invalid_grant"),
    ({"grant_type": "refresh_token", "client_secret": "wrong"}, 401, "invalid_client"),
    ({"grant_type": "client_credentials"}, 400, "unsupported_grant_type"),
    ({"grant_type": None}, 400, "invalid_request")])
def test_lwa_refuses_bad_grants_in_oauth_shape(fba, form, status, error):
    data = {"grant_type": "refresh_token", "refresh_token": fba.refresh_token, "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET, **form}
    response = fba.api.post("/auth/o2/token", data={k: v for k, v in data.items() if v is not None})
    assert response.status_code == status
    assert response.json()["error"] == error and response.json()["error_description"]


def test_throttled_calls_get_429_and_the_rate_header(fba):
    fba.control("usage-plans", operation="getInventorySummaries", rate=0.001, burst=2)
    query = {"granularityType": "Marketplace", "granularityId": "A", "marketplaceIds": "A"}
    with fba.http() as http:
        answers = [http.get("/fba/inventory/v1/summaries", params=query) for _ in range(3)]
    assert [a.status_code for a in answers] == [200, 200, 429]
    assert answers[2].json()["errors"][0]["code"] == "QuotaExceeded"
    assert answers[0].headers["x-amzn-RateLimit-Limit"] == "0.001"


def test_list_refuses_a_start_date_that_is_not_a_date_time(fba):
    with fba.http() as http:
        assert http.get(ORDERS, params={"queryStartDate": "yesterday"}).status_code == 400
        assert http.get(ORDERS, params={"queryStartDate": "2026-01-01T00:00:00Z"}).status_code == 200


def test_list_refuses_a_next_token_it_never_issued_or_issued_to_another_seller(fba, monkeypatch):
    monkeypatch.setattr(operations, "LIST_PAGE", 1)
    with fba.http() as http:
        for n in range(2):
            assert http.post(ORDERS, json={**valid_body(), "sellerFulfillmentOrderId": f"PO-{n}"}).status_code == 200
        token = http.get(ORDERS).json()["payload"]["nextToken"]
        assert http.get(ORDERS, params={"nextToken": "made-up"}).status_code == 400
        assert http.get(ORDERS, params={"nextToken": token}).status_code == 200
    other = fba.registry.add_client("amzn1.application-oa2-client.other", "other-secret")
    access = fba.api.post("/auth/o2/token", data={"grant_type": "refresh_token", "refresh_token": other,
                                                  "client_id": "amzn1.application-oa2-client.other",
                                                  "client_secret": "other-secret"}).json()["access_token"]
    answer = fba.api.get(ORDERS, params={"nextToken": token}, headers={"x-amz-access-token": access})
    assert answer.status_code == 400 and answer.json()["errors"][0]["code"] == "InvalidInput"


def test_list_pages_give_every_changed_order_once(fba, monkeypatch):
    monkeypatch.setattr(operations, "LIST_PAGE", 2)
    with fba.http() as http:
        for n in range(5):
            assert http.post(ORDERS, json={**valid_body(), "sellerFulfillmentOrderId": f"PO-{n}"}).status_code == 200
        seen, params = [], {"queryStartDate": "2020-01-01T00:00:00Z"}
        while True:
            payload = http.get(ORDERS, params=params).json()["payload"]
            seen += [o["sellerFulfillmentOrderId"] for o in payload["fulfillmentOrders"]]
            if not payload.get("nextToken"):
                break
            params = {"nextToken": payload["nextToken"]}
        assert sorted(seen) == [f"PO-{n}" for n in range(5)]
        fba.registry.clock.advance(600)  # every order Complete long ago
        later = fba.registry.clock.time() + 1
        assert http.get(ORDERS, params={"queryStartDate": iso(later)}).json()["payload"]["fulfillmentOrders"] == []


def test_tracking_details_need_an_integer_package_number_of_a_shipped_package(fba):
    with fba.http() as http:
        assert http.get("/fba/outbound/2020-07-01/tracking").status_code == 400
        assert http.get("/fba/outbound/2020-07-01/tracking", params={"packageNumber": "abc"}).status_code == 400
        assert http.post(ORDERS, json=valid_body()).status_code == 200
        number = fba.registry.orders.find(fba.refresh_token, "TEMU-PO-211-0001").package_numbers[0]
        assert http.get("/fba/outbound/2020-07-01/tracking", params={"packageNumber": number}).status_code == 404
        fba.registry.clock.advance(600)
        order = http.get(f"{ORDERS}/TEMU-PO-211-0001").json()["payload"]
        shipment = order["fulfillmentShipments"][0]["fulfillmentShipmentPackage"][0]
        tracked = http.get("/fba/outbound/2020-07-01/tracking", params={"packageNumber": number})
    assert tracked.json()["payload"]["trackingNumber"] == shipment["trackingNumber"]


def test_the_control_api_says_what_to_fix(fba):
    assert fba.api.post("/sandbox/faults", json={"kind": "explode"}).status_code == 400
    assert fba.api.post("/sandbox/stock", json={"sku": "S"}).json() == {
        "error": "quantity is required: send it as an integer."}
    assert "POST /sandbox/faults" in fba.api.get("/sandbox").json()["endpoints"]
