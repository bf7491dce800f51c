"""Injected faults, the per-app rate limit and the call log."""
import threading
import time

from .conftest import APP_KEY, error_of

LIST = "bg.order.list.v2.get"
INFO = "bg.open.accesstoken.info.get"


def test_a_fault_fires_after_the_given_number_of_successful_calls(world):
    world.registry.inject_fault(error_code=3000034, type=LIST, after_calls=3)

    codes = [world.temu.call(LIST, world.token, pageNumber=n)["errorCode"] for n in range(1, 6)]

    assert codes == [1000000] * 3 + [3000034] * 2
    assert world.temu.call(INFO, world.token)["success"] is True


def test_a_fault_limited_in_times_lets_calls_through_again_afterwards(world):
    world.control.post("/sandbox/faults", json={"error_code": 4000000, "times": 2})

    envelopes = [world.temu.call(INFO, world.token) for _ in range(3)]

    assert [error_of(e) for e in envelopes[:2]] == [(4000000, "SYSTEM_EXCEPTION")] * 2
    assert envelopes[2]["success"] is True


def test_a_fault_on_one_token_leaves_other_tokens_alone(world):
    eu = world.order_token(gateway="eu", region_id=210)
    world.registry.inject_fault(error_code=4000000, access_token=world.token)

    assert error_of(world.temu.call(INFO, world.token))[0] == 4000000
    assert world.temu.call(INFO, eu, "eu")["success"] is True


def test_clearing_faults_restores_normal_answers(world):
    world.registry.inject_fault(error_code=4000000)
    world.control.delete("/sandbox/faults")

    assert world.temu.call(INFO, world.token)["success"] is True


def test_faults_do_not_fire_for_calls_that_fail_their_checks_first(world):
    world.registry.inject_fault(error_code=4000000)

    assert error_of(world.temu.call(INFO, "unknown-token"))[0] == 3000031


def burst(world, count):
    """Send ``count`` signed calls from 10 threads as fast as possible; return the codes."""
    codes, lock = [], threading.Lock()

    def worker(n):
        for _ in range(n):
            code = world.temu.call(INFO, world.token)["errorCode"]
            with lock:
                codes.append(code)
    threads = [threading.Thread(target=worker, args=(count // 10,)) for _ in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return codes


def test_a_burst_above_20_calls_per_second_is_throttled_and_the_log_shows_it(world):
    started = time.monotonic()
    codes = burst(world, 60)
    assert time.monotonic() - started < 1.0, "the burst must fit in one second to be a burst"

    stats = world.registry.stats(APP_KEY)

    assert codes.count(1000000) == 20 and codes.count(4000004) == 40
    assert stats == {"calls": 60, "succeeded": 20, "rate_limited": 40, "failed": 0,
                     "peak_calls_per_second": 20}
    refused = [c for c in world.registry.call_log(APP_KEY) if c.error_code == 4000004]
    assert len(refused) == 40 and all(c.type == INFO and c.gateway == "us" for c in refused)


def test_the_quota_is_per_app_and_configurable(world):
    world.registry.add_app(APP_KEY, "sbx-app-secret", qps=5)

    codes = burst(world, 20)

    assert codes.count(1000000) == 5


def test_a_throttled_app_is_served_again_one_second_later(world):
    burst(world, 30)
    time.sleep(1.05)

    assert world.temu.call(INFO, world.token)["success"] is True


def test_the_call_log_is_readable_over_http(world):
    world.temu.call(INFO, world.token)
    world.temu.call(INFO, "bad-token")

    calls = world.control.get("/sandbox/calls", params={"app_key": APP_KEY}).json()["calls"]
    (when, app_key, type_, gateway, code), _ = world.registry.call_log(APP_KEY)

    assert [c["error_code"] for c in calls] == [1000000, 3000031]
    assert all(abs(c["time"] - time.time()) < 5 for c in calls)
    assert (app_key, type_, gateway, code) == (APP_KEY, INFO, "us", 1000000)
