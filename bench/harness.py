"""What the RPC load benchmarks share: a server in its own process, a closed-loop load of N
callers (asyncio, one thread), and a report as figures and ratios against Health/Check measured in the same run."""
from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from adapters.persistence.keyring import Keyring


@contextmanager
def server_process(url: str, keyring: Keyring, port: int, **settings: str) -> Iterator[str]:
    """``server.py serve`` on ``port`` over the database ``url``, with more environment
    ``settings``; yields its address once it answers."""
    env = {**os.environ, **settings, "ERP_DATABASE_URL": url, "ERP_LOG_LEVEL": "WARNING",
           **dict(line.split("=", 1) for line in keyring.dump().split()),
           "ERP_GRPC_ADDRESS": f"127.0.0.1:{port}", "ERP_SYNC_INTERVAL_SECONDS": "86400",
           "TEMU_APP_KEY": "bench", "TEMU_APP_SECRET": "bench", "TEMU_BASE_URL": "http://127.0.0.1:9"}
    proc = subprocess.Popen([sys.executable, "server.py", "serve"], env=env)
    address = f"127.0.0.1:{port}"
    try:
        with grpc.insecure_channel(address) as channel:
            grpc.channel_ready_future(channel).result(timeout=120)  # NOTE: a loaded machine starts it slowly
        yield address
    finally:
        proc.terminate()
        proc.wait(30)


Call = Callable[[int], Awaitable[object]]


def run_loads(address: str, plan: Callable[[grpc.aio.Channel], list[tuple[str, Call]]], seconds: float,
              concurrency: int, rounds: int = 1) -> list[dict]:
    """Health/Check, then each ``(name, call)`` of ``plan(channel)`` in turn, each for ``seconds``;
    the whole sequence ``rounds`` times. Each figure is the median over the rounds, and each
    entry keeps the rounds' own figures (``"rounds"``).

    The load generator is one asyncio loop with ``concurrency`` callers on one channel. (Twenty
    threads with blocking stubs, as before, queued for the GIL in turns of up to 5 ms, the
    interpreter's switch interval, and that wait was counted as the server's latency.)"""
    async def main() -> list[list[dict]]:
        async with grpc.aio.insecure_channel(address) as channel:
            health = health_pb2_grpc.HealthStub(channel)
            calls = [("Health/Check", lambda n: health.Check(health_pb2.HealthCheckRequest(), timeout=10)),
                     *plan(channel)]
            await load("warm-up", calls[-1][1], min(2.0, seconds), concurrency)
            return [[await load(name, call, seconds, concurrency) for name, call in calls] for _ in range(rounds)]
    per_round = asyncio.run(main())
    return [_median_of([r[i] for r in per_round]) for i in range(len(per_round[0]))]


def _median_of(runs: list[dict]) -> dict:
    figures = {key: statistics.median(r[key] for r in runs) for key in ("rps", "p50_ms", "p99_ms")}
    return {"rpc": runs[0]["rpc"], **figures, "errors": sum(r["errors"] for r in runs), "rounds": runs}


async def load(name: str, call: Call, seconds: float, concurrency: int) -> dict:
    """``concurrency`` callers call back to back for ``seconds``; requests/s and latency quantiles."""
    latencies: list[float] = []
    errors = 0
    deadline = time.monotonic() + seconds

    async def caller(n: int) -> None:
        nonlocal errors
        while time.monotonic() < deadline:
            start = time.perf_counter()
            try:
                await call(n)
            except grpc.RpcError:
                errors += 1
            latencies.append(time.perf_counter() - start)

    await asyncio.gather(*(caller(i) for i in range(concurrency)))
    q = statistics.quantiles(sorted(latencies), n=100)
    return {"rpc": name, "rps": len(latencies) / seconds, "p50_ms": q[49] * 1000, "p99_ms": q[98] * 1000,
            "errors": errors}


def report(header: str, runs: list[dict]) -> None:
    """One line per RPC; with several rounds, the figures are medians and each round's requests/s
    and p99 follow."""
    base = runs[0]["rps"]
    print(f"\n{header}")
    for r in runs:
        print(f"{r['rpc']:<30} {r['rps']:8.0f} req/s ({r['rps'] / base:5.2f}x health)  "
              f"p50 {r['p50_ms']:6.1f} ms  p99 {r['p99_ms']:6.1f} ms  errors {r['errors']}")
        if len(r.get("rounds", ())) > 1:
            each = ", ".join(f"{x['rps']:.0f} req/s p99 {x['p99_ms']:.1f}" for x in r["rounds"])
            print(f"{'':<30} rounds: {each}")
