"""``TemuSandbox``: one HTTP server with every Temu gateway and the control API.

``POST /{us|eu|global|cn|pa}/openapi/router`` speaks the Temu Open Platform protocol;
``/sandbox/…`` is the control API (``control.py``). Point an adapter at
``sandbox.gateway_url("us")`` instead of ``https://openapi-b-us.temu.com/openapi/router``.
"""
from __future__ import annotations

from sandboxes.kit.server import SandboxServer
from sandboxes.temu.catalog import GATEWAYS
from sandboxes.temu.gateway import Gateway
from sandboxes.temu.http_server import SandboxHttpServer
from sandboxes.temu.registry import SandboxRegistry


class TemuSandbox(SandboxServer[SandboxHttpServer]):
    """The sandbox server. ``start()`` serves in a daemon thread; usable as a context manager."""

    thread_name = "temu-sandbox"

    def __init__(self, registry: SandboxRegistry | None = None, host: str = "127.0.0.1",
                 port: int = 0) -> None:
        self.registry = registry if registry is not None else SandboxRegistry()
        self.gateway = Gateway(self.registry)
        super().__init__(host, port)

    def _make_server(self, address: tuple[str, int]) -> SandboxHttpServer:
        return SandboxHttpServer(address, self.registry, self.gateway)

    def gateway_url(self, gateway: str) -> str:
        if gateway not in GATEWAYS:
            raise ValueError(f"gateway must be one of {', '.join(GATEWAYS)}, got {gateway!r}.")
        return f"{self.base_url}/{gateway}/openapi/router"
