"""Labels bought per second through the own-warehouse route against the carrier sandbox, and
the ratio of our time to the sandbox's own time for the same calls (target: at most 1.5).

    python -m bench.label_throughput --packages 200 [--format pdf|zpl]

The sandbox runs in its own process (``python -m sandboxes.carrier``) and counts the time it
spends answering API calls (``busy_s`` of ``GET /sandbox/stats``: from the request's body to
its answer written). Each package is one ``push`` and one ``label`` download, as the push worker
does. "Our time" is the sum of those calls' durations as the caller sees them. Three phases, each
on a freshly reset sandbox:

- ``first attempt``: ``PushRequest.first_attempt``: quote, purchase, and the document at the
  purchase's ``label_url`` (3 calls);
- ``asking first``: the default and every retry: the look-up by reference before buying, which
  scans the account's recent labels (a page per 100, up to 20 pages) when there is none;
- ``bare client``: quote, purchase, poll, document (4 calls) with a plain httpx client and ``json.loads``, no
  retrier, no parsing into values: the floor any client pays on this machine (scheduling, HTTP).

Each phase also reports CPU seconds, ours (this process) and the sandbox's (its process, from
/proc): on a loaded machine wall time counts the wait for a core at every exchange between the
two processes, CPU time does not. Linux only (/proc).
"""
from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
from typing import Callable

import httpx

from adapters.carrier.gateway import ShippoCarrierGateway
from application.fulfillment.own_warehouse import OwnWarehouseRoute
from application.ports.carrier import CarrierCredentials
from application.ports.fulfillment import PushLine, PushRequest, ShipmentStatus
from domain.warehouse import LabelFormat, PostalAddress, WarehouseKind
from sandboxes.carrier import DEFAULT_TOKEN

WARM_UP = 10
AUTH = {"Authorization": f"ShippoToken {DEFAULT_TOKEN}"}
ADDRESS_FROM = {"name": "Demo Warehouse", "street1": "100 Harbor Blvd", "city": "Long Beach", "state": "CA",
                "zip": "90802", "country": "US"}
ADDRESS_TO = {"name": "Jane Roe", "street1": "350 5th Ave", "city": "New York", "state": "NY", "zip": "10118",
              "country": "US"}
WAREHOUSE = PostalAddress(**ADDRESS_FROM)
BUYER = PostalAddress(**ADDRESS_TO)
PARCEL = {"length": "10", "width": "6", "height": "4", "distance_unit": "in", "weight": "1", "mass_unit": "lb"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.label_throughput", description=__doc__.split("\n")[0])
    parser.add_argument("--packages", type=int, default=200)
    parser.add_argument("--format", choices=("pdf", "zpl"), default="pdf")
    args = parser.parse_args(argv)
    port = _free_port()
    sandbox = subprocess.Popen([sys.executable, "-m", "sandboxes.carrier", "--port", str(port)],
                               stdout=subprocess.DEVNULL)
    base_url = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base_url, timeout=10) as control:
            _wait_for(control)
            gateway = ShippoCarrierGateway()
            route = OwnWarehouseRoute(gateway, lambda account: CarrierCredentials("shippo", DEFAULT_TOKEN, base_url))
            label_format = LabelFormat.ZPL if args.format == "zpl" else LabelFormat.PDF_4X6
            with httpx.Client(base_url=base_url, timeout=10) as bare:
                phases = {"first attempt": _through(route, label_format, first_attempt=True),
                          "asking first": _through(route, label_format, first_attempt=False),
                          "bare client": _bare(bare, "ZPLII" if args.format == "zpl" else "PDF_4x6")}
                print(f"{args.packages} packages, {args.format}, one at a time:")
                for name, one in phases.items():
                    print(f"  {name:13} {_phase(control, one, args.packages, sandbox.pid)}", flush=True)
            gateway.close()
    finally:
        sandbox.terminate()
        sandbox.wait(10)
    return 0


def _through(route: OwnWarehouseRoute, label_format: LabelFormat, first_attempt: bool) -> Callable[[str], None]:
    def one(name: str) -> None:
        request = PushRequest(name, f"erp-{name}", WarehouseKind.OWN, "acct-1", WAREHOUSE, BUYER,
                              (PushLine("SKU-1", 1),), "usps_ground_advantage", label_format,
                              first_attempt=first_attempt)
        shipment = route.push(request)
        if shipment.status is not ShipmentStatus.LABELLED:
            raise SystemExit(f"{name}: {shipment.status.value} {shipment.message}")
        if shipment.document is None:  # as the push worker: a document that came with the purchase is kept
            route.label(request, shipment.provider_ref)
    return one


def _bare(http: httpx.Client, file_type: str) -> Callable[[str], None]:
    def one(name: str) -> None:
        shipment = http.post("/shipments/", headers=AUTH, json={
            "address_from": ADDRESS_FROM, "address_to": ADDRESS_TO, "parcels": [PARCEL], "async": False,
            "metadata": f"erp-{name}"}).json()
        rate = next(r["object_id"] for r in shipment["rates"] if r["servicelevel"]["token"] == "usps_ground_advantage")
        bought = http.post("/transactions/", headers=AUTH, json={
            "rate": rate, "label_file_type": file_type, "metadata": f"erp-{name}", "async": False}).json()
        label = http.get(f"/transactions/{bought['object_id']}", headers=AUTH).json()
        http.get(label["label_url"]).raise_for_status()
    return one


def _phase(control: httpx.Client, one: Callable[[str], None], packages: int, sandbox_pid: int) -> str:
    control.post("/sandbox/reset").raise_for_status()
    for n in range(WARM_UP):
        one(f"warm-{n}")
    before = control.get("/sandbox/stats").json()
    started, cpu, sandbox_cpu = time.perf_counter(), time.process_time(), _cpu_of(sandbox_pid)
    for n in range(packages):
        one(f"bench-{n}")
    ours = time.perf_counter() - started
    cpu, sandbox_cpu = time.process_time() - cpu, _cpu_of(sandbox_pid) - sandbox_cpu
    after = control.get("/sandbox/stats").json()
    busy = after["busy_s"] - before["busy_s"]
    calls = sum(after["calls"].values()) - sum(before["calls"].values())
    bought = sum(after["labels_bought"].get(f"erp-bench-{n}", 0) for n in range(packages))
    return (f"{packages / ours:6.1f} labels/s; our time {ours:6.2f} s, the sandbox's {busy:6.2f} s: "
            f"ratio {ours / busy:4.2f}; CPU ours {cpu:5.2f} s, the sandbox's {sandbox_cpu:5.2f} s: ratio "
            f"{cpu / sandbox_cpu:4.2f}; {calls / packages:.2f} calls and {bought / packages:.2f} labels per package")


def _cpu_of(pid: int) -> float:
    """CPU seconds (user + system) a child process has used: unlike wall time, not inflated by
    waiting for a core on a loaded machine."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _wait_for(control: httpx.Client) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            control.get("/sandbox").raise_for_status()
            return
        except httpx.HTTPError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


if __name__ == "__main__":
    sys.exit(main())
