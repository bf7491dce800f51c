"""Synchronous code run bridged on an event loop may wait for awaitables without blocking it."""
from __future__ import annotations

import asyncio
import contextvars

import pytest

from adapters.loop_bridge import await_, can_await, run_bridged

request_id = contextvars.ContextVar("request_id", default=None)


def test_bridged_functions_wait_in_turns_while_the_loop_runs_the_others():
    order: list[str] = []

    def step(name: str, delay: float) -> str:
        order.append(f"{name} starts")
        await_(asyncio.sleep(delay))
        order.append(f"{name} ends")
        return name.upper()

    async def main() -> list[str]:
        return await asyncio.gather(run_bridged(step, "slow", 0.05), run_bridged(step, "fast", 0.0))

    assert asyncio.run(main()) == ["SLOW", "FAST"]
    assert order == ["slow starts", "fast starts", "fast ends", "slow ends"]


def test_errors_travel_both_ways_and_the_call_context_is_the_callers():
    def read() -> tuple[str, str]:
        try:
            await_(asyncio.wait_for(asyncio.sleep(1), 0.01))
        except asyncio.TimeoutError:
            caught = "timeout seen by the function"
        return caught, request_id.get()

    def fail() -> None:
        await_(asyncio.sleep(0))
        raise LookupError("no such shop")

    async def main() -> tuple[str, str]:
        request_id.set("req-1")
        with pytest.raises(LookupError, match="no such shop"):
            await run_bridged(fail)
        return await run_bridged(read)

    assert asyncio.run(main()) == ("timeout seen by the function", "req-1")


def test_outside_a_bridge_nothing_may_be_awaited():
    assert not can_await()
    pending = asyncio.sleep(0)
    with pytest.raises(RuntimeError, match="outside run_bridged"):
        await_(pending)
    pending.close()
    assert asyncio.run(run_bridged(can_await)) is True


def test_a_function_that_failed_leaves_nothing_behind_for_the_next_call():
    seen = []

    def fail_while_waiting() -> None:
        await_(asyncio.sleep(0))
        raise KeyError("first")

    def report() -> str | None:
        await_(asyncio.sleep(0))
        seen.append(request_id.get())
        return request_id.get()

    async def one_call(name: str) -> str | None:
        request_id.set(name)
        return await run_bridged(report)

    async def main() -> list:
        with pytest.raises(KeyError):
            await run_bridged(fail_while_waiting)
        return await asyncio.gather(*(asyncio.create_task(one_call(f"req-{n}")) for n in range(100)))

    assert asyncio.run(main()) == [f"req-{n}" for n in range(100)]


def test_a_cancelled_call_reaches_the_function_and_the_caller():
    reached = []

    def wait_long() -> None:
        try:
            await_(asyncio.sleep(10))
        except asyncio.CancelledError:
            reached.append("function")
            raise

    async def main() -> None:
        task = asyncio.create_task(run_bridged(wait_long))
        await asyncio.sleep(0.01)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert await run_bridged(can_await) is True

    asyncio.run(main())
    assert reached == ["function"]
