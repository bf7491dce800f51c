"""Run the sandbox standalone: ``python -m sandboxes.fba [--port 8602]``."""
from __future__ import annotations

import sys

from sandboxes.fba.server import FbaSandbox
from sandboxes.kit import cli

DEMO_CLIENT_ID = "amzn1.application-oa2-client.sandbox-demo"
DEMO_CLIENT_SECRET = "amzn1.oa2-cs.v1.sandbox-demo-secret"
DEMO_REFRESH_TOKEN = "Atzr|sandbox-demo-refresh-token"
DEMO_STOCK = {"DEMO-SKU-1": 500, "DEMO-SKU-2": 500}


def main(argv: list[str] | None = None) -> int:
    args = cli.parser("python -m sandboxes.fba", "Run an Amazon SP-API (FBA outbound) sandbox.", 8602).parse_args(argv)
    sandbox = FbaSandbox(host=args.host, port=args.port)
    sandbox.registry.add_client(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_REFRESH_TOKEN)
    for sku, quantity in DEMO_STOCK.items():
        sandbox.registry.set_stock(sku, quantity)
    return cli.run(sandbox, args.host, args.port, lambda: (
        f"FBA sandbox on {sandbox.base_url}   (control API: GET {sandbox.base_url}/sandbox)\n"
        f"  LWA token URL  {sandbox.lwa_url}\n  client_id      {DEMO_CLIENT_ID}\n"
        f"  client_secret  {DEMO_CLIENT_SECRET}\n  refresh_token  {DEMO_REFRESH_TOKEN}\n"
        f"  stock          {', '.join(f'{k}={v}' for k, v in DEMO_STOCK.items())}"))


if __name__ == "__main__":
    sys.exit(main())
