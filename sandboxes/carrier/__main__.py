"""Run the sandbox standalone: ``python -m sandboxes.carrier [--port 8602]``."""
from __future__ import annotations

import sys

from sandboxes.carrier.server import CarrierSandbox
from sandboxes.carrier.store import DEFAULT_TOKEN
from sandboxes.kit import cli


def main(argv: list[str] | None = None) -> int:
    parser = cli.parser("python -m sandboxes.carrier", "Run a Shippo-style carrier sandbox.", 8602)
    parser.add_argument("--track-after-polls", type=int, default=0, metavar="N",
                        help="answer a new label QUEUED to the next N polls before SUCCESS")
    args = parser.parse_args(argv)
    sandbox = CarrierSandbox(host=args.host, port=args.port)
    sandbox.store.set_time_to_track(args.track_after_polls, 0)
    return cli.run(sandbox, args.host, args.port, lambda: (
        f"Carrier sandbox on {sandbox.base_url}   (control API: GET {sandbox.base_url}/sandbox)\n"
        f"  Authorization: ShippoToken {DEFAULT_TOKEN}"))


if __name__ == "__main__":
    sys.exit(main())
