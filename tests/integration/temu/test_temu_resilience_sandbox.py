"""Retries, the shared rate limit, clock skew and secret hygiene, against the Temu sandbox."""
import logging
import threading

import pytest

from domain.errors import DomainError, UpstreamUnavailable
from domain.shop_kinds import Region, TokenKind
from domain.sync import Window
from domain.token import TokenText

LIST = "bg.order.list.v2.get"
WINDOW = Window(0, 4_000_000_000)


class NoLimit:
    def acquire(self, app_key, background=False):
        pass

    def throttled(self, app_key):
        pass


def test_a_system_exception_twice_is_retried_until_the_call_succeeds(temu):
    mall = temu.semi_mall()
    token = temu.order_token(mall)
    temu.registry.create_order(mall, 211)
    temu.registry.inject_fault(error_code=4000000, type=LIST, access_token=token, times=2)
    page = temu.orders().list_orders(temu.access(token), WINDOW, 1, 10)
    assert len(page.orders) == 1
    assert [r.error_code for r in temu.registry.call_log("it-app-key")] == [4000000, 4000000, 1000000]


def test_a_system_exception_that_persists_becomes_unavailable_with_temus_request_id(temu):
    token = temu.order_token(temu.semi_mall())
    temu.registry.inject_fault(error_code=4000000, type=LIST, access_token=token)
    client = temu.new_client(max_retries=1)
    with pytest.raises(UpstreamUnavailable) as caught:
        client.call("us", LIST, token, {})
    assert caught.value.details["temu_error_code"] == "4000000"
    assert caught.value.details["temu_request_id"].startswith("us-")


def burst(client, token, threads=4, calls=10):
    failures: list[Exception] = []

    def worker():
        for _ in range(calls):
            try:
                client.call("us", LIST, token, {"pageSize": 1})
            except Exception as exc:  # collected: the test asserts there are none
                failures.append(exc)

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return failures


def peak_per_second(records):
    stamps = sorted(r.time for r in records)
    return max(sum(1 for s in stamps if t <= s < t + 1.0) for t in stamps)


def test_a_burst_from_four_threads_stays_within_twenty_calls_in_every_second(temu):
    token = temu.order_token(temu.semi_mall())
    assert burst(temu.client, token) == []
    log = temu.registry.call_log("it-app-key")
    assert len(log) == 40 and all(r.error_code == 1000000 for r in log)
    assert peak_per_second(log) <= 20


def test_without_our_limiter_temus_rate_limit_answers_are_absorbed_by_backing_off(temu):
    token = temu.order_token(temu.semi_mall())
    client = temu.new_client(limiter=NoLimit(), max_retries=8)
    assert burst(client, token, threads=4, calls=8) == []
    codes = [r.error_code for r in temu.registry.call_log("it-app-key")]
    assert codes.count(1000000) == 32 and 4000004 in codes


def test_a_gateway_clock_far_from_ours_is_learnt_from_the_date_header_and_calls_go_through(temu):
    token = temu.order_token(temu.semi_mall())
    temu.registry.clock.advance(3600)
    assert temu.client.call("us", LIST, token, {}) == {"totalItemNum": 0, "pageItems": []}
    assert temu.client.call("us", LIST, token, {}) == {"totalItemNum": 0, "pageItems": []}
    assert [r.error_code for r in temu.registry.call_log("it-app-key")] == [3000012, 1000000, 1000000]


def test_a_canary_token_never_reaches_a_log_record_or_an_error_message(temu, caplog):
    canary = "CANARY-tok-5b0d6a7e"
    mall = temu.semi_mall()
    temu.order_token(mall, token=canary)
    temu.registry.create_order(mall, 211)
    messages: list[str] = []
    with caplog.at_level(logging.DEBUG):
        source, access = temu.orders(), temu.access(canary)
        source.list_orders(access, WINDOW, 1, 10)
        temu.registry.inject_fault(error_code=120099999, access_token=canary, error_msg=f"bad {canary}")
        temu.registry.inject_fault(error_code=4000000, type=LIST, access_token=canary)
        for attempt in (lambda: source.list_orders(access, WINDOW, 1, 10),
                        lambda: source.get_order(access, "PO-211-1"),
                        lambda: temu.inspector().inspect(TokenText(canary), Region.EU, TokenKind.ORDER)):
            with pytest.raises(DomainError) as caught:
                attempt()
            messages.append(f"{caught.value} {caught.value.details} {caught.value.help_links}")
        temu.registry.revoke_token(canary)
        with pytest.raises(DomainError) as caught:
            temu.inspector().inspect(TokenText(canary), Region.US, TokenKind.ORDER)
        messages.append(f"{caught.value} {caught.value.details}")
    assert any(r.levelno == logging.DEBUG and "temu call" in r.getMessage() for r in caplog.records)
    assert canary not in caplog.text
    assert all(canary not in m for m in messages)
    assert temu.config().app_secret not in caplog.text + " ".join(messages)
