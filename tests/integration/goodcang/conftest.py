"""A Goodcang sandbox on a free port, seeded with the demo account, and clients of it."""
from __future__ import annotations

from typing import Any, Iterator

import httpx
import pytest

from adapters.threepl.goodcang import GoodcangClient
from adapters.threepl.goodcang_config import GoodcangConfig
from adapters.threepl.goodcang_values import OutboundLine, OutboundRequest, Recipient
from sandboxes.goodcang import DEMO_APP_KEY, DEMO_APP_TOKEN, GoodcangSandbox, seed_demo

REVIEW_S, PICK_S = 60.0, 240.0


@pytest.fixture
def sandbox() -> Iterator[GoodcangSandbox]:
    with GoodcangSandbox() as running:
        seed_demo(running.registry, qps=1000)
        running.registry.set_timing(REVIEW_S, PICK_S)
        yield running


@pytest.fixture
def api(sandbox: GoodcangSandbox) -> Iterator[httpx.Client]:
    """Raw HTTP with the demo credentials, to send what our client never would."""
    headers = {"app-key": DEMO_APP_KEY, "app-token": DEMO_APP_TOKEN}
    with httpx.Client(base_url=sandbox.base_url + "/", headers=headers, timeout=10) as client:
        yield client


@pytest.fixture
def control(sandbox: GoodcangSandbox) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=sandbox.root_url, timeout=10) as client:
        yield client


@pytest.fixture
def client(sandbox: GoodcangSandbox) -> Iterator[GoodcangClient]:
    config = GoodcangConfig(DEMO_APP_KEY, DEMO_APP_TOKEN, base_url=sandbox.base_url, timeout_s=1.0,
                            deadline_s=20.0, max_retries=3, backoff_base_s=0.01, qps=1000)
    goodcang = GoodcangClient(config)
    yield goodcang
    goodcang.close()


def order_body(**overrides: Any) -> dict[str, Any]:
    """A create_order body Goodcang accepts; overrides replace fields (None removes one)."""
    body: dict[str, Any] = {
        "reference_no": "PKG-0001", "platform": "OTHER", "shipping_method": "FEDEX-SMALLPARCEL",
        "warehouse_code": "USEA", "country_code": "US", "province": "FL", "city": "Miami",
        "address1": "2225 5th Ave", "zipcode": "33000", "name": "Katiu", "verify": 1,
        "items": [{"product_sku": "DEMO-MUG-01", "quantity": 1}]}
    body.update(overrides)
    return {k: v for k, v in body.items() if v is not None}


def outbound(reference_no: str = "PKG-0001", *lines: tuple[str, int], channel: str = "FEDEX-SMALLPARCEL",
             **recipient: str) -> OutboundRequest:
    address = {"name": "Katiu", "line1": "2225 5th Ave", "city": "Miami", "state": "FL",
               "postal_code": "33000", "country_code": "US", **recipient}
    items = tuple(OutboundLine(sku, qty) for sku, qty in (lines or (("DEMO-MUG-01", 1),)))
    return OutboundRequest(reference_no, "USEA", channel, Recipient(**address), items)


def refusal(answer: httpx.Response) -> str:
    """The errMessage of a Goodcang failure envelope (and that it is one)."""
    envelope = answer.json()
    assert envelope["ask"] == "Failure", envelope
    assert envelope["Error"]["errMessage"] == envelope["message"]
    return envelope["message"]
