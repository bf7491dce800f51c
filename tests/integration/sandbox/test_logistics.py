"""The sandbox's logistics types on the wire: the rules our adapter never lets a call break
(so only a raw call proves them), string carrier ids, and the control API of shipping."""
from sandboxes.temu import SandboxRegistry, seed_demo
from tests.integration.sandbox.conftest import US, error_of

CONFIRM = "bg.logistics.shipment.v2.confirm"
USPS = 998264743


def unshipped(world, quantity=1):
    sn = world.registry.create_order(world.mall, US, status=2, quantity=quantity)
    return sn, world.registry.order_book.get(sn).lines[0].order_sn


def request(number, sn, order_sn, quantity=1, carrier=USPS, **extra):
    return {"carrierId": carrier, "trackingNumber": number,
            "orderSendInfoList": [{"parentOrderSn": sn, "orderSn": order_sn, "quantity": quantity}], **extra}


def confirm(world, send_type, *requests):
    return world.temu.call(CONFIRM, world.token, sendType=send_type, sendRequestList=list(requests))


def test_one_tracking_number_twice_in_a_call_is_a_duplicate(world):
    sn, order_sn = unshipped(world, quantity=2)
    assert error_of(confirm(world, 1, request("SAME00001", sn, order_sn), request("SAME00001", sn, order_sn)))[0] \
        == 120014003


def test_more_than_ten_sub_packages_are_refused(world):
    sn, order_sn = unshipped(world)
    subs = [{"carrierId": USPS, "trackingNumber": f"SUB{i:06d}"} for i in range(11)]
    assert error_of(confirm(world, 0, request("MAIN00001", sn, order_sn, subSendRequests=subs)))[0] == 120011098


def test_sub_packages_are_only_for_a_single_unit(world):
    sn, order_sn = unshipped(world, quantity=2)
    subs = [{"carrierId": USPS, "trackingNumber": "SUB000001"}]
    assert error_of(confirm(world, 0, request("MAIN00001", sn, order_sn, 2, subSendRequests=subs)))[0] == 120011045


def test_a_blank_tracking_number_and_a_send_type_that_does_not_fit_are_refused(world):
    sn, order_sn = unshipped(world)
    assert error_of(confirm(world, 0, request(" ", sn, order_sn)))[0] == 120014001
    code, message = error_of(confirm(world, 1, request("ONLY00001", sn, order_sn)))
    assert code == 3000000 and "sendType 1" in message


def test_a_carrier_id_sent_as_a_string_of_digits_is_accepted(world):
    sn, order_sn = unshipped(world)
    envelope = confirm(world, 0, request("STRING001", sn, order_sn, carrier=str(USPS)))
    assert envelope["success"] and envelope["result"] == {"assistantAgreementText": None, "warningMessage": []}
    [shipped] = world.temu.orders(world.token, parentOrderSnList=[sn])["pageItems"]
    assert shipped["parentOrderMap"]["parentOrderStatus"] == 4


def test_a_pending_buyer_request_shows_as_a_label_on_the_order(world):
    sn, _ = unshipped(world)
    world.registry.flag_pending(sn, "cancellation")
    [item] = world.temu.orders(world.token, parentOrderSnList=[sn])["pageItems"]
    labels = {label["name"]: label["value"] for label in item["parentOrderMap"]["parentOrderLabel"]}
    assert labels["pending_buyer_cancellation"] == 1 and labels["pending_buyer_address_change"] == 0


def test_the_control_api_adds_warehouses_flags_requests_and_counts_confirmations(world):
    control = world.control
    warehouse = control.post("/sandbox/warehouses", json={"mall_id": world.mall, "name": "NJ"}).json()["warehouse_id"]
    sn, order_sn = unshipped(world)
    assert control.post("/sandbox/orders/pending", json={"parent_order_sn": sn, "request": "address_change"}) \
        .status_code == 200
    assert error_of(confirm(world, 0, request("CTRL00001", sn, order_sn, selfShippingWarehouseId=warehouse)))[0] \
        == 120012023
    accepted = request("CTRL00001", sn, order_sn, selfShippingWarehouseId=warehouse,
                       confirmAcceptance=["DENY_ADDRESS_CHANGE"])
    assert confirm(world, 0, accepted)["success"]
    counted = control.get("/sandbox/confirmations", params={"mall_id": world.mall}).json()
    assert counted["count"] == 1 and counted["confirmations"][0]["tracking_numbers"] == ["CTRL00001"]
    assert control.post("/sandbox/carriers/shape", json={"shape": "items"}).status_code == 200
    carriers = world.temu.call("bg.logistics.companies.get", world.token, regionId=US)["result"]
    assert carriers["items"][0]["logisticsServiceProviderId"] == USPS
    assert control.post("/sandbox/carriers/shape", json={"shape": "nested"}).status_code == 400


def test_the_demo_local_shop_has_temu_warehouses():
    registry = SandboxRegistry()
    seed = seed_demo(registry)
    ids = [w.warehouse_id for w in registry.shipment_book.warehouses_of(seed.local_mall_id)]
    assert ids == ["WH-73450100000000001", "WH-73450100000000002"]
