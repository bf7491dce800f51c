"""Token inspection and token errors, against the Temu sandbox."""
from datetime import datetime, timezone

import pytest

from adapters.temu.config import TemuConfig
from adapters.temu.token_inspector import TemuTokenInspector
from adapters.temu.transport import TemuClient
from domain.errors import PreconditionFailed, TokenRevoked, UpstreamRejected
from domain.shop_kinds import Region, TokenKind
from domain.sync import Window
from domain.token import TokenText

WINDOW = Window(0, 4_000_000_000)


def test_an_order_token_is_described_by_the_region_gateway(temu):
    mall = temu.semi_mall()
    token = temu.order_token(mall, expired_time=1_900_000_000)
    info = temu.inspector().inspect(TokenText(token), Region.US, TokenKind.ORDER)
    assert (info.mall_id, info.mall_type, info.region_id) == (mall, 1, 211)
    assert info.expires_at == datetime.fromtimestamp(1_900_000_000, tz=timezone.utc)
    assert info.has_scopes(("bg.order.list.v2.get", "bg.order.shippinginfo.v2.get"))


def test_an_eu_order_token_is_described_by_the_eu_gateway(temu):
    token = temu.order_token(temu.semi_mall(), Region.EU)
    assert temu.inspector().inspect(TokenText(token), Region.EU, TokenKind.ORDER).region_id == 210


def test_a_product_token_is_described_by_the_partner_gateway(temu):
    mall = temu.semi_mall()
    token = temu.registry.issue_token(mall, gateway="pa", region_id=211, kind="product", app_key="it-app-key")
    info = temu.inspector().inspect(TokenText(token), Region.US, TokenKind.PRODUCT)
    assert info.mall_id == mall and info.is_product_token()


def test_a_local_token_is_described_by_the_us_gateway(temu):
    mall = temu.registry.add_mall(100, name="Local shop")
    token = temu.registry.issue_token(mall, gateway="us", region_id=211, kind="local", app_key="it-app-key")
    info = temu.inspector().inspect(TokenText(token), Region.US, TokenKind.LOCAL)
    assert (info.mall_id, info.mall_type) == (mall, 100)


def test_a_token_without_expiry_has_no_expiry(temu):
    token = temu.order_token(temu.semi_mall(), expired_time=None)
    assert temu.inspector().inspect(TokenText(token), Region.US, TokenKind.ORDER).expires_at is None


def test_a_token_temu_does_not_know_asks_to_paste_it_exactly_or_generate_a_new_one(temu):
    with pytest.raises(PreconditionFailed) as caught:
        temu.inspector().inspect(TokenText("not-a-real-token"), Region.US, TokenKind.ORDER)
    error = caught.value
    assert error.reason == "TOKEN_UNKNOWN"
    assert "exactly as Temu showed it" in error.message and "generate a new one" in error.message
    assert error.help_links == [("Generate the token in the Temu seller back office",
                                 "https://agentseller.temu.com/open-platform/system-manage/client-manage")]
    assert error.details["temu_error_code"] == "3000031"


def test_a_token_of_another_app_is_unknown_to_ours(temu):
    temu.registry.add_app("other-app", "other-secret")
    token = temu.registry.issue_token(temu.semi_mall(), gateway="us", region_id=211, kind="order",
                                      app_key="other-app")
    with pytest.raises(PreconditionFailed) as caught:
        temu.inspector().inspect(TokenText(token), Region.US, TokenKind.ORDER)
    assert (caught.value.reason, caught.value.details["temu_error_code"]) == ("TOKEN_UNKNOWN", "3000033")


def test_an_eu_token_inspected_as_us_is_a_region_mismatch(temu):
    token = temu.order_token(temu.semi_mall(), Region.EU)
    with pytest.raises(PreconditionFailed) as caught:
        temu.inspector().inspect(TokenText(token), Region.US, TokenKind.ORDER)
    assert caught.value.reason == "REGION_MISMATCH"
    assert "US" in caught.value.message


def test_a_revoked_token_requires_reauthorization_when_inspected_and_when_reading_orders(temu):
    token = temu.order_token(temu.semi_mall())
    temu.registry.revoke_token(token)
    with pytest.raises(TokenRevoked) as caught:
        temu.inspector().inspect(TokenText(token), Region.US, TokenKind.ORDER)
    assert caught.value.reason == "TOKEN_EXPIRED" and caught.value.help_links
    with pytest.raises(TokenRevoked):
        temu.orders().list_orders(temu.access(token), WINDOW, 1, 10)


def test_a_token_replaced_by_a_new_one_requires_reauthorization(temu):
    mall = temu.semi_mall()
    old = temu.order_token(mall)
    temu.order_token(mall)
    with pytest.raises(TokenRevoked):
        temu.orders().list_orders(temu.access(old), WINDOW, 1, 10)


def test_a_token_lacking_the_order_scope_says_which_interface_to_authorize(temu):
    token = temu.order_token(temu.semi_mall(), scopes=["bg.open.accesstoken.info.get"])
    with pytest.raises(PreconditionFailed) as caught:
        temu.orders().list_orders(temu.access(token), WINDOW, 1, 10)
    assert caught.value.reason == "TOKEN_SCOPE_MISSING"
    assert "bg.order.list.v2.get" in caught.value.message


def test_a_token_temu_says_cannot_read_orders_is_not_an_order_token(temu):
    token = temu.order_token(temu.semi_mall())
    temu.registry.inject_fault(error_code=140020001, type="bg.order.list.v2.get", access_token=token)
    with pytest.raises(PreconditionFailed) as caught:
        temu.orders().list_orders(temu.access(token), WINDOW, 1, 10)
    assert caught.value.reason == "NOT_AN_ORDER_TOKEN"


def test_a_wrong_app_secret_is_a_rejected_signature_that_names_the_setting(temu):
    token = temu.order_token(temu.semi_mall())
    config = TemuConfig.for_base_url(temu.sandbox.base_url, "it-app-key", "wrong-secret")
    with TemuClient(config) as client, pytest.raises(UpstreamRejected, match="TEMU_APP_SECRET") as caught:
        TemuTokenInspector(client).inspect(TokenText(token), Region.US, TokenKind.ORDER)
    assert caught.value.details["temu_error_code"] == "3000001"
    assert caught.value.details["temu_request_id"].startswith("us-")


def test_an_unknown_app_key_is_rejected_and_names_the_setting(temu):
    config = TemuConfig.for_base_url(temu.sandbox.base_url, "nobody", "secret")
    with TemuClient(config) as client, pytest.raises(UpstreamRejected, match="TEMU_APP_KEY"):
        TemuTokenInspector(client).inspect(TokenText("tok"), Region.US, TokenKind.ORDER)
