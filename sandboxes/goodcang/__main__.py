"""Run the sandbox standalone: ``python -m sandboxes.goodcang [--port 8602] [--seed demo|none]``."""
from __future__ import annotations

import sys

from sandboxes.goodcang.seed import seed_demo
from sandboxes.goodcang.server import GoodcangSandbox
from sandboxes.kit import cli


def main(argv: list[str] | None = None) -> int:
    parser = cli.parser("python -m sandboxes.goodcang", "Run a Goodcang OMS open API sandbox.", 8602)
    parser.add_argument("--seed", choices=("demo", "none"), default="demo",
                        help="demo: the demo account, warehouses and stock (default); none: empty")
    parser.add_argument("--review-seconds", type=float, default=60.0, help="C (review) → W (picking)")
    parser.add_argument("--pick-seconds", type=float, default=240.0, help="W (picking) → D (shipped)")
    args = parser.parse_args(argv)
    sandbox = GoodcangSandbox(host=args.host, port=args.port)
    seed = seed_demo(sandbox.registry) if args.seed == "demo" else None
    sandbox.registry.set_timing(args.review_seconds, args.pick_seconds)

    def banner() -> str:
        text = f"Goodcang sandbox: API {sandbox.base_url}   control GET {sandbox.root_url}/sandbox"
        if seed is not None:
            text += (f"\n  app-key {seed['app_key']}   app-token {seed['app_token']}   "
                     f"warehouses {', '.join(seed['warehouses'])}   SKUs {', '.join(seed['skus'])}")
        return text

    return cli.run(sandbox, args.host, args.port, banner)


if __name__ == "__main__":
    sys.exit(main())
