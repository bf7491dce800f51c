"""The Goodcang client over real HTTP: adopt the account's warehouses, channels and stock, push an
order, follow it to shipped with its tracking numbers, cancel while Goodcang allows it."""
from __future__ import annotations

import pytest

from adapters.threepl.goodcang import GoodcangClient
from adapters.threepl.goodcang_values import OutboundStatus
from domain.errors import ValidationFailed
from sandboxes.goodcang import GoodcangSandbox
from tests.integration.goodcang.conftest import PICK_S, REVIEW_S, outbound


def test_the_accounts_warehouses_and_their_last_mile_channels_are_listed(client: GoodcangClient) -> None:
    assert [(w.code, w.country_code) for w in client.warehouses()] == [("USEA", "US"), ("USWE", "US")]
    assert {c.code for c in client.shipping_methods("USEA")} == {"FEDEX-SMALLPARCEL", "UPS-GROUND"}
    assert {(c.code, c.warehouse_code) for c in client.shipping_methods()} >= {("USPS-PRIORITY", "USWE")}


def test_stock_is_read_per_seller_sku_and_warehouse(client: GoodcangClient) -> None:
    levels = client.inventory(["DEMO-MUG-01", "DEMO-RUG-03", "NOT-STOCKED"], "USEA")
    assert {(s.sku, s.warehouse_code, s.sellable) for s in levels} == {("DEMO-MUG-01", "USEA", 500),
                                                                       ("DEMO-RUG-03", "USEA", 40)}


def test_a_pushed_order_goes_from_accepted_to_shipped_with_a_tracking_number_per_box(
        client: GoodcangClient, sandbox: GoodcangSandbox) -> None:
    ack = client.create_outbound(outbound("PKG-1", ("DEMO-MUG-01", 2), ("DEMO-RUG-03", 1)))
    assert not ack.adopted
    assert client.get_outbound(ack.order_code).status is OutboundStatus.ACCEPTED
    sandbox.registry.clock.advance(REVIEW_S + 1)
    assert client.get_outbound(ack.order_code).status is OutboundStatus.PICKING
    sandbox.registry.clock.advance(PICK_S)
    shipped = client.find_outbound("PKG-1")
    assert shipped is not None and shipped.status is OutboundStatus.SHIPPED and shipped.raw_status == "D"
    assert len(shipped.tracking_numbers) == 2
    parcels = client.tracking([ack.order_code])
    assert {p.tracking_number for p in parcels} == set(shipped.tracking_numbers)
    assert {p.last_event_code for p in parcels} == {"TMS_OC"}


def test_shipping_moves_the_units_out_of_sellable_stock(client: GoodcangClient, sandbox: GoodcangSandbox) -> None:
    client.create_outbound(outbound("PKG-2", ("DEMO-RUG-03", 4)))
    sandbox.registry.clock.advance(REVIEW_S + PICK_S + 1)
    client.find_outbound("PKG-2")
    [rug] = client.inventory(["DEMO-RUG-03"], "USEA")
    assert (rug.sellable, rug.reserved) == (36, 0)


def test_an_order_is_cancelled_before_the_warehouse_picks_it(client: GoodcangClient) -> None:
    ack = client.create_outbound(outbound("PKG-3", ("DEMO-RUG-03", 5)))
    result = client.cancel_outbound(ack.order_code, "buyer cancelled on Temu")
    assert result.cancelled
    assert client.get_outbound(ack.order_code).status is OutboundStatus.CANCELLED
    assert client.inventory(["DEMO-RUG-03"], "USEA")[0].sellable == 40


def test_once_the_warehouse_picks_the_cancel_is_refused_in_goodcangs_words(
        client: GoodcangClient, sandbox: GoodcangSandbox) -> None:
    ack = client.create_outbound(outbound("PKG-4"))
    sandbox.registry.clock.advance(REVIEW_S + 1)
    result = client.cancel_outbound(ack.order_code, "too late")
    assert not result.cancelled and "不允许取消" in result.message
    assert client.get_outbound(ack.order_code).status is OutboundStatus.PICKING


def test_an_order_nobody_holds_is_none(client: GoodcangClient) -> None:
    assert client.find_outbound("NOBODY") is None
    assert client.get_outbound("G100-000000-0009") is None


@pytest.mark.parametrize("request_", [
    outbound("R" * 51), outbound("PKG-5", name="N" * 49), outbound("PKG-5", line1="A" * 51),
    outbound("PKG-5", country_code="USA"), outbound("PKG-5", ("S" * 25, 1)), outbound("PKG-5", ("DEMO-MUG-01", 0)),
    outbound("PKG-5", state=""),
], ids=["reference", "name", "address", "country", "sku", "quantity", "state"])
def test_a_request_goodcang_would_refuse_is_refused_before_any_call(client: GoodcangClient,
                                                                    sandbox: GoodcangSandbox, request_) -> None:
    with pytest.raises(ValidationFailed) as refused:
        client.create_outbound(request_)
    assert refused.value.violations
    assert sandbox.registry.calls("order/create_order") == []
