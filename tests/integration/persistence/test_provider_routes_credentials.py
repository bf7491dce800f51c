"""The wired 3PL and FBA routes read an account's stored credentials, decrypted, in a unit of work
of their own (SQLite, PostgreSQL)."""
from __future__ import annotations

import pytest

from application.ports.fulfillment import ShipmentStatus
from application.ports.providers import AmazonCredentials, GoodcangCredentials
from bootstrap.fulfillment import build_routes
from domain.errors import PreconditionFailed
from domain.warehouse import WarehouseKind
from tests.fakes_providers import FakeFbaAccount, FakeGateway, FakeThirdPartyWarehouse
from tests.integration.persistence.test_provider_accounts import REFRESH, TOKEN, stored
from tests.unit.fulfillment import test_fba_route, test_third_party_route


def test_each_route_connects_with_the_stored_credentials_of_the_packages_account(db):
    goodcang, amazon = stored(db), stored(db, "AMAZON", name="Amazon US")
    threepl = FakeGateway(FakeThirdPartyWarehouse(stock={"MUG-1": 9, "RUG-3": 9}))
    fba = FakeGateway(FakeFbaAccount(stock={"SKU-1": 9, "SKU-2": 9}))
    routes = build_routes(db.uow, FakeGateway(None), clock=test_fba_route.FixedClock(), threepl=threepl, fba=fba)
    pushed = routes.for_kind(WarehouseKind.THIRD_PARTY).push(test_third_party_route.push_request(account_id=goodcang))
    assert pushed.status is ShipmentStatus.ACCEPTED
    assert threepl.connected == [GoodcangCredentials("key-1", TOKEN, "http://127.0.0.1:9")]
    routes.for_kind(WarehouseKind.FBA).push(test_fba_route.push_request(account_id=amazon))
    [amazon_credentials] = fba.connected
    assert isinstance(amazon_credentials, AmazonCredentials) and amazon_credentials.refresh_token == REFRESH
    with pytest.raises(PreconditionFailed) as wrong:  # an FBA warehouse pointing at the Goodcang account
        routes.for_kind(WarehouseKind.FBA).push(test_fba_route.push_request("pkg-2", account_id=goodcang))
    assert wrong.value.reason == "WRONG_PROVIDER_ACCOUNT"
