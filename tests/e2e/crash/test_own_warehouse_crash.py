"""Issue 10, acceptance 3: audited packages for the own warehouse while the real worker process
is SIGKILLed again and again (while the carrier is answering a purchase, polling a label,
storing a document, relaying the outbox): at the carrier sandbox every package has exactly one
label bought (the sandbox counts them by our reference), and every package ends LABELLED with
its tracking number and its label document; SQLite and PostgreSQL."""
from __future__ import annotations

from collections import Counter

import httpx
import pytest

from bootstrap.demo_warehouse import seed_demo_warehouse
from domain.package import PackageState
from sandboxes.carrier import DEFAULT_TOKEN, CarrierSandbox
from tests.e2e.crash.packages_scene import OWNER, audited_packages, seller_shop, settled, where_they_stand
from tests.e2e.crash.worker_harness import SMALL_TIMEOUT_S, SOAK_TIMEOUT_S, broker_state, eventually, kill_storm

SETTLE_S = 600  # after the last kill: a wait bound (a loaded machine), not a timing


@pytest.fixture
def carrier():
    with CarrierSandbox() as sandbox, httpx.Client(base_url=sandbox.base_url, timeout=10) as control:
        # the purchase takes effect, then its answer is slow: most kills that land on a purchase
        # land between the carrier's label and our commit; the tracking number comes on a later poll
        control.post("/sandbox/faults", json={"kind": "delay", "path": "/transactions", "method": "POST",
                                              "delay_s": 0.3, "effect": True, "times": None}).raise_for_status()
        control.post("/sandbox/time-to-track", json={"polls": 1}).raise_for_status()
        yield sandbox, control


def _crash_run(scene, carrier, count: int, kills: int, seed: int) -> None:
    sandbox, control = carrier
    demo = seed_demo_warehouse(scene.app.warehouses, OWNER, sandbox.base_url, DEFAULT_TOKEN)
    package_ids = audited_packages(scene.app, seller_shop(scene.app), count, demo.warehouse_id,
                                   demo.channel_ids[0], "MUG-BLUE")
    last_kill = kill_storm(scene.worker, kills, seed=seed, max_lines=max(1, 2 * count // kills))
    views = eventually(lambda: settled(scene.app, package_ids, PackageState.LABELLED),
                       until=last_kill + SETTLE_S, what="every package labelled with its tracking number",
                       every_s=1.0, explain=lambda: f"{where_they_stand(scene.app, package_ids)}\n"
                                                    f"{broker_state(scene.env['ERP_BROKER_URL'])}\n{scene.worker.log_tail()}")
    scene.worker.stop()

    bought = Counter(control.get("/sandbox/stats").json()["labels_bought"])
    with scene.app.uow() as uow:
        references = {p: uow.packages.get(p).reference for p in package_ids}
    assert {references[p]: bought[references[p]] for p in package_ids} == {r: 1 for r in references.values()}
    assert sum(bought.values()) == count, "no label bought for anything but our packages"
    numbers = [n for v in views for n in v.tracking_numbers]
    assert len(numbers) == len(set(numbers)) == count
    assert scene.worker.kills == kills
    assert scene.worker.tracebacks() == [], scene.worker.log_tail()


@pytest.mark.parametrize("database", ["sqlite"], indirect=True)  # make soak: both backends, full size
@pytest.mark.timeout(SMALL_TIMEOUT_S)
def test_thirty_packages_through_three_kills_get_one_label_each(scene, carrier):
    _crash_run(scene, carrier, count=30, kills=3, seed=10)


@pytest.mark.soak
@pytest.mark.timeout(SOAK_TIMEOUT_S)
def test_two_hundred_packages_through_twenty_kills_get_one_label_each(scene, carrier):
    _crash_run(scene, carrier, count=200, kills=20, seed=20)
