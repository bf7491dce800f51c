"""``CarrierSandbox``: one HTTP server with the Shippo-style carrier API and the control API.

Point a client at ``sandbox.base_url`` instead of ``https://api.goshippo.com``; authenticate
with ``Authorization: ShippoToken shippo_test_sandbox`` (or a token added with ``/sandbox/tokens``).
"""
from __future__ import annotations

from sandboxes.carrier.http_server import CarrierHttpServer
from sandboxes.carrier.store import CarrierStore
from sandboxes.kit.server import SandboxServer


class CarrierSandbox(SandboxServer[CarrierHttpServer]):
    """The sandbox server. ``start()`` serves in a daemon thread; usable as a context manager."""

    thread_name = "carrier-sandbox"

    def __init__(self, store: CarrierStore | None = None, host: str = "127.0.0.1", port: int = 0) -> None:
        self.store = store if store is not None else CarrierStore()
        super().__init__(host, port)

    def _make_server(self, address: tuple[str, int]) -> CarrierHttpServer:
        return CarrierHttpServer(address, self.store)
