"""``GoodcangSandbox``: one HTTP server with Goodcang's OMS API and the control API.

Point a client at ``sandbox.base_url`` (``http://127.0.0.1:<port>/public_open``) instead of
``https://oms.goodcang.net/public_open``.
"""
from __future__ import annotations

import threading

from sandboxes.goodcang.http_server import GoodcangHttpServer
from sandboxes.goodcang.registry import GoodcangRegistry


class GoodcangSandbox:
    """The sandbox server. ``start()`` serves in a daemon thread; usable as a context manager."""

    def __init__(self, registry: GoodcangRegistry | None = None, host: str = "127.0.0.1", port: int = 0) -> None:
        self.registry = registry if registry is not None else GoodcangRegistry()
        self.host, self.port = host, port
        self._server: GoodcangHttpServer | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> "GoodcangSandbox":
        if self._server is not None:
            raise RuntimeError("The sandbox is already running.")
        self._server = GoodcangHttpServer((self.host, self.port), self.registry)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name=f"goodcang-sandbox-{self.port}", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, wake held answers and close every open connection; safe to call twice."""
        server, self._server = self._server, None
        if server is None:
            return
        server.shutdown()
        server.close_connections()
        server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    @property
    def root_url(self) -> str:
        if self._server is None:
            raise RuntimeError("Start the sandbox first: its port is chosen when it starts.")
        host = "127.0.0.1" if self.host in ("", "0.0.0.0") else self.host
        return f"http://{host}:{self.port}"

    @property
    def base_url(self) -> str:
        """The API base, as ``https://oms.goodcang.net/public_open`` is Goodcang's."""
        return f"{self.root_url}/public_open"

    def __enter__(self) -> "GoodcangSandbox":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
