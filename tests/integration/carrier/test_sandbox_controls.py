"""The sandbox's control API and its standalone process."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[3]


def test_labels_are_counted_per_reference_and_refusals_are_not(carrier):
    rate = carrier.post("/shipments/", carrier.shipment()).json()["rates"][0]["object_id"]
    carrier.control("refuse-labels", {"count": 1})
    for _ in range(3):
        carrier.post("/transactions/", {"rate": rate, "metadata": "pkg-5"})
    stats = carrier.http.get("/sandbox/stats").json()
    assert carrier.labels_bought("pkg-5") == 2 and stats["labels_bought"] == {"pkg-5": 2}
    assert stats["calls"]["POST /transactions"] == 3


def test_a_bad_fault_is_refused_with_what_to_fix(carrier):
    response = carrier.http.post("/sandbox/faults", json={"kind": "explode"})
    assert response.status_code == 400 and "kind must be one of" in response.json()["error"]
    response = carrier.http.post("/sandbox/faults", json={"kind": "status", "colour": "red"})
    assert response.json() == {"error": "Unknown fault fields: colour."}


def test_a_fault_fires_after_its_good_calls_and_only_its_times(carrier):
    carrier.control("faults", {"kind": "status", "path": "/carrier_accounts", "status": 502, "after_calls": 1})
    headers = {"Authorization": "ShippoToken shippo_test_sandbox"}
    codes = [carrier.http.get("/carrier_accounts/", headers=headers).status_code for _ in range(3)]
    assert codes == [200, 502, 200]


def test_time_to_track_in_seconds_follows_the_sandbox_clock(carrier):
    carrier.control("time-to-track", {"seconds": 3600})
    rate = carrier.post("/shipments/", carrier.shipment()).json()["rates"][0]["object_id"]
    txn = carrier.post("/transactions/", {"rate": rate}).json()
    headers = {"Authorization": "ShippoToken shippo_test_sandbox"}
    assert carrier.http.get(f"/transactions/{txn['object_id']}", headers=headers).json()["status"] == "QUEUED"
    assert carrier.http.get(f"/labels/{txn['object_id']}.pdf").status_code == 404
    carrier.control("clock/advance", {"seconds": 3600})
    assert carrier.http.get(f"/transactions/{txn['object_id']}", headers=headers).json()["status"] == "SUCCESS"


def test_another_token_can_be_accepted(carrier):
    assert carrier.post("/shipments/", carrier.shipment(), token="shippo_test_other").status_code == 401
    carrier.control("tokens", {"token": "shippo_test_other"})
    assert carrier.post("/shipments/", carrier.shipment(), token="shippo_test_other").status_code == 201


def test_the_standalone_sandbox_answers_and_stops_cleanly_on_sigterm():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "sandboxes.carrier", "--port", str(port)], cwd=ROOT,
                               stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert f"http://127.0.0.1:{port}" in process.stdout.readline()
        accounts = httpx.get(f"http://127.0.0.1:{port}/carrier_accounts/",
                             headers={"Authorization": "ShippoToken shippo_test_sandbox"}).json()
        assert [a["carrier"] for a in accounts["results"]] == ["usps", "ups"]
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=5) == 0
