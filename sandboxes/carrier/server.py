"""``CarrierSandbox``: one HTTP server with the Shippo-style carrier API and the control API.

Point a client at ``sandbox.base_url`` instead of ``https://api.goshippo.com``; authenticate
with ``Authorization: ShippoToken shippo_test_sandbox`` (or a token added with ``/sandbox/tokens``).
"""
from __future__ import annotations

import threading

from sandboxes.carrier.http_server import CarrierHttpServer
from sandboxes.carrier.store import CarrierStore


class CarrierSandbox:
    """The sandbox server. ``start()`` serves in a daemon thread; usable as a context manager."""

    def __init__(self, store: CarrierStore | None = None, host: str = "127.0.0.1", port: int = 0) -> None:
        self.store = store if store is not None else CarrierStore()
        self.host, self.port = host, port
        self._server: CarrierHttpServer | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> "CarrierSandbox":
        if self._server is not None:
            raise RuntimeError("The sandbox is already running.")
        self._server = CarrierHttpServer((self.host, self.port), self.store)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name=f"carrier-sandbox-{self.port}", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close every open connection; safe to call twice."""
        server, self._server = self._server, None
        if server is None:
            return
        server.shutdown()
        server.close_connections()
        server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    @property
    def base_url(self) -> str:
        if self._server is None:
            raise RuntimeError("Start the sandbox first: its port is chosen when it starts.")
        host = "127.0.0.1" if self.host in ("", "0.0.0.0") else self.host
        return f"http://{host}:{self.port}"

    def __enter__(self) -> "CarrierSandbox":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
