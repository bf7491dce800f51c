"""Own-warehouse labels end to end (issue 10, acceptance 6): AuditOrders of N orders over gRPC,
then the outbox relay, the ``packages.push`` actor, the carrier sandbox's label and the stored
document, until every package holds its label. Packages labelled per second, and the ratio of
our time to the carrier sandbox's own time for the same calls (target: at most 1.5).

    .venv/bin/python -m bench.labels_end_to_end [--orders 5000] [--threads 8] [--db postgresql+psycopg://…/empty_db]

The gRPC server and the workers (relay, in-process broker, ``--threads`` worker threads) run in
this process, as ``make run`` does; the carrier sandbox runs in its own process and counts the
time it spends answering. Orders are assigned before the clock starts; the clock runs from the first
AuditOrders call (batches of 500) to the last label document stored.

The ratio divides our wall time by the sandbox's ``busy_wall_s``: the wall time during which it was
answering at least one of our calls. Its ``busy_s`` (each call's time, summed) is printed too but
is not a wall time: with 8 workers the calls overlap, each waits for the others inside the sandbox,
and the sum counts that wait once per call, which flattered the ratio (bench/README.md).

Reported next to it, from the same run: CPU seconds of this process and of the sandbox (wall time
on a loaded machine counts the wait for a core at each exchange; CPU time does not), the calls
per package, and the floor any client pays here: a bare httpx client doing the four calls of one
label, one package at a time (``bench.label_throughput``'s ``bare client`` phase).
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time

import grpc
import httpx
import sqlalchemy as sa

from adapters.grpc.gen.erp.v1 import fulfillment_service_pb2 as pb, fulfillment_service_pb2_grpc
from adapters.persistence.keyring import Keyring
from adapters.temu.config import TemuConfig
from bench.audit_orders import seed_orders, seed_route
from bench.label_throughput import _bare, _cpu_of, _free_port, _phase, _wait_for
from bench.shop_rpc_load import seed
from bootstrap import build_app, start_workers
from bootstrap.settings import Settings
from sandboxes.carrier import DEFAULT_TOKEN
from server import serve

BATCH = 500
BARE_PACKAGES = 200


def main() -> int:
    args = _parser().parse_args()
    url = f"sqlite:///{tempfile.mkdtemp(prefix='erp-bench-')}/labels.db" if args.db == "sqlite" else args.db
    port = _free_port()
    sandbox = subprocess.Popen([sys.executable, "-m", "sandboxes.carrier", "--port", str(port)],
                               stdout=subprocess.DEVNULL)
    base_url = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base_url, timeout=30) as control:
            _wait_for(control)
            print(_run(args, url, base_url, control, sandbox.pid), flush=True)
            with httpx.Client(base_url=base_url, timeout=10) as bare:
                print(f"  floor, bare client, {BARE_PACKAGES} one at a time: "
                      f"{_phase(control, _bare(bare, 'PDF_4x6'), BARE_PACKAGES, sandbox.pid)}")
    finally:
        sandbox.terminate()
        sandbox.wait(10)
    print(f"  {os.popen('uptime').read().strip()}")
    return 0


def _run(args, url: str, base_url: str, control: httpx.Client, sandbox_pid: int) -> str:
    keyring = Keyring.generate("k1")
    key, [shop_id] = seed(url, keyring, 1)
    app = build_app(Settings(database_url=url), TemuConfig.for_base_url("http://127.0.0.1:9", "bench", "bench"),
                    keyring=keyring)
    with app.uow() as uow:
        owner = uow.shops.get(shop_id).owner_id
    warehouse, channel = seed_route(app, owner, base_url=base_url, token=DEFAULT_TOKEN)
    stop, ready, port = threading.Event(), threading.Event(), []
    threading.Thread(target=serve, args=(app, "127.0.0.1:0", stop, lambda p: (port.append(p), ready.set())),
                     daemon=True).start()
    ready.wait(30)
    md = (("x-api-key", key),)
    with grpc.insecure_channel(f"127.0.0.1:{port[0]}") as ch:
        fulfil = fulfillment_service_pb2_grpc.FulfillmentServiceStub(ch)
        names = []
        for start in range(0, args.orders, BATCH):
            batch = seed_orders(app, shop_id, min(BATCH, args.orders - start), f"b{start}")
            fulfil.AssignFulfillment(pb.AssignFulfillmentRequest(orders=batch, warehouse=warehouse, channel=channel),
                                     metadata=md, timeout=600)
            names += batch
        workers = start_workers(app, threads=args.threads, schedule=False)
        control.post("/sandbox/reset").raise_for_status()
        before = control.get("/sandbox/stats").json()
        began, cpu, sandbox_cpu = time.perf_counter(), time.process_time(), _cpu_of(sandbox_pid)
        for start in range(0, len(names), BATCH):
            reply = fulfil.AuditOrders(pb.AuditOrdersRequest(orders=names[start:start + BATCH]), metadata=md,
                                       timeout=600)
            failed = [r.status.message for r in reply.results if r.status.code != 0]
            if failed:
                raise SystemExit(f"AuditOrders refused {len(failed)}: {failed[0]}")
        audited_s = time.perf_counter() - began
        _until_labelled(app, args.orders)
        ours = time.perf_counter() - began
        cpu, sandbox_cpu = time.process_time() - cpu, _cpu_of(sandbox_pid) - sandbox_cpu
        after = control.get("/sandbox/stats").json()
        workers.stop()
    stop.set()
    busy = after["busy_s"] - before["busy_s"]
    busy_wall = after["busy_wall_s"] - before["busy_wall_s"]
    calls = sum(after["calls"].values()) - sum(before["calls"].values())
    bought = sum(after["labels_bought"].values())
    return (f"{args.orders} orders audited over gRPC (in {audited_s:.1f} s), labelled end to end by in-process "
            f"workers ({args.threads} threads), {'SQLite' if url.startswith('sqlite') else 'PostgreSQL'}:\n"
            f"  {args.orders / ours:6.1f} labels/s; our time {ours:7.1f} s, the sandbox's busy wall time "
            f"{busy_wall:6.1f} s: ratio {ours / busy_wall:5.2f} (target <= 1.5); its summed busy_s {busy:6.1f} s: "
            f"{ours / busy:5.2f}\n"
            f"  CPU ours {cpu:6.1f} s ({cpu * 1000 / args.orders:.1f} ms a label), the sandbox's {sandbox_cpu:5.1f} s: "
            f"ratio {cpu / sandbox_cpu:4.2f}; {calls / args.orders:.2f} calls and {bought / args.orders:.2f} labels a package")


def _until_labelled(app, count: int) -> None:
    query = sa.text("SELECT count(*) FROM packages WHERE label_id <> ''")
    while True:
        with app.engine.connect() as conn:
            if conn.execute(query).scalar_one() >= count:
                return
        time.sleep(0.2)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.labels_end_to_end", description=__doc__.split("\n")[0])
    parser.add_argument("--orders", type=int, default=5000)
    parser.add_argument("--threads", type=int, default=8, help="worker threads (ERP_WORKER_THREADS' default)")
    parser.add_argument("--db", default="sqlite")
    return parser


if __name__ == "__main__":
    sys.exit(main())
