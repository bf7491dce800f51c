"""Issue 11, acceptance 3: audited packages across the Goodcang (3PL) and FBA routes while the
real worker process is SIGKILLed again and again (creating outbound orders, polling them,
relaying the outbox): at the sandboxes every package exists exactly once, and every package
ends SHIPPED with the tracking numbers the provider gave it; SQLite and PostgreSQL.

The sandboxes' life cycles are shortened through their control APIs (Goodcang: review and pick
in a second each; FBA: each stage a second), so an order ships between two of our status polls.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from adapters.fba.wire import seller_fulfillment_order_id
from application.ports.providers import AmazonCredentials, GoodcangCredentials
from application.warehouses.provider_accounts import AuthorizeProviderAccountCommand
from application.warehouses.provider_adoption import AdoptProviderWarehouseCommand
from bootstrap.demo_providers import DEMO_AMAZON_CLIENT
from domain.package import PackageState
from sandboxes.fba import FbaSandbox
from sandboxes.goodcang import DEMO_APP_KEY, DEMO_APP_TOKEN, GoodcangSandbox
from sandboxes.goodcang import seed_demo as seed_goodcang
from tests.e2e.crash.packages_scene import OWNER, audited_packages, seller_shop, settled, where_they_stand
from tests.e2e.crash.worker_harness import (SMALL_TIMEOUT_S, SOAK_TIMEOUT_S, Scene, broker_state, eventually,
                                            kill_storm)
from tests.e2e.crash.worker_harness import scene as build_scene

SETTLE_S = 600  # after the last kill: a wait bound (a loaded machine), not a timing
SKU = "DEMO-MUG-01"
FBA_OPERATIONS = ("createFulfillmentOrder", "getFulfillmentOrder", "getInventorySummaries")


@pytest.fixture
def scene(database: str, tmp_path: Path) -> Iterator[Scene]:
    """The worker with its scheduler: pushed packages are followed by the package sweep alone
    (in batch reads), so the sweep is killed with the rest."""
    yield from build_scene(database, tmp_path, scheduler=True)


@dataclass
class Providers:
    goodcang: GoodcangSandbox
    fba: FbaSandbox
    goodcang_control: httpx.Client
    fba_control: httpx.Client


@pytest.fixture
def providers() -> Iterator[Providers]:
    with GoodcangSandbox() as goodcang, FbaSandbox() as fba, \
            httpx.Client(base_url=goodcang.root_url, timeout=10) as gc, \
            httpx.Client(base_url=fba.base_url, timeout=10, verify=False) as fc:
        seed_goodcang(goodcang.registry, qps=1000)
        fba.registry.add_client(*DEMO_AMAZON_CLIENT)
        for path, body in (("/sandbox/timing", {"review_s": 1, "pick_s": 1}),
                           ("/sandbox/stock", {"app_key": DEMO_APP_KEY, "warehouse_code": "USEA",
                                               "product_sku": SKU, "sellable": 10_000})):
            gc.post(path, json=body).raise_for_status()
        fc.post("/sandbox/stock", json={"sku": SKU, "quantity": 10_000}).raise_for_status()
        fc.post("/sandbox/stages", json={"received_s": 1, "planning_s": 1, "processing_s": 1}).raise_for_status()
        # Amazon's documented 2 requests/s would make this a test of our patience; the rate
        # limits have their own tests (tests/integration/fba)
        for operation in FBA_OPERATIONS:
            fc.post("/sandbox/usage-plans", json={"operation": operation, "rate": 200, "burst": 200}).raise_for_status()
        yield Providers(goodcang, fba, gc, fc)


def provider_warehouses(app, providers: Providers) -> tuple[tuple[str, str], tuple[str, str]]:
    """(warehouse, channel) of Goodcang's USEA and of the amazon.com FBA warehouse, adopted."""
    client_id, client_secret, refresh_token = DEMO_AMAZON_CLIENT
    credentials = (GoodcangCredentials(DEMO_APP_KEY, DEMO_APP_TOKEN, providers.goodcang.base_url),
                   AmazonCredentials(client_id, client_secret, refresh_token, endpoint=providers.fba.base_url,
                                     lwa_url=providers.fba.lwa_url))
    routes = []
    for (name, code), creds in zip((("Goodcang", "USEA"), ("Amazon US", "")), credentials):
        account = app.warehouses.authorize_provider_account.execute(AuthorizeProviderAccountCommand(OWNER, name, creds))
        adopted = app.warehouses.adopt_provider_warehouse.execute(AdoptProviderWarehouseCommand(OWNER, account.id, code))
        routes.append((adopted.warehouse.id, adopted.channels[0].id))
    return routes[0], routes[1]


def _crash_run(scene, providers: Providers, count: int, kills: int, seed: int) -> None:
    (gc_warehouse, gc_channel), (fba_warehouse, fba_channel) = provider_warehouses(scene.app, providers)
    shop = seller_shop(scene.app)
    at_goodcang = audited_packages(scene.app, shop, count // 2, gc_warehouse, gc_channel, SKU)
    at_fba = audited_packages(scene.app, shop, count - count // 2, fba_warehouse, fba_channel, SKU)
    everything = at_goodcang + at_fba
    last_kill = kill_storm(scene.worker, kills, seed=seed, max_lines=max(1, 2 * count // kills))
    views = eventually(lambda: settled(scene.app, everything, PackageState.SHIPPED),
                       until=last_kill + SETTLE_S, what="every package shipped with its tracking numbers",
                       every_s=1.0, explain=lambda: f"{where_they_stand(scene.app, everything)}\n"
                                                    f"{broker_state(scene.env['ERP_BROKER_URL'])}\n{scene.worker.log_tail()}")
    scene.worker.stop()

    with scene.app.uow() as uow:
        references = {p: uow.packages.get(p).reference for p in everything}
    at_warehouse = {o["reference_no"]: o for o in providers.goodcang_control.get("/sandbox/orders").json()["orders"]}
    created = {references[p]: providers.goodcang_control.get(
        "/sandbox/references", params={"reference_no": references[p]}).json()["created"] for p in at_goodcang}
    assert created == {references[p]: 1 for p in at_goodcang}
    assert len(at_warehouse) == len(at_goodcang)
    counts = providers.fba_control.get("/sandbox/orders").json()["counts"]
    assert counts == {seller_fulfillment_order_id(references[p]): {"created": 1, "duplicates": 0} for p in at_fba}

    by_id = {v.id: v for v in views}
    for package_id in at_goodcang:
        order = at_warehouse[references[package_id]]
        assert order["tracking_no"] and order["tracking_no"] in by_id[package_id].tracking_numbers
    numbers = [n for v in views for n in v.tracking_numbers]
    assert len(numbers) == len(set(numbers)), "a tracking number on two packages"
    assert scene.worker.kills == kills
    assert scene.worker.tracebacks() == [], scene.worker.log_tail()


@pytest.mark.parametrize("database", ["sqlite"], indirect=True)  # make soak: both backends, full size
@pytest.mark.timeout(SMALL_TIMEOUT_S)
def test_thirty_packages_at_goodcang_and_fba_through_three_kills_exist_once_and_ship(scene, providers):
    _crash_run(scene, providers, count=30, kills=3, seed=11)


@pytest.mark.soak
@pytest.mark.timeout(SOAK_TIMEOUT_S)
def test_two_hundred_packages_at_goodcang_and_fba_through_twenty_kills_exist_once_and_ship(scene, providers):
    _crash_run(scene, providers, count=200, kills=20, seed=21)
