"""Run the sandbox standalone: ``python -m sandboxes.temu [--port 8601] [--seed demo]``."""
from __future__ import annotations

import argparse
import sys
import time

from sandboxes.kit import cli
from sandboxes.temu.live import LiveOrders
from sandboxes.temu.seed import DemoSeed, seed_demo
from sandboxes.temu.server import TemuSandbox
from sandboxes.temu.traffic import CallRecord


_TOKEN_NOTES = {
    "us_order": "order token, US gateway, mall 634418 (semi)",
    "eu_order": "order token, EU gateway, mall 634418 (semi)",
    "product": "product token, PA gateway, mall 634418",
    "local": "local token, US gateway, mall 734501 (local)",
    "wrong": "a product token on the US gateway: not an order token",
}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    sandbox = TemuSandbox(host=args.host, port=args.port)
    seed = seed_demo(sandbox.registry) if args.seed == "demo" else None
    if not cli.start(sandbox, args.host, args.port):
        return 2
    print(_banner(sandbox, seed), flush=True)
    if not args.quiet:
        sandbox.registry.call_book.add_listener(_print_call)
    live = None
    if args.live_orders_every and seed is not None:
        live = LiveOrders(sandbox.registry, seed, args.live_orders_every,
                          on_event=None if args.quiet else _say).start()
    cli.wait_for_stop()
    if live is not None:
        live.stop()
    sandbox.stop()
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = cli.parser("python -m sandboxes.temu", "Run a Temu Open Platform sandbox.", 8601)
    parser.add_argument("--seed", choices=("demo", "none"), default="demo",
                        help="demo: the demo app, malls, tokens and orders (default); none: empty")
    parser.add_argument("--live-orders-every", type=float, default=0, metavar="SECONDS",
                        help="create and advance demo orders every SECONDS (0: off)")
    parser.add_argument("--quiet", action="store_true", help="do not print each call")
    return parser


def _banner(sandbox: TemuSandbox, seed: DemoSeed | None) -> str:
    lines = [f"Temu sandbox on {sandbox.base_url}   (control API: GET {sandbox.base_url}/sandbox)",
             *(f"  gateway {g:<6} {sandbox.gateway_url(g)}" for g in ("us", "eu", "global", "cn", "pa"))]
    if seed is not None:
        lines += [f"  app_key {seed.app_key}   app_secret {seed.app_secret}",
                  *(f"  token {name:<9} {value:<26} {_TOKEN_NOTES[name]}"
                    for name, value in seed.tokens.items())]
    return "\n".join(lines)


def _print_call(call: CallRecord) -> None:
    stamp = time.strftime("%H:%M:%S", time.localtime(call.time))
    _say(f"{stamp} {call.gateway:<6} {call.type or '-':<36} {call.app_key or '-'} → {call.error_code}")


def _say(text: str) -> None:
    print(text, flush=True)


if __name__ == "__main__":
    sys.exit(main())
