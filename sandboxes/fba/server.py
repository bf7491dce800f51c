"""``FbaSandbox``: one HTTP server with LWA, the SP-API operations and the control API.

Point an adapter's SP-API endpoint at ``sandbox.base_url`` instead of
``https://sellingpartnerapi-na.amazon.com`` and its LWA URL at ``sandbox.lwa_url`` instead of
``https://api.amazon.com/auth/o2/token``.
"""
from __future__ import annotations

from sandboxes.fba.http_server import FbaHttpServer
from sandboxes.fba.registry import FbaRegistry
from sandboxes.kit.server import SandboxServer


class FbaSandbox(SandboxServer[FbaHttpServer]):
    """The sandbox server. ``start()`` serves in a daemon thread; usable as a context manager."""

    thread_name = "fba-sandbox"

    def __init__(self, registry: FbaRegistry | None = None, host: str = "127.0.0.1", port: int = 0) -> None:
        self.registry = registry if registry is not None else FbaRegistry()
        super().__init__(host, port)

    def _make_server(self, address: tuple[str, int]) -> FbaHttpServer:
        return FbaHttpServer(address, self.registry)

    @property
    def lwa_url(self) -> str:
        return f"{self.base_url}/auth/o2/token"
