"""ExportOrders (issue 13): CSV and XLSX of 10,000 and of 100,000 stored orders, orders/s and peak memory,
next to a bare walk that only reads the same batches of rows, measured in the same run.

    .venv/bin/python -m bench.export_orders [--orders 100000] [--formats csv,xlsx] [--db postgresql+psycopg://…/empty_db]

Both exports run in this process through the use case and the servicer's CSV encoder (what the
RPC streams, without the network); the chunks are counted and dropped, as a client writing them
to a file would. Peak memory is tracemalloc's peak during one export, in a second pass (tracing
slows Python down, so the orders/s come from the untraced pass). Flat memory: the 100,000-order
peak is about the 10,000-order one.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
import tracemalloc
from datetime import datetime, timedelta, timezone

from adapters.grpc.export_files import csv_chunks, xlsx_chunks
from adapters.persistence.keyring import Keyring
from application.orders.queries import ListOrdersQuery
from bench.order_rpc_load import seed_orders
from bench.shop_rpc_load import seed
from bootstrap import build_app
from bootstrap.settings import Settings
from adapters.temu.config import TemuConfig
from domain.principal import Principal, Role

COLUMNS = ["order", "shop", "parent_order_sn", "child_order_sns", "state", "create_time", "ship_by_time",
           "seller_skus", "product_names", "quantities", "total_quantity", "tags"]


def export_bytes(app, query: ListOrdersQuery, encode=csv_chunks) -> tuple[int, int]:
    """(bytes, rows) of the whole file."""
    size = rows = 0
    for chunk in encode(app.desk.export.execute(query, COLUMNS)):
        size, rows = size + len(chunk.data), rows + chunk.rows
    return size, rows


def bare_walk(app, query: ListOrdersQuery) -> int:
    flt = app.orders._queries.order_filter(query)  # noqa: SLF001  (the same filter, for the baseline only)
    return sum(len(batch) for batch in app.desk.export._orders.batches(flt, 1000))  # noqa: SLF001


def measure(app, query: ListOrdersQuery, encode) -> dict:
    began = time.perf_counter()
    bare_rows = bare_walk(app, query)
    bare_s = time.perf_counter() - began
    began = time.perf_counter()
    size, rows = export_bytes(app, query, encode)
    export_s = time.perf_counter() - began
    tracemalloc.start()
    export_bytes(app, query, encode)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert rows == bare_rows, (rows, bare_rows)
    return {"rows": rows, "mb": size / 1e6, "export_s": export_s, "bare_s": bare_s, "peak_mb": peak / 1e6}


def main() -> int:
    args = _parser().parse_args()
    url = f"sqlite:///{tempfile.mkdtemp(prefix='erp-bench-')}/export.db" if args.db == "sqlite" else args.db
    keyring = Keyring.generate("k1")
    _, shop_ids = seed(url, keyring, 1)
    began = time.perf_counter()
    seed_orders(url, keyring, shop_ids[0], args.orders)
    print(f"seeded {args.orders} orders in {time.perf_counter() - began:.1f} s")
    app = build_app(Settings(database_url=url), TemuConfig.for_base_url("http://127.0.0.1:9", "k", "s"),
                    keyring=keyring)
    admin = Principal("bench", "bench", Role.ADMIN)
    # seed_orders spaces the orders 25 s apart, newest first: the newest tenth is a time range
    newest = datetime.now(timezone.utc) - timedelta(seconds=25 * args.orders // 10 - 12)
    backend = "sqlite" if args.db == "sqlite" else "postgresql"
    print(f"\nExportOrders, {len(COLUMNS)} columns, backend={backend} (baseline: the bare batch walk)")
    for fmt, encode in (("CSV", csv_chunks), ("XLSX", xlsx_chunks)):
        if fmt.lower() not in args.formats.split(","):
            continue
        for label, query in ((f"{args.orders // 10:,} orders", ListOrdersQuery(admin, created_from=newest)),
                             (f"{args.orders:,} orders", ListOrdersQuery(admin))):
            m = measure(app, query, encode)
            print(f"  {fmt:>4} {label:>15}: {m['rows'] / m['export_s']:7.0f} orders/s ({m['export_s']:.1f} s, "
                  f"{m['mb']:.1f} MB), {m['export_s'] / m['bare_s']:.2f}x the bare walk "
                  f"({m['rows'] / m['bare_s']:.0f} orders/s); peak traced memory {m['peak_mb']:.1f} MB")
    app.temu.close()
    app.engine.dispose()
    return 0


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser()
    p.add_argument("--db", default="sqlite")
    p.add_argument("--orders", type=int, default=100_000)
    p.add_argument("--formats", default="csv,xlsx", help="csv, xlsx or csv,xlsx")
    return p


if __name__ == "__main__":
    sys.exit(main())
