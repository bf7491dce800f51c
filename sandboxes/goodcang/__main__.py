"""Run the sandbox standalone: ``python -m sandboxes.goodcang [--port 8602] [--seed demo|none]``."""
from __future__ import annotations

import argparse
import signal
import sys
import threading

from sandboxes.goodcang.seed import seed_demo
from sandboxes.goodcang.server import GoodcangSandbox


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    sandbox = GoodcangSandbox(host=args.host, port=args.port)
    seed = seed_demo(sandbox.registry) if args.seed == "demo" else None
    sandbox.registry.set_timing(args.review_seconds, args.pick_seconds)
    try:
        sandbox.start()
    except OSError as error:
        print(f"Cannot listen on {args.host}:{args.port}: {error.strerror}. Pick another --port.", file=sys.stderr)
        return 2
    print(f"Goodcang sandbox: API {sandbox.base_url}   control GET {sandbox.root_url}/sandbox", flush=True)
    if seed is not None:
        print(f"  app-key {seed['app_key']}   app-token {seed['app_token']}   "
              f"warehouses {', '.join(seed['warehouses'])}   SKUs {', '.join(seed['skus'])}", flush=True)
    _wait_for_stop()
    sandbox.stop()
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m sandboxes.goodcang",
                                     description="Run a Goodcang OMS open API sandbox.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8602)
    parser.add_argument("--seed", choices=("demo", "none"), default="demo",
                        help="demo: the demo account, warehouses and stock (default); none: empty")
    parser.add_argument("--review-seconds", type=float, default=60.0, help="C (review) → W (picking)")
    parser.add_argument("--pick-seconds", type=float, default=240.0, help="W (picking) → D (shipped)")
    return parser


def _wait_for_stop() -> None:
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        while not stop.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
