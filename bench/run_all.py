"""``make bench``: every benchmark on SQLite (PostgreSQL too when ERP_BENCH_POSTGRES_URL names an
empty database), printed as figures and ratios against a baseline measured in the same run."""
from __future__ import annotations

import os
import subprocess
import sys

BENCHES = [
    ["bench.shop_rpc_load", "--seconds", "20"],
    ["bench.order_rpc_load", "--seconds", "20"],
    ["bench.sync_history", "--orders", "20000"],
]


def main() -> int:
    dbs = ["sqlite"] + ([os.environ["ERP_BENCH_POSTGRES_URL"]] if os.environ.get("ERP_BENCH_POSTGRES_URL") else [])
    for db in dbs:
        for bench in BENCHES:
            subprocess.run([sys.executable, "-m", *bench, "--db", db], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
