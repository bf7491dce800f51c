"""What the RPC load benchmarks share: a server in its own process, a closed-loop load of N
callers (asyncio, one thread), and a report as figures and ratios against Health/Check measured in the same run."""
from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from adapters.persistence.keyring import Keyring


class ServerAddress(str):
    """The address of the server processes, which also names them (``pids``): the load measures
    the servers' CPU per call with it (:func:`run_loads`). With several processes the address
    lists each one's port, and the load's channel spreads its calls over them (gRPC's
    ``round_robin`` policy, as a client of a deployment with several processes would)."""

    pids: tuple[int, ...] = ()


@contextmanager
def server_process(url: str, keyring: Keyring, port: int, processes: int = 1,
                   command: Sequence[str] = ("server.py", "serve"), **settings: str) -> Iterator[ServerAddress]:
    """``processes`` times ``command`` (``server.py serve``) over the database ``url``, on ``port``,
    ``port + 1``, …, with more environment ``settings``; yields their address once each answers."""
    env = {**os.environ, **settings, "ERP_DATABASE_URL": url, "ERP_LOG_LEVEL": "WARNING",
           **dict(line.split("=", 1) for line in keyring.dump().split()),
           "ERP_SYNC_INTERVAL_SECONDS": "86400",
           "TEMU_APP_KEY": "bench", "TEMU_APP_SECRET": "bench", "TEMU_BASE_URL": "http://127.0.0.1:9"}
    ports = [port + k for k in range(processes)]
    procs: list[subprocess.Popen] = []
    try:
        for p in ports:
            procs.append(subprocess.Popen([sys.executable, *command],
                                          env={**env, "ERP_GRPC_ADDRESS": f"127.0.0.1:{p}"}))
            with grpc.insecure_channel(f"127.0.0.1:{p}") as channel:
                grpc.channel_ready_future(channel).result(timeout=120)  # a loaded machine starts it slowly
        address = ServerAddress(f"127.0.0.1:{port}" if processes == 1
                                else "ipv4:" + ",".join(f"127.0.0.1:{p}" for p in ports))
        address.pids = tuple(proc.pid for proc in procs)
        yield address
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.wait(30)


Call = Callable[[int], Awaitable[object]]


def run_loads(address: str, plan: Callable[[grpc.aio.Channel], list[tuple[str, Call]]], seconds: float,
              concurrency: int, rounds: int = 1) -> list[dict]:
    """Health/Check, then each ``(name, call)`` of ``plan(channel)`` in turn, each for ``seconds``;
    the whole sequence ``rounds`` times. Each figure is the median over the rounds, and each
    entry keeps the rounds' own figures (``"rounds"``). When ``address`` names a local server
    process (:class:`ServerAddress`), each figure has the server's CPU time per call
    (``"cpu_ms"``, user + system): less noisy than latency on a loaded machine, where the load
    of others stretches every wait but not the work done.

    The load generator is one asyncio loop with ``concurrency`` callers on one channel. (Twenty
    threads with blocking stubs, as before, queued for the GIL in turns of up to 5 ms, the
    interpreter's switch interval, and that wait was counted as the server's latency.)"""
    async def main() -> list[list[dict]]:
        async with grpc.aio.insecure_channel(address, options=[("grpc.lb_policy_name", "round_robin")]) as channel:
            health = health_pb2_grpc.HealthStub(channel)
            calls = [("Health/Check", lambda n: health.Check(health_pb2.HealthCheckRequest(), timeout=10)),
                     *plan(channel)]
            await load("warm-up", calls[-1][1], min(2.0, seconds), concurrency)
            return [[await load(name, call, seconds, concurrency, pids) for name, call in calls] for _ in range(rounds)]
    pids = getattr(address, "pids", ())
    per_round = asyncio.run(main())
    return [_median_of([r[i] for r in per_round]) for i in range(len(per_round[0]))]


def _median_of(runs: list[dict]) -> dict:
    keys = ("rps", "p50_ms", "p99_ms", *(("cpu_ms",) if "cpu_ms" in runs[0] else ()))
    figures = {key: statistics.median(r[key] for r in runs) for key in keys}
    return {"rpc": runs[0]["rpc"], **figures, "errors": sum(r["errors"] for r in runs), "rounds": runs}


async def load(name: str, call: Call, seconds: float, concurrency: int, server_pids: Sequence[int] = ()) -> dict:
    """``concurrency`` callers call back to back for ``seconds``; requests/s and latency
    quantiles, and with ``server_pids`` the server processes' CPU milliseconds per call."""
    latencies: list[float] = []
    errors = 0
    cpu_before = _cpu_of(server_pids)
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
    figures = {"rpc": name, "rps": len(latencies) / seconds, "p50_ms": q[49] * 1000, "p99_ms": q[98] * 1000,
               "errors": errors}
    if cpu_before is not None:
        figures["cpu_ms"] = (_cpu_of(server_pids) - cpu_before) * 1000 / len(latencies)
    return figures


def _cpu_of(pids: Sequence[int]) -> float | None:
    return sum(process_cpu_seconds(pid) for pid in pids) if pids else None


def process_cpu_seconds(pid: int) -> float:
    """User + system CPU time of process ``pid`` (Linux: ``/proc/<pid>/stat``, its threads included)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def report(header: str, runs: list[dict]) -> None:
    """One line per RPC; with several rounds, the figures are medians and each round's requests/s
    and p99 follow."""
    base = runs[0]["rps"]
    print(f"\n{header}")
    for r in runs:
        cpu = f"  server CPU {r['cpu_ms']:5.2f} ms/call" if "cpu_ms" in r else ""
        print(f"{r['rpc']:<30} {r['rps']:8.0f} req/s ({r['rps'] / base:5.2f}x health)  "
              f"p50 {r['p50_ms']:6.1f} ms  p99 {r['p99_ms']:6.1f} ms{cpu}  errors {r['errors']}")
        if len(r.get("rounds", ())) > 1:
            each = ", ".join(f"{x['rps']:.0f} req/s p99 {x['p99_ms']:.1f}"
                             + (f" cpu {x['cpu_ms']:.2f}" if "cpu_ms" in x else "") for x in r["rounds"])
            print(f"{'':<30} rounds: {each}")
