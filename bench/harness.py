"""What the RPC load benchmarks share: a server in its own process, a closed-loop load of N
callers, and a report as figures and ratios against Health/Check measured in the same run."""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from adapters.persistence.keyring import Keyring


@contextmanager
def server_process(url: str, keyring: Keyring, port: int) -> Iterator[grpc.Channel]:
    """``server.py serve`` on ``port`` over the database ``url``, and a channel to it."""
    env = {**os.environ, "ERP_DATABASE_URL": url, "ERP_LOG_LEVEL": "WARNING",
           **dict(line.split("=", 1) for line in keyring.dump().split()),
           "ERP_GRPC_ADDRESS": f"127.0.0.1:{port}", "ERP_SYNC_INTERVAL_SECONDS": "86400",
           "TEMU_APP_KEY": "bench", "TEMU_APP_SECRET": "bench", "TEMU_BASE_URL": "http://127.0.0.1:9"}
    proc = subprocess.Popen([sys.executable, "server.py", "serve"], env=env)
    try:
        channel = grpc.insecure_channel(f"127.0.0.1:{port}")
        grpc.channel_ready_future(channel).result(timeout=30)
        yield channel
        channel.close()
    finally:
        proc.terminate()
        proc.wait(30)


def load(name: str, call: Callable[[int], object], seconds: float, concurrency: int) -> dict:
    """``concurrency`` callers call back to back for ``seconds``; requests/s and latency quantiles."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def caller(n: int) -> None:
        mine = []
        while time.monotonic() < deadline:
            start = time.perf_counter()
            try:
                call(n)
            except grpc.RpcError:
                errors[0] += 1
            mine.append(time.perf_counter() - start)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=caller, args=(i,)) for i in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    q = statistics.quantiles(sorted(latencies), n=100)
    return {"rpc": name, "rps": len(latencies) / seconds, "p50_ms": q[49] * 1000, "p99_ms": q[98] * 1000,
            "errors": errors[0]}


def health_load(channel: grpc.Channel, seconds: float, concurrency: int) -> dict:
    health = health_pb2_grpc.HealthStub(channel)
    return load("Health/Check", lambda n: health.Check(health_pb2.HealthCheckRequest(), timeout=10),
                seconds, concurrency)


def report(header: str, runs: list[dict]) -> None:
    base = runs[0]["rps"]
    print(f"\n{header}")
    for r in runs:
        print(f"{r['rpc']:<30} {r['rps']:8.0f} req/s ({r['rps'] / base:5.2f}x health)  "
              f"p50 {r['p50_ms']:6.1f} ms  p99 {r['p99_ms']:6.1f} ms  errors {r['errors']}")
