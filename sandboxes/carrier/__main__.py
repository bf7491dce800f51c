"""Run the sandbox standalone: ``python -m sandboxes.carrier [--port 8602]``."""
from __future__ import annotations

import argparse
import signal
import sys
import threading

from sandboxes.carrier.server import CarrierSandbox
from sandboxes.carrier.store import DEFAULT_TOKEN


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sandboxes.carrier",
                                     description="Run a Shippo-style carrier sandbox.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8602)
    parser.add_argument("--track-after-polls", type=int, default=0, metavar="N",
                        help="answer a new label QUEUED to the next N polls before SUCCESS")
    args = parser.parse_args(argv)
    sandbox = CarrierSandbox(host=args.host, port=args.port)
    sandbox.store.set_time_to_track(args.track_after_polls, 0)
    try:
        sandbox.start()
    except OSError as error:
        print(f"Cannot listen on {args.host}:{args.port}: {error.strerror}. Pick another --port.",
              file=sys.stderr)
        return 2
    print(f"Carrier sandbox on {sandbox.base_url}   (control API: GET {sandbox.base_url}/sandbox)\n"
          f"  Authorization: ShippoToken {DEFAULT_TOKEN}", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        while not stop.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    sandbox.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
