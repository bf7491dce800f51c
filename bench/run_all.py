"""``make bench``: every benchmark on SQLite, and on PostgreSQL too when ERP_BENCH_POSTGRES_URL is
set, printed as figures and ratios against a baseline measured in the same run.

Each PostgreSQL benchmark gets a fresh database named after the one in the URL (``<name>_shops``,
``<name>_orders``, ``<name>_sync``, ``<name>_desk``, …), created and dropped through the server's ``postgres`` database (the URL's role needs CREATEDB).
"""
from __future__ import annotations

import os
import subprocess
import sys

import sqlalchemy as sa

BENCHES = {
    "shops": ["bench.shop_rpc_load", "--seconds", "20", "--rounds", "3"],
    "orders": ["bench.order_rpc_load", "--seconds", "20", "--rounds", "3"],
    "read path": ["bench.read_path_cpu"],
    "sync": ["bench.sync_history", "--orders", "20000"],
    "export": ["bench.export_orders", "--orders", "100000"],
    "activity": ["bench.activity_log_cost"],
    "feed": ["bench.event_feed", "--backlog", "20000", "--clients", "20", "--seconds", "10"],
    "desk": ["bench.order_desk_load", "--orders", "200000", "--seconds", "10"],
    "labels": ["bench.labels_end_to_end", "--orders", "5000"],
    "routes": ["bench.provider_routes", "--packages", "5000", "--first", "1000"],
    "marking": ["bench.auto_mark", "--orders", "10000"],
}


def main() -> int:
    for name, bench in BENCHES.items():
        subprocess.run([sys.executable, "-m", *bench, "--db", "sqlite"], check=True)
    subprocess.run([sys.executable, "-m", "bench.label_throughput", "--packages", "200"], check=True)  # no database
    postgres = os.environ.get("ERP_BENCH_POSTGRES_URL")
    if postgres:
        for name, bench in BENCHES.items():
            with fresh_database(postgres, name) as url:
                subprocess.run([sys.executable, "-m", *bench, "--db", url], check=True)
    return 0


class fresh_database:
    def __init__(self, url: str, suffix: str) -> None:
        self._server = sa.make_url(url)
        self._name = f"{self._server.database}_{suffix}"

    def __enter__(self) -> str:
        self._execute(f'DROP DATABASE IF EXISTS "{self._name}" WITH (FORCE)', f'CREATE DATABASE "{self._name}"')
        return self._server.set(database=self._name).render_as_string(hide_password=False)

    def __exit__(self, *exc: object) -> None:
        self._execute(f'DROP DATABASE IF EXISTS "{self._name}" WITH (FORCE)')

    def _execute(self, *statements: str) -> None:
        engine = sa.create_engine(self._server.set(database="postgres"), isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            for statement in statements:
                conn.exec_driver_sql(statement)
        engine.dispose()


if __name__ == "__main__":
    sys.exit(main())
