"""The gateway checks every call as Temu does: body, type, timestamp, data_type, app, sign."""
import time
from email.utils import parsedate_to_datetime

from adapters.temu.signing import encode_body, sign

from .conftest import APP_SECRET, error_of

INFO = "bg.open.accesstoken.info.get"


def test_a_correctly_signed_call_succeeds_with_temus_success_envelope(world):
    envelope = world.temu.call(INFO, world.token)

    assert envelope["success"] is True
    assert envelope["errorCode"] == 1000000 and envelope["errorMsg"] == ""
    assert envelope["requestId"].startswith("us-")
    assert envelope["result"]["mallId"] == world.mall


def test_the_request_id_names_the_gateway_that_answered(world):
    eu_token = world.order_token(gateway="eu", region_id=210)

    assert world.temu.call(INFO, eu_token, "eu")["requestId"].startswith("eu-")
    assert world.temu.call("bg.order.list.v2.get", "nope", "eu")["requestId"].startswith("eu-")


def test_a_call_signed_with_another_secret_is_refused_as_sign_unvalid(world):
    params = world.temu.params(INFO, world.token)
    params["sign"] = sign(params, "not-the-secret")

    assert error_of(world.temu.send(params, signed=False)) == (3000001, "SIGN_UNVALID")


def test_a_call_whose_body_changed_after_signing_is_refused(world):
    params = world.temu.params("bg.order.list.v2.get", world.token, pageSize=10)
    params["sign"] = sign(params, APP_SECRET)
    params["pageSize"] = 20

    assert error_of(world.temu.send(params, signed=False))[0] == 3000001


def test_a_call_without_sign_is_refused_with_3000040(world):
    envelope = world.temu.send(world.temu.params(INFO, world.token), signed=False)

    assert error_of(envelope) == (3000040, "there is no sign in body.")


def test_nested_values_are_signed_in_the_key_order_they_are_sent(world):
    sn = world.registry.create_order(world.mall, 211)
    params = world.temu.params("bg.order.list.v2.get", world.token,
                               parentOrderSnList=[sn, "PO-211-00000000000000001"])

    result = world.temu.send(params)["result"]

    assert [i["parentOrderMap"]["parentOrderSn"] for i in result["pageItems"]] == [sn]


def test_a_lowercase_signature_is_refused_because_temu_signs_in_uppercase(world):
    params = world.temu.params(INFO, world.token)
    params["sign"] = sign(params, APP_SECRET).lower()

    assert error_of(world.temu.send(params, signed=False))[0] == 3000001


def test_a_body_that_is_not_json_is_bad_params(world):
    envelope = world.temu.post("us", b"{type: bg.order.list.v2.get").json()

    code, message = error_of(envelope)
    assert code == 3000000 and message.startswith("BAD_PARAMS")


def test_a_json_body_that_is_not_an_object_is_bad_params(world):
    assert error_of(world.temu.post("us", b"[1, 2]").json())[0] == 3000000


def test_a_call_without_type_is_refused_with_3000002(world):
    params = world.temu.params(INFO, world.token)
    del params["type"]

    assert error_of(world.temu.send(params)) == (3000002, "there is no type in body.")


def test_an_unknown_type_is_refused_as_type_not_exists(world):
    assert error_of(world.temu.call("bg.order.teleport", world.token)) == (3000003, "type not exists")


def test_a_type_sent_to_a_gateway_that_does_not_serve_it_is_type_not_exists(world):
    product = world.registry.issue_token(world.mall, gateway="pa", region_id=211, kind="product",
                                         app_key=world.temu.app_key)

    assert error_of(world.temu.call("bg.order.list.v2.get", product, "pa"))[0] == 3000003
    assert error_of(world.temu.call("bg.open.accesstoken.info.get.global", world.token))[0] == 3000003


def test_a_call_without_timestamp_is_refused_with_3000010(world):
    params = world.temu.params(INFO, world.token)
    del params["timestamp"]

    assert error_of(world.temu.send(params)) == (3000010, "there is no timestamp in body.")


def test_a_timestamp_that_is_not_unix_seconds_is_invalid(world):
    for bad in ("yesterday", 1.5e9, True, "-1700000000"):
        params = world.temu.params(INFO, world.token, timestamp=bad)
        assert error_of(world.temu.send(params)) == (3000011, "timestamp is invalid."), bad


def test_a_timestamp_sent_as_a_string_of_digits_is_accepted(world):
    params = world.temu.params(INFO, world.token, timestamp=str(int(time.time())))

    assert world.temu.send(params)["success"] is True


def test_a_timestamp_more_than_300_seconds_off_the_sandbox_clock_is_expired(world):
    now = world.registry.clock.now()
    for stamp in (now - 310, now + 310, now * 1000):
        params = world.temu.params(INFO, world.token, timestamp=stamp)
        assert error_of(world.temu.send(params)) == (3000012, "timestamp is expired."), stamp


def test_a_timestamp_just_inside_the_300_second_window_is_accepted(world):
    now = world.registry.clock.now()

    for stamp in (now - 295, now + 295):
        assert world.temu.send(world.temu.params(INFO, world.token, timestamp=stamp))["success"]


def test_the_timestamp_window_follows_the_sandbox_clock_not_the_host_clock(world):
    world.registry.clock.advance(3600)

    late = world.temu.send(world.temu.params(INFO, world.token))
    on_time = world.temu.send(world.temu.params(INFO, world.token, timestamp=world.registry.clock.now()))

    assert error_of(late)[0] == 3000012
    assert on_time["success"] is True


def test_data_type_must_be_present_and_json_in_any_case(world):
    missing = world.temu.params(INFO, world.token)
    del missing["data_type"]

    assert error_of(world.temu.send(missing)) == (3000013, "there is no data_type in body.")
    assert error_of(world.temu.send(world.temu.params(INFO, world.token, data_type="XML")))[0] == 3000014
    assert world.temu.send(world.temu.params(INFO, world.token, data_type="json"))["success"]


def test_app_key_must_be_present_and_known(world):
    missing = world.temu.params(INFO, world.token)
    del missing["app_key"]
    unknown = world.temu.params(INFO, world.token, app_key="who-is-this")

    assert error_of(world.temu.send(missing))[0] == 3000025
    assert error_of(world.temu.send(unknown)) == (3000026, "app_key not exists.")


def test_checks_run_in_temus_order_so_the_first_problem_is_reported(world):
    everything_wrong = {"type": "bg.order.list.v2.get", "timestamp": 1, "data_type": "XML"}

    assert error_of(world.temu.send(everything_wrong, signed=False))[0] == 3000012
    everything_wrong["timestamp"] = int(time.time())
    assert error_of(world.temu.send(everything_wrong, signed=False))[0] == 3000014


def test_the_router_accepts_only_post(world):
    response = world.temu.http.get(world.sandbox.gateway_url("us"))

    assert response.status_code == 405
    assert response.headers["Allow"] == "POST"


def test_an_unknown_gateway_path_is_not_found_with_a_hint(world):
    response = world.temu.http.post(f"{world.sandbox.base_url}/mars/openapi/router", content=b"{}")

    assert response.status_code == 404
    assert "/us/openapi/router" in response.json()["error"]


def test_a_body_in_unicode_is_signed_and_read_as_sent(world):
    params = world.temu.params("bg.order.detail.v2.get", world.token, parentOrderSn="PO-211-ünïcødé")
    params["sign"] = sign(params, APP_SECRET)

    envelope = world.temu.post("us", encode_body(params)).json()

    assert error_of(envelope) == (140020002, "Order not found")


def test_the_date_header_tells_the_sandbox_clock_so_clients_can_learn_the_offset(world):
    world.registry.clock.advance(3600)

    response = world.temu.http.get(f"{world.sandbox.base_url}/sandbox/clock")

    told = parsedate_to_datetime(response.headers["Date"]).timestamp()
    assert abs(told - world.registry.clock.time()) < 2
