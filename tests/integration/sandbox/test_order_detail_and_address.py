"""``bg.order.detail.v2.get`` and ``bg.order.shippinginfo.v2.get``."""
from .conftest import error_of

DETAIL, SHIPPING = "bg.order.detail.v2.get", "bg.order.shippinginfo.v2.get"


def test_detail_adds_region_names_and_the_package_once_shipped(world):
    sn = world.registry.create_order(world.mall, 211, status=2)
    before = world.temu.call(DETAIL, world.token, parentOrderSn=sn)["result"]
    world.registry.advance_order(sn)

    after = world.temu.call(DETAIL, world.token, parentOrderSn=sn)["result"]

    assert before["parentOrderMap"]["regionName1"] == "United States"
    assert {"regionName2", "regionName3"} <= set(before["parentOrderMap"])
    assert before["orderList"][0]["packageSnInfo"] == []
    package = after["orderList"][0]["packageSnInfo"][0]
    assert package["packageSn"].startswith("PK-")
    assert after["parentOrderMap"]["parentShippingTime"] is not None


def test_detail_of_an_unknown_order_is_order_not_found(world):
    envelope = world.temu.call(DETAIL, world.token, parentOrderSn="PO-211-404")

    assert error_of(envelope) == (140020002, "Order not found")


def test_an_order_of_another_mall_or_region_is_not_found_for_this_token(world):
    other = world.registry.add_mall(1, "Another shop")
    foreign = world.registry.create_order(other, 211)
    european = world.registry.create_order(world.mall, 210)

    for sn in (foreign, european):
        assert error_of(world.temu.call(DETAIL, world.token, parentOrderSn=sn))[0] == 140020002
        assert error_of(world.temu.call(SHIPPING, world.token, parentOrderSn=sn))[0] == 140020002


def test_detail_without_an_order_number_is_bad_params(world):
    code, message = error_of(world.temu.call(DETAIL, world.token))

    assert code == 3000000 and "parentOrderSn is required" in message


def test_the_buyer_phone_is_given_only_while_the_order_is_to_ship_or_shipped(world):
    phones = {}
    for status in (1, 2, 3, 4, 5):
        sn = world.registry.create_order(world.mall, 211, status=status)
        phones[status] = world.temu.call(SHIPPING, world.token, parentOrderSn=sn)["result"]["mobile"]

    assert phones[1] == phones[3] == phones[5] == ""
    assert all(len(phones[s].split("-")) == 2 for s in (2, 4))


def test_shipping_info_has_the_masked_address_fields_temu_sends(world):
    sn = world.registry.create_order(world.mall, 211)

    result = world.temu.call(SHIPPING, world.token, parentOrderSn=sn)["result"]

    assert result["receiptName"] and result["mail"].count("@") == 1
    assert result["addressLineAll"].startswith(result["addressLine1"])
    assert set(result["addressExtra"]) == {"firstName", "lastName", "additionalFirstName",
                                           "additionalLastName"}
    assert result["warning"] == {"isRestriction": False, "reason": None}
    assert {f"regionName{i}" for i in range(1, 5)} <= set(result)


def test_changing_the_address_shows_in_shipping_info_and_moves_update_time(world):
    sn = world.registry.create_order(world.mall, 211, created_at=world.registry.clock.now() - 60)
    before = world.temu.call(SHIPPING, world.token, parentOrderSn=sn)["result"]
    changed_from = world.registry.clock.advance(10)

    world.registry.change_address(sn)
    changed_by = world.registry.clock.now()

    after = world.temu.call(SHIPPING, world.token, parentOrderSn=sn)["result"]
    truth = world.registry.orders(world.mall)[0]
    assert after["addressLineAll"] != before["addressLineAll"]
    assert changed_from <= truth["updateTime"] <= changed_by
    assert "CONFIRMED_CHANGED_ADDRESS" in truth["fulfillmentWarning"]
