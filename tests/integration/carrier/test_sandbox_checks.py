"""The sandbox refuses what the provider refuses, with the provider's status and error shape."""
from __future__ import annotations

import pytest

REQUIRED = ["This field is required."]


def test_a_request_without_the_authorization_header_is_401(carrier):
    response = carrier.post("/shipments/", carrier.shipment(), token=None)
    assert (response.status_code, response.json()) == (401, {"detail": "Authentication credentials were not provided."})


def test_an_unknown_token_is_401(carrier):
    response = carrier.post("/shipments/", carrier.shipment(), token="shippo_live_guess")
    assert (response.status_code, response.json()) == (401, {"detail": "Invalid token."})


def test_a_bearer_scheme_is_not_a_shippo_token(carrier):
    response = carrier.http.post("/shipments/", json=carrier.shipment(),
                                 headers={"Authorization": "Bearer shippo_test_sandbox"})
    assert response.status_code == 401


def test_a_body_that_is_not_json_is_400(carrier):
    response = carrier.http.post("/shipments/", content=b"{not json",
                                 headers={"Authorization": "ShippoToken shippo_test_sandbox"})
    assert response.status_code == 400 and response.json()["detail"].startswith("JSON parse error")


def _address(**changes):
    from tests.integration.carrier.conftest import BUYER
    return {**BUYER, **changes}


@pytest.mark.parametrize("changes, field, message", [
    ({"zip": None}, "zip", REQUIRED),
    ({"name": ""}, "name", REQUIRED),
    ({"country": "USA"}, "country", ['"USA" is not a valid choice.']),
    ({"zip": "1011"}, "zip", ["Enter a valid postal code for US."]),
    ({"state": "New York"}, "state", ["A two-letter state or province code is required for US."]),
    ({"name": "N" * 51}, "name", ["Ensure this field has no more than 50 characters."]),
    ({"street1": "S" * 51}, "street1", ["Ensure this field has no more than 50 characters."]),
    ({"email": "not-an-address"}, "email", ["Enter a valid email address."]),
], ids=["zip-missing", "name-empty", "country-not-iso2", "us-zip-format", "us-state-format", "name-length",
        "street-length", "email-format"])
def test_each_address_constraint_is_a_400_naming_the_field(carrier, changes, field, message):
    response = carrier.post("/shipments/", carrier.shipment(address_to=_address(**changes)))
    assert response.status_code == 400
    assert response.json() == {"address_to": {field: message}}


def test_a_missing_address_is_required(carrier):
    body = carrier.shipment()
    del body["address_from"]
    assert carrier.post("/shipments/", body).json() == {"address_from": REQUIRED}


@pytest.mark.parametrize("changes, field, message", [
    ({"mass_unit": "stone"}, "mass_unit", ['"stone" is not a valid choice.']),
    ({"distance_unit": "furlong"}, "distance_unit", ['"furlong" is not a valid choice.']),
    ({"weight": "0"}, "weight", ["A valid positive number is required (at most 4 decimal places)."]),
    ({"length": "-3"}, "length", ["A valid positive number is required (at most 4 decimal places)."]),
    ({"height": None}, "height", REQUIRED),
], ids=["mass-unit-enum", "distance-unit-enum", "zero-weight", "negative-length", "height-missing"])
def test_each_parcel_constraint_is_a_400_at_the_parcels_index(carrier, changes, field, message):
    from tests.integration.carrier.conftest import PARCEL
    bad = {k: v for k, v in {**PARCEL, **changes}.items() if v is not None}
    response = carrier.post("/shipments/", carrier.shipment(parcels=[dict(PARCEL), bad]))
    assert response.status_code == 400
    assert response.json() == {"parcels": [{}, {field: message}]}


def test_an_empty_parcel_list_is_refused(carrier):
    assert carrier.post("/shipments/", carrier.shipment(parcels=[])).json() == {"parcels": ["This list may not be empty."]}


def test_metadata_over_100_characters_is_refused(carrier):
    response = carrier.post("/shipments/", carrier.shipment(metadata="m" * 101))
    assert response.json() == {"metadata": ["Ensure this field has no more than 100 characters."]}


def test_async_must_be_a_boolean(carrier):
    assert carrier.post("/shipments/", carrier.shipment(**{"async": "no"})).json() == {"async": ["Must be a valid boolean."]}


def test_an_unknown_carrier_account_is_refused(carrier):
    response = carrier.post("/shipments/", carrier.shipment(carrier_accounts=["ca-nope"]))
    assert response.json() == {"carrier_accounts": ['Invalid pk "ca-nope" - object does not exist.']}


def test_a_transaction_needs_a_rate(carrier):
    response = carrier.post("/transactions/", {"label_file_type": "PDF_4x6"})
    assert (response.status_code, response.json()) == (400, {"rate": REQUIRED})


def test_a_transaction_for_an_unknown_rate_is_refused(carrier):
    response = carrier.post("/transactions/", {"rate": "feedface"})
    assert response.json() == {"rate": ['Invalid pk "feedface" - object does not exist.']}


def test_an_unknown_label_file_type_is_refused(carrier):
    rate = carrier.post("/shipments/", carrier.shipment()).json()["rates"][0]["object_id"]
    response = carrier.post("/transactions/", {"rate": rate, "label_file_type": "PDF_5x7"})
    assert response.json() == {"label_file_type": ['"PDF_5x7" is not a valid choice.']}


def test_a_refund_needs_a_known_transaction(carrier):
    assert carrier.post("/refunds/", {}).json() == {"transaction": REQUIRED}
    assert carrier.post("/refunds/", {"transaction": "abc"}).json() == {
        "transaction": ['Invalid pk "abc" - object does not exist.']}


def test_an_unknown_object_is_404_and_a_wrong_method_405(carrier):
    headers = {"Authorization": "ShippoToken shippo_test_sandbox"}
    assert carrier.http.get("/transactions/nope", headers=headers).json() == {"detail": "Not found."}
    assert carrier.http.post("/carrier_accounts/", json={}, headers=headers).status_code == 405


def test_list_filters_are_checked(carrier):
    headers = {"Authorization": "ShippoToken shippo_test_sandbox"}
    assert carrier.http.get("/transactions/?object_status=DONE", headers=headers).status_code == 400
    assert carrier.http.get("/transactions/?results=abc", headers=headers).json() == {
        "results": ["A valid integer is required."]}
