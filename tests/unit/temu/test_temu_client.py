"""The Temu client over a scripted HTTP transport: wire format, retries and error mapping."""
import logging

import httpx
import pytest

from adapters.temu.signing import sign
from domain.errors import PreconditionFailed, TokenRevoked, UpstreamRejected, UpstreamUnavailable

LIST = "bg.order.list.v2.get"
TOKEN = "unit-shop-token-CANARY-7f3a"


def envelope(result=None, code=1000000, request_id="us-req-1", message=""):
    if code == 1000000:
        return {"success": True, "errorCode": code, "errorMsg": "", "requestId": request_id, "result": result}
    return {"success": False, "errorCode": code, "errorMsg": message, "requestId": request_id}


def call(client, params=None, **kw):
    return client.call("us", LIST, TOKEN, params or {}, **kw)


def test_the_request_is_one_flat_signed_json_object_posted_to_the_gateway(temu):
    temu.replies = [envelope({"totalItemNum": 0})]
    call(temu.client(), {"pageNumber": 1, "regionId": None, "sortby": "updateTime"})
    request = temu.requests[0]
    assert (request.method, str(request.url)) == ("POST", "http://temu.test/us/openapi/router")
    assert request.headers["content-type"] == "application/json"
    body = temu.bodies()[0]
    assert body == {"pageNumber": 1, "sortby": "updateTime", "type": LIST, "app_key": temu.app_key,
                    "access_token": TOKEN, "timestamp": 1_750_000_000, "data_type": "JSON",
                    "sign": body["sign"]}
    assert body["sign"] == sign(body, temu.app_secret)


def test_the_result_of_a_successful_call_is_returned(temu):
    temu.replies = [envelope({"totalItemNum": 3})]
    assert call(temu.client()) == {"totalItemNum": 3}


def test_a_success_without_result_returns_an_empty_result(temu):
    temu.replies = [{"success": True, "errorCode": 1000000, "requestId": "us-1"}]
    assert call(temu.client()) == {}


def test_a_system_exception_is_retried_with_backoff_until_it_succeeds(temu):
    temu.replies = [envelope(code=4000000), envelope(code=4000000), envelope({"ok": 1})]
    assert call(temu.client()) == {"ok": 1}
    assert len(temu.requests) == 3
    assert temu.sleeps == [0.125, 0.25]  # full jitter (0.5) of 0.25 s, 0.5 s


def test_transient_failures_that_persist_become_upstream_unavailable_with_temu_details(temu):
    temu.replies = [envelope(code=4000000, request_id="us-busy-9")]
    with pytest.raises(UpstreamUnavailable) as caught:
        call(temu.client(max_retries=2))
    assert len(temu.requests) == 3
    assert caught.value.details["temu_error_code"] == "4000000"
    assert caught.value.details["temu_request_id"] == "us-busy-9"
    assert caught.value.retry_after_s >= 1


def test_a_rate_limit_answer_backs_off_to_the_next_whole_second(temu):
    temu.replies = [envelope(code=4000004), envelope({})]
    call(temu.client())
    assert temu.sleeps[0] >= 0.7  # the clock reads …0.3


@pytest.mark.parametrize("reply", [
    httpx.Response(429), httpx.Response(503, text="<html>bad gateway</html>"),
    httpx.Response(200, text="<html>maintenance</html>"), httpx.Response(200, json=[1, 2]),
    httpx.Response(200, json={"success": False}), httpx.ConnectError("refused"), httpx.ReadTimeout("slow"),
], ids=["429", "503", "html", "json-list", "no-code", "connect-error", "read-timeout"])
def test_broken_answers_and_network_failures_are_retried_then_reported_unavailable(temu, reply):
    temu.replies = [reply]
    with pytest.raises(UpstreamUnavailable):
        call(temu.client(max_retries=1))
    assert len(temu.requests) == 2


def test_a_call_that_changes_state_is_not_repeated_after_an_ambiguous_failure(temu):
    temu.replies = [httpx.ReadTimeout("slow"), envelope({})]
    with pytest.raises(UpstreamUnavailable):
        call(temu.client(), idempotent=False)
    assert len(temu.requests) == 1


def test_a_rate_limit_answer_slows_the_app_key_down_and_a_success_does_not(temu):
    temu.replies = [envelope(code=4000004), envelope({"done": True})]
    call(temu.client())
    assert temu.limiter.throttled_keys == [temu.app_key]


def test_a_call_that_changes_state_is_still_retried_after_a_rate_limit(temu):
    temu.replies = [envelope(code=4000004), httpx.ConnectError("refused"), envelope({"done": True})]
    assert call(temu.client(), idempotent=False) == {"done": True}


@pytest.mark.parametrize("code, error_type, reason", [
    (3000034, TokenRevoked, "SHOP_REAUTHORIZATION_REQUIRED"),
    (7000007, TokenRevoked, "SHOP_REAUTHORIZATION_REQUIRED"),
    (7000018, TokenRevoked, "SHOP_REAUTHORIZATION_REQUIRED"),
    (3000031, PreconditionFailed, "TOKEN_UNKNOWN"),
    (3000033, PreconditionFailed, "TOKEN_UNKNOWN"),
    (3000032, PreconditionFailed, "TOKEN_SCOPE_MISSING"),
    (140020001, PreconditionFailed, "NOT_AN_ORDER_TOKEN"),
    (3000001, UpstreamRejected, "UPSTREAM_REJECTED"),
    (3000026, UpstreamRejected, "UPSTREAM_REJECTED"),
    (3000003, UpstreamRejected, "UPSTREAM_REJECTED"),
    (5000003, UpstreamRejected, "UPSTREAM_REJECTED"),
    (3000000, UpstreamRejected, "UPSTREAM_REJECTED"),
    (120011072, PreconditionFailed, "REGION_MISMATCH"),
    (180020001, UpstreamRejected, "UPSTREAM_REJECTED"),
])
def test_each_permanent_temu_error_becomes_its_domain_error_without_retry(temu, code, error_type, reason):
    temu.replies = [envelope(code=code, request_id="us-req-77", message="whatever Temu says")]
    with pytest.raises(error_type) as caught:
        call(temu.client())
    assert caught.value.reason == reason
    assert caught.value.details["temu_error_code"] == str(code)
    assert caught.value.details["temu_request_id"] == "us-req-77"
    assert len(temu.requests) == 1


@pytest.mark.parametrize("code, hint", [
    (3000001, "TEMU_APP_SECRET"), (3000026, "TEMU_APP_KEY"), (3000003, "TEMU_GATEWAY_US"),
    (5000003, "whitelist"), (3000000, "us-req-1"),
])
def test_configuration_errors_tell_a_person_what_to_fix(temu, code, hint):
    temu.replies = [envelope(code=code)]
    with pytest.raises(UpstreamRejected, match=hint):
        call(temu.client())


def test_temu_echoing_the_token_or_secret_never_reaches_the_error_message(temu):
    temu.replies = [envelope(code=120099999, message=f"bad token {TOKEN} for secret {temu.app_secret}")]
    with pytest.raises(UpstreamRejected) as caught:
        call(temu.client())
    text = str(caught.value) + repr(caught.value.details)
    assert TOKEN not in text and temu.app_secret not in text
    assert "120099999" in text


def test_a_rejected_timestamp_resyncs_the_clock_from_the_date_header_and_retries_once(temu):
    skewed = httpx.Response(200, json=envelope(code=3000012), headers={"Date": "Sun, 15 Jun 2025 15:16:40 GMT"})
    temu.replies = [skewed, envelope({"ok": True})]
    client = temu.client()
    assert call(client) == {"ok": True}
    assert temu.bodies()[1]["timestamp"] == 1_750_000_600
    temu.replies = [envelope({})]
    call(client)
    assert temu.bodies()[2]["timestamp"] == 1_750_000_600  # the offset is kept


def test_a_timestamp_still_rejected_after_resync_asks_to_fix_the_clock(temu):
    temu.replies = [httpx.Response(200, json=envelope(code=3000011), headers={"Date": "Sun, 15 Jun 2025 15:16:40 GMT"})]
    with pytest.raises(UpstreamRejected, match="clock"):
        call(temu.client())
    assert len(temu.requests) == 2


def test_an_unknown_gateway_is_a_programming_error(temu):
    with pytest.raises(ValueError, match="gateway"):
        temu.client().call("mars", LIST, TOKEN, {})


def test_each_call_is_logged_at_debug_with_type_gateway_code_and_request_id_but_no_secrets(temu, caplog):
    temu.replies = [envelope(code=4000000, request_id="us-busy-9"), envelope({}, request_id="us-ok-1")]
    with caplog.at_level(logging.DEBUG, logger="adapters.temu"):
        call(temu.client())
    lines = [r.getMessage() for r in caplog.records if r.getMessage().startswith("temu call")]
    assert len(lines) == 2
    assert "type=bg.order.list.v2.get gateway=us" in lines[0]
    assert "error_code=4000000 request_id=us-busy-9" in lines[0]
    assert "error_code=1000000 request_id=us-ok-1" in lines[1]
    assert TOKEN not in caplog.text and temu.app_secret not in caplog.text
