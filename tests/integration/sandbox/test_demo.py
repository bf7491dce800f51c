"""The demo world and the standalone sandbox process behind ``make run``."""
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from sandboxes.temu import SandboxRegistry, TemuSandbox, seed_demo
from sandboxes.temu.live import LiveOrders

from .conftest import Temu
from sandboxes.temu.seed import DEMO_SKU_ORDERS

ROOT = Path(__file__).resolve().parents[3]
INFO = "bg.open.accesstoken.info.get"


def test_the_demo_seed_is_the_same_world_every_time():
    first, second = SandboxRegistry(), SandboxRegistry()

    assert seed_demo(first) == seed_demo(second)
    assert first.order_sns() == second.order_sns()


def test_every_demo_token_answers_on_its_gateway(sandbox, http):
    sandbox.registry.reset()
    seed = seed_demo(sandbox.registry)
    temu = Temu(sandbox, http, seed.app_key, seed.app_secret)

    us = temu.call(INFO, seed.us_order_token)["result"]
    eu = temu.call("bg.order.list.v2.get", seed.eu_order_token, "eu")["result"]
    local = temu.call(INFO, seed.local_token)["result"]
    product = temu.call("bg.open.accesstoken.info.get.global", seed.product_token, "pa")
    wrong = temu.call(INFO, seed.wrong_token)["result"]

    assert (us["mallId"], us["mallType"]) == (634418, 1)
    assert eu["totalItemNum"] == 200 + DEMO_SKU_ORDERS  # the generated ones and the MUG-BLUE ones
    assert (local["mallId"], local["mallType"]) == (734501, 100)
    assert product["success"] is True
    assert "bg.order.list.v2.get" not in wrong["apiScopeList"]
    assert "bg.btg.goods.stock.quantity.get" in wrong["apiScopeList"]


def test_live_orders_add_new_orders_and_move_existing_ones():
    registry = SandboxRegistry()
    seed = seed_demo(registry)
    before = {o["parentOrderSn"]: o["updateTime"] for o in registry.orders()}
    registry.clock.advance(60)

    LiveOrders(registry, seed, every=1).tick()

    after = registry.orders()
    assert len(after) == len(before) + 1
    assert any(o["updateTime"] != before[o["parentOrderSn"]] for o in after
               if o["parentOrderSn"] in before)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_standalone_sandbox_serves_the_demo_and_stops_cleanly_on_sigterm():
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "sandboxes.temu", "--port", str(port), "--seed", "demo",
         "--live-orders-every", "0.2", "--quiet"],
        cwd=ROOT, stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        banner = process.stdout.readline()
        assert f"http://127.0.0.1:{port}" in banner
        first = httpx.get(f"http://127.0.0.1:{port}/sandbox").json()["orders"]
        time.sleep(0.5)
        later = httpx.get(f"http://127.0.0.1:{port}/sandbox").json()["orders"]
        assert first >= 650 and later > first
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=5) == 0


def test_a_sandbox_can_be_stopped_while_a_client_keeps_a_connection_open():
    sandbox = TemuSandbox().start()
    http = httpx.Client()
    http.get(f"{sandbox.base_url}/sandbox")
    started = time.monotonic()

    sandbox.stop()

    assert time.monotonic() - started < 2
    http.close()
