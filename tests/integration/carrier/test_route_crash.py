"""A crash between the carrier's answer and our commit never buys a second label: the retried
push finds the label by the package's reference (issue 10: label purchase idempotent)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from application.ports.fulfillment import ShipmentStatus
from domain.errors import UpstreamUnavailable
from tests.integration.carrier.route_world import own_route, push_request

ROOT = Path(__file__).resolve().parents[3]
CHILD = textwrap.dedent("""
    import sys
    from adapters.carrier.gateway import ShippoCarrierGateway
    from application.fulfillment.own_warehouse import OwnWarehouseRoute
    from application.ports.carrier import CarrierCredentials
    from tests.integration.carrier.route_world import push_request
    credentials = CarrierCredentials("shippo", "shippo_test_sandbox", sys.argv[1])
    OwnWarehouseRoute(ShippoCarrierGateway(), lambda account: credentials).push(push_request())
""")


def _bought(carrier) -> list[str]:
    return [t.object_id for t in carrier.store.transactions.values() if t.metadata == "erp-pkg-1"]


def test_a_purchase_whose_answer_and_check_both_fail_is_adopted_by_the_next_push(carrier):
    carrier.control("faults", {"kind": "delay", "path": "/transactions", "method": "POST", "delay_s": 1.0})
    carrier.control("faults", {"kind": "status", "path": "/transactions", "method": "GET", "status": 503,
                               "after_calls": 1, "times": None})  # the look-up before buying passes
    with pytest.raises(UpstreamUnavailable):
        own_route(carrier, timeout_s=0.3, max_retries=1).push(push_request())
    assert carrier.labels_bought("erp-pkg-1") == 1  # bought, though we could not tell
    carrier.http.delete("/sandbox/faults")
    shipment = own_route(carrier).push(push_request())
    assert shipment.status is ShipmentStatus.LABELLED and [shipment.provider_ref] == _bought(carrier)
    assert carrier.labels_bought("erp-pkg-1") == 1


def test_a_worker_killed_while_the_carrier_answers_its_purchase_leaves_one_label_the_retry_adopts(carrier):
    carrier.control("faults", {"kind": "delay", "path": "/transactions", "method": "POST", "delay_s": 3.0})
    child = subprocess.Popen([sys.executable, "-c", CHILD, carrier.sandbox.base_url], cwd=ROOT,
                             env={**os.environ, "PYTHONPATH": str(ROOT)}, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while carrier.labels_bought("erp-pkg-1") == 0 and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert carrier.labels_bought("erp-pkg-1") == 1, child.stderr.read() if child.poll() is not None else ""
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert child.returncode == -signal.SIGKILL
    carrier.http.delete("/sandbox/faults")
    shipment = own_route(carrier).push(push_request())
    assert [shipment.provider_ref] == _bought(carrier) and carrier.labels_bought("erp-pkg-1") == 1
