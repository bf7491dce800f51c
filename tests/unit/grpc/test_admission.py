"""The per-caller request rate, the drain of a stopping server, and the bounded Temu lane."""
import asyncio
import threading

import pytest

from adapters import deadline
from adapters.grpc.admission import CallerRateLimit, Drain
from adapters.grpc.dispatch import UpstreamLane
from domain.errors import RateLimited, Unavailable


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_caller_beyond_its_burst_is_refused_with_the_time_to_wait_and_others_are_not():
    clock = Clock()
    limit = CallerRateLimit(rate=2.0, burst=3, clock=clock)
    for _ in range(3):
        limit.admit("alice")
    with pytest.raises(RateLimited) as refused:
        limit.admit("alice")
    assert refused.value.retry_after_s == pytest.approx(0.5)
    limit.admit("bob")
    clock.now += 0.5
    limit.admit("alice")


def test_a_stopping_server_serves_calls_that_arrive_while_it_settles_then_refuses_new_ones():
    clock = Clock()
    drain = Drain(clock=clock)

    async def scenario():
        closing = asyncio.create_task(drain.close(grace=10, settle=0.5, quiet=0.1, poll=0.001))
        await asyncio.sleep(0)
        with drain.call():  # reached the server just before the signal
            clock.now += 0.6
            await asyncio.sleep(0.01)
            assert not closing.done(), "returned while a call was being served"
        with pytest.raises(Unavailable) as refused, drain.call():
            pass
        assert refused.value.reason == "SERVER_SHUTTING_DOWN" and refused.value.retry_after_s > 0
        clock.now += 0.2
        await asyncio.wait_for(closing, 1)
    asyncio.run(scenario())


def test_the_temu_lane_refuses_at_once_when_its_threads_and_queue_are_full():
    lane, release = UpstreamLane({"/m"}, threads=1, queue=1, budget_s=5), threading.Event()

    async def scenario():
        held = [asyncio.ensure_future(lane.run(None, release.wait)) for _ in range(2)]
        await asyncio.sleep(0.05)
        with pytest.raises(RateLimited) as refused:
            await lane.run(None, lambda: None)
        release.set()
        await asyncio.gather(*held)
        return refused.value
    refused = asyncio.run(scenario())
    assert refused.reason == "UPSTREAM_CALLS_AT_CAPACITY" and refused.retry_after_s > 0
    lane.shutdown()


def test_the_temu_lane_runs_each_call_under_the_callers_time_capped_by_its_budget():
    lane = UpstreamLane({"/m"}, threads=1, queue=0, budget_s=5)
    assert asyncio.run(lane.run(30.0, deadline.remaining)) <= 5
    assert asyncio.run(lane.run(1.0, deadline.remaining)) <= 1
    lane.shutdown()
