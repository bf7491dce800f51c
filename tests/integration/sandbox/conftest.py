"""The Temu sandbox over real HTTP: one server per module, a clean registry per test."""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from sandboxes.temu import SandboxRegistry, TemuSandbox
from adapters.temu.signing import encode_body, sign

APP_KEY, APP_SECRET = "sbx-app-key", "sbx-app-secret"
US, EU = 211, 210


@dataclass
class Temu:
    """A Temu caller: builds the common parameters, signs them and posts them."""

    sandbox: TemuSandbox
    http: httpx.Client
    app_key: str = APP_KEY
    app_secret: str = APP_SECRET

    def params(self, type_: str, token: str | None, **business: Any) -> dict[str, Any]:
        params = {"type": type_, "app_key": self.app_key, "timestamp": int(time.time()),
                  "data_type": "JSON", "version": "V1", **business}
        if token is not None:
            params["access_token"] = token
        return params

    def call(self, type_: str, token: str | None, gateway: str = "us", **business: Any) -> dict:
        """A correctly signed call; returns the envelope."""
        return self.send(self.params(type_, token, **business), gateway)

    def send(self, params: dict[str, Any], gateway: str = "us", *, signed: bool = True) -> dict:
        """Post ``params`` as they are, signing them first unless ``signed`` is False."""
        body = dict(params)
        if signed:
            body["sign"] = sign(body, self.app_secret)
        response = self.post(gateway, encode_body(body))
        assert response.status_code == 200, response.text
        return response.json()

    def post(self, gateway: str, content: bytes) -> httpx.Response:
        return self.http.post(self.sandbox.gateway_url(gateway), content=content,
                              headers={"Content-Type": "application/json"})

    def orders(self, token: str, gateway: str = "us", **business: Any) -> dict:
        """The result of ``bg.order.list.v2.get``, asserting success."""
        envelope = self.call("bg.order.list.v2.get", token, gateway, **business)
        assert envelope["success"], envelope
        return envelope["result"]


@dataclass
class World:
    """A clean sandbox with our app, one semi-managed mall and its US order token."""

    sandbox: TemuSandbox
    registry: SandboxRegistry
    temu: Temu
    control: httpx.Client
    mall: int
    token: str

    def order_token(self, mall: int | None = None, gateway: str = "us", region_id: int = US,
                    **kw: Any) -> str:
        return self.registry.issue_token(mall or self.mall, gateway=gateway, region_id=region_id,
                                         kind="order", app_key=APP_KEY, **kw)


@pytest.fixture(scope="module")
def sandbox():
    with TemuSandbox() as sandbox:
        yield sandbox


@pytest.fixture(scope="module")
def http():
    with httpx.Client(timeout=10) as client:
        yield client


@pytest.fixture(scope="module")
def control(sandbox):
    with httpx.Client(base_url=sandbox.base_url, timeout=10) as client:
        yield client


@pytest.fixture
def world(sandbox, http, control):
    registry = sandbox.registry
    registry.reset()
    registry.add_app(APP_KEY, APP_SECRET)
    mall = registry.add_mall(1, "Semi shop")
    token = registry.issue_token(mall, gateway="us", region_id=US, kind="order", app_key=APP_KEY)
    return World(sandbox, registry, Temu(sandbox, http), control, mall, token)


def error_of(envelope: dict) -> tuple[int, str]:
    assert envelope["success"] is False and "result" not in envelope, envelope
    return envelope["errorCode"], envelope["errorMsg"]
