"""A ``ThreadingHTTPServer`` that can close its kept-alive connections, and the start/stop
lifecycle of a sandbox serving it from a daemon thread."""
from __future__ import annotations

import socket
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Generic, Self, TypeVar


class TrackingHttpServer(ThreadingHTTPServer):
    """Tracks open connections so ``close_connections`` can end them; ``stopping`` wakes held answers."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128  # socketserver's 5 drops simultaneous connects (1 s SYN retry)

    def __init__(self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler]) -> None:
        self.stopping = threading.Event()
        self._connections: set[socket.socket] = set()
        self._lock = threading.Lock()
        super().__init__(address, handler)

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that went away before its answer (a worker killed mid-call, a timeout) is
        the client's business, not a sandbox error: no traceback for it."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)

    def track(self, connection: socket.socket, open_: bool) -> None:
        with self._lock:
            (self._connections.add if open_ else self._connections.discard)(connection)

    def close_connections(self) -> None:
        """Wake held answers and end kept-alive connections, whose threads would otherwise wait."""
        self.stopping.set()
        with self._lock:
            for connection in self._connections:
                try:
                    connection.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass


S = TypeVar("S", bound=TrackingHttpServer)


class SandboxServer(Generic[S]):
    """``start()`` serves in a daemon thread; usable as a context manager. Subclasses build the server."""

    thread_name = "sandbox"

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self._server: S | None = None
        self._thread: threading.Thread | None = None

    def _make_server(self, address: tuple[str, int]) -> S:
        raise NotImplementedError

    def start(self) -> Self:
        if self._server is not None:
            raise RuntimeError("The sandbox is already running.")
        self._server = self._make_server((self.host, self.port))
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name=f"{self.thread_name}-{self.port}", daemon=True)
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
        return self.root_url

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
