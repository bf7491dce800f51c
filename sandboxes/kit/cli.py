"""The command-line runner every sandbox's ``__main__`` uses: parse, start, print, wait, stop."""
from __future__ import annotations

import argparse
import signal
import sys
import threading
from typing import Callable, Protocol


class Startable(Protocol):
    def start(self) -> object: ...

    def stop(self) -> None: ...


def parser(prog: str, description: str, port: int) -> argparse.ArgumentParser:
    """A parser with ``--host`` and ``--port``; the sandbox adds its own options."""
    result = argparse.ArgumentParser(prog=prog, description=description)
    result.add_argument("--host", default="127.0.0.1")
    result.add_argument("--port", type=int, default=port)
    return result


def start(sandbox: Startable, host: str, port: int) -> bool:
    """Start the sandbox; False (having said why on stderr) when the port is not free."""
    try:
        sandbox.start()
    except OSError as error:
        print(f"Cannot listen on {host}:{port}: {error.strerror}. Pick another --port.", file=sys.stderr)
        return False
    return True


def wait_for_stop() -> None:
    """Block until SIGTERM or Ctrl-C."""
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        while not stop.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass


def run(sandbox: Startable, host: str, port: int, banner: Callable[[], str]) -> int:
    """Start, print ``banner()`` (the URLs exist once started), serve until stopped; the exit
    status (2: the port is not free)."""
    if not start(sandbox, host, port):
        return 2
    print(banner(), flush=True)
    wait_for_stop()
    sandbox.stop()
    return 0
