"""Issue 10, acceptance 4, through the real worker process: the carrier fails (5xx, 429, malformed
bodies, dropped connections, a purchase that took effect behind a 500, unknown statuses,
timeouts, tracking only on a later poll) while ``python worker.py`` pushes audited packages.
The process never dies and logs no traceback, each package shows the carrier's reason while it
waits, its retries are sent with growing delays, and once the carrier is well every package is
labelled with one label bought.

The route-level tests (tests/integration/carrier/test_route_faults.py, test_route_fault_storm.py)
prove each fault's handling in the client and route; this proves the worker around them: the
actor's retries through the Redis broker, the reason committed where a user reads it.
"""
from __future__ import annotations

import random
import time
from collections import Counter

import httpx
import pytest
import redis
from dramatiq import Message

from bootstrap.demo_warehouse import seed_demo_warehouse
from domain.package import PackageState
from sandboxes.carrier import DEFAULT_TOKEN, CarrierSandbox
from tests.e2e.crash.packages_scene import OWNER, audited_packages, packages, seller_shop, settled, where_they_stand
from tests.e2e.crash.worker_harness import SMALL_TIMEOUT_S, SOAK_TIMEOUT_S, eventually

WAIT_S = 120  # a wait bound, not a timing
STORM = [{"kind": "status", "status": 429, "retry_after_s": 1}, {"kind": "status", "status": 502},
         {"kind": "status", "status": 500, "effect": True}, {"kind": "malformed"}, {"kind": "drop"}]
SOAK_STORM = [*STORM, {"kind": "unknown_status", "value": "PRINTING"}, {"kind": "delay", "delay_s": 16}]  # > 15 s
# the label documents too: a purchase answered SUCCESS fetches its document at once
CALLS = [("POST", "/shipments"), ("POST", "/transactions"), ("GET", "/transactions"), ("GET", "/labels")]


def delayed_pushes(broker_url: str) -> dict[str, dict[int, int]]:
    """The push retries waiting in the broker's delay queue: package -> {attempt: delay in ms}."""
    client = redis.Redis.from_url(broker_url)
    try:
        found: dict[str, dict[int, int]] = {}
        for raw in client.hvals("dramatiq:packages.DQ.msgs"):
            message = Message.decode(raw)
            if message.actor_name == "packages.push" and len(message.args) == 2:
                package_id, attempt = message.args
                found.setdefault(package_id, {})[attempt] = message.options["eta"] - message.message_timestamp
        return found
    finally:
        client.close()


def _faults_run(scene, count: int, storm: list[dict], faults: int, polls_to_track: int, seed: int) -> None:
    rng = random.Random(seed)
    with CarrierSandbox() as carrier, httpx.Client(base_url=carrier.base_url, timeout=10) as control:
        demo = seed_demo_warehouse(scene.app.warehouses, OWNER, carrier.base_url, DEFAULT_TOKEN)
        control.post("/sandbox/faults", json={"kind": "status", "path": "/shipments", "method": "POST",
                                              "status": 503, "times": None}).raise_for_status()
        package_ids = audited_packages(scene.app, seller_shop(scene.app), count, demo.warehouse_id,
                                       demo.channel_ids[0], "MUG-BLUE")
        scene.worker.start()
        app, broker_url = scene.app, scene.env["ERP_BROKER_URL"]
        until = time.monotonic() + WAIT_S

        # The carrier down: each package waits with the carrier's words, retried ever later.
        def waiting_with_reason():
            views = packages(app, package_ids)
            return all(v.state is PackageState.PUSHING and "HTTP 503" in v.last_message for v in views)
        eventually(waiting_with_reason, until=until, what="every package waiting with the carrier's 503",
                   explain=lambda: where_they_stand(app, package_ids))
        seen: dict[str, dict[int, int]] = {}

        def backed_off():
            for package_id, delays in delayed_pushes(broker_url).items():
                seen.setdefault(package_id, {}).update(delays)
            return [d for d in seen.values() if {1, 2} <= set(d)]
        grown = eventually(backed_off, until=until, what="a second retry of a package", every_s=0.1)
        for delays in grown:
            assert delays[1] < delays[2], f"retries must back off: {delays}"
        assert scene.worker.proc.poll() is None, scene.worker.log_tail()

        # Then passing faults of every kind, and tracking numbers only on a later poll (the polls
        # wait longer after an outage: the actor's attempt count goes on growing).
        control.delete("/sandbox/faults").raise_for_status()
        control.post("/sandbox/time-to-track", json={"polls": polls_to_track}).raise_for_status()
        for _ in range(faults):
            method, path = rng.choice(CALLS)
            control.post("/sandbox/faults", json={**rng.choice(storm), "method": method, "path": path,
                                                  "after_calls": rng.randint(0, count),
                                                  "times": rng.randint(1, 2)}).raise_for_status()
        views = eventually(lambda: settled(app, package_ids, PackageState.LABELLED), until=time.monotonic() + WAIT_S,
                           what="every package labelled once the carrier is well", every_s=1.0,
                           explain=lambda: f"{where_they_stand(app, package_ids)}\n{scene.worker.log_tail()}")
        bought = Counter(control.get("/sandbox/stats").json()["labels_bought"])
    assert scene.worker.proc.poll() is None, "the worker process died"
    scene.worker.stop()
    with app.uow() as uow:
        references = [uow.packages.get(p).reference for p in package_ids]
    assert {r: bought[r] for r in references} == {r: 1 for r in references} and sum(bought.values()) == count
    assert all(v.tracking_numbers and v.has_label for v in views)
    assert scene.worker.tracebacks() == [], scene.worker.log_tail()


@pytest.mark.parametrize("database", ["sqlite"], indirect=True)  # make soak: both backends, more faults
@pytest.mark.timeout(SMALL_TIMEOUT_S)
def test_carrier_faults_through_the_worker_lose_nothing_and_back_off(scene):
    _faults_run(scene, count=8, storm=STORM, faults=4, polls_to_track=1, seed=17)


@pytest.mark.soak
@pytest.mark.timeout(SOAK_TIMEOUT_S)
def test_a_longer_carrier_storm_through_the_worker_loses_nothing(scene):
    _faults_run(scene, count=40, storm=SOAK_STORM, faults=80, polls_to_track=2, seed=23)
