"""``FbaSandbox``: one HTTP server with LWA, the SP-API operations and the control API.

Point an adapter's SP-API endpoint at ``sandbox.base_url`` instead of
``https://sellingpartnerapi-na.amazon.com`` and its LWA URL at ``sandbox.lwa_url`` instead of
``https://api.amazon.com/auth/o2/token``.
"""
from __future__ import annotations

import threading

from sandboxes.fba.http_server import FbaHttpServer
from sandboxes.fba.registry import FbaRegistry


class FbaSandbox:
    """The sandbox server. ``start()`` serves in a daemon thread; usable as a context manager."""

    def __init__(self, registry: FbaRegistry | None = None, host: str = "127.0.0.1", port: int = 0) -> None:
        self.registry = registry if registry is not None else FbaRegistry()
        self.host, self.port = host, port
        self._server: FbaHttpServer | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> "FbaSandbox":
        if self._server is not None:
            raise RuntimeError("The sandbox is already running.")
        self._server = FbaHttpServer((self.host, self.port), self.registry)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name=f"fba-sandbox-{self.port}", daemon=True)
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

    @property
    def lwa_url(self) -> str:
        return f"{self.base_url}/auth/o2/token"

    def __enter__(self) -> "FbaSandbox":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
