"""The Temu adapter against the Temu sandbox over real HTTP on a loopback port."""
from dataclasses import dataclass

import httpx
import pytest

from adapters.temu.config import TemuConfig
from adapters.temu.logistics import TemuLogistics
from adapters.temu.orders import TemuOrderSource
from adapters.temu.rate_limit import AppKeyRateLimiter
from sandboxes.temu.registry import SandboxRegistry
from sandboxes.temu.server import TemuSandbox
from adapters.temu.token_inspector import TemuTokenInspector
from adapters.temu.transport import TemuClient
from application.ports.temu import TemuAccess
from domain.shop_kinds import Region, ShopKind
from domain.token import TokenText

APP_KEY, APP_SECRET = "it-app-key", "it-app-secret-4f1c9d"


@dataclass
class Temu:
    """One running sandbox, its registry and a client of the adapter pointed at it."""

    sandbox: TemuSandbox
    registry: SandboxRegistry
    client: TemuClient

    def config(self, **options) -> TemuConfig:
        return TemuConfig.for_base_url(self.sandbox.base_url, APP_KEY, APP_SECRET, **options)

    def new_client(self, limiter=None, **options) -> TemuClient:
        return TemuClient(self.config(**options), limiter=limiter or AppKeyRateLimiter(20))

    def inspector(self) -> TemuTokenInspector:
        return TemuTokenInspector(self.client)

    def orders(self) -> TemuOrderSource:
        return TemuOrderSource(self.client)

    def logistics(self) -> TemuLogistics:
        return TemuLogistics(self.client)

    def local_mall(self) -> int:
        return self.registry.add_mall(100, name="Local shop")

    def local_token(self, mall: int) -> str:
        return self.registry.issue_token(mall, gateway="us", region_id=211, kind="local", app_key=APP_KEY)

    def semi_mall(self) -> int:
        return self.registry.add_mall(1, name="Semi shop")

    def order_token(self, mall: int, region: Region = Region.US, **kw) -> str:
        gateway, region_id = ("us", 211) if region is Region.US else ("eu", 210)
        return self.registry.issue_token(mall, gateway=gateway, region_id=region_id, kind="order",
                                         app_key=APP_KEY, **kw)

    def access(self, token: str, region: Region = Region.US, kind: ShopKind = ShopKind.CROSS_BORDER) -> TemuAccess:
        return TemuAccess(shop_id="shop-1", region=region, kind=kind, token=TokenText(token))


@pytest.fixture(scope="module")
def sandbox():
    sandbox = TemuSandbox(SandboxRegistry()).start()
    yield sandbox
    sandbox.stop()


@pytest.fixture(scope="module")
def http():
    # NOTE: one connection pool per module: building an httpx.Client (its TLS context) costs
    # about 0.3 s, which every test paid before.
    with httpx.Client(timeout=httpx.Timeout(10.0, connect=3.0), follow_redirects=False) as client:
        yield client


@pytest.fixture
def temu(sandbox, http):
    """A clean sandbox holding only our app, and a fresh client of the adapter (fresh rate
    limiter and clock offset; the connection pool is the module's)."""
    sandbox.registry.reset()
    sandbox.registry.add_app(APP_KEY, APP_SECRET, qps=20)
    client = TemuClient(TemuConfig.for_base_url(sandbox.base_url, APP_KEY, APP_SECRET), http,
                        limiter=AppKeyRateLimiter(20))
    yield Temu(sandbox, sandbox.registry, client)
    client.close()
