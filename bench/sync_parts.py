"""What each write of the history sync costs: the sync of ``bench.sync_history`` run in a child
process with parts of its store path left out or done another way, the variants alternated, on
one sandbox, so that their differences are measured in the same minutes.

    .venv/bin/python -m bench.sync_parts --orders 20000 --rounds 3 [--db postgresql+psycopg://…/erp_bench]
        [--variants ",terms,activity,outbox,all-derived,bindslow,skuread"]

A variant names what is changed ("" is the code as it is; several joined by "+", such as
"terms+outbox"):

- ``terms``: no search terms or SKU terms written; ``skus``: no SKU rows; ``activity``: no
  activity entries; ``outbox``: no events; ``all-derived``: none of these four (what the sync
  stored before the order desk and the change feed).
- ``bindslow``: SQLite timestamps through the generic ``process_bind_param`` instead of the one-
  step text (``UTCDateTime.bind_processor``).
- ``skuread``: every SKU term inserted with ON CONFLICT DO NOTHING instead of reading the known
  ones first (``SqlOrderRepository._add_sku_terms``).

Leaving a part out breaks what the product promises (search, the activity log, the change feed):
these variants exist to measure, never to run. With ``--db`` on PostgreSQL each child gets a fresh
database of that name (dropped and created through the server's ``postgres`` database).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time

import sqlalchemy as sa

from adapters.temu.config import TemuConfig
from adapters.temu.transport import TemuClient
from bench import sync_history
from bench.sync_history import APP_KEY, APP_SECRET, bare_fetch, shop_with_history
from sandboxes.temu.server import TemuSandbox

DERIVED = ("terms", "skus", "activity", "outbox")


class _Nothing:
    def execute(self, *args, **kwargs) -> None:
        pass


def _change(variant: set[str]) -> None:
    """In the child, before the sync starts."""
    import adapters.persistence.activity as activity
    import adapters.persistence.order_repository as repo
    import adapters.persistence.outbox as outbox
    import adapters.persistence.types as types
    if "all-derived" in variant:
        variant |= set(DERIVED)
    if "terms" in variant:
        repo._INSERT_TERMS = _Nothing()
        repo.SqlOrderRepository._add_sku_terms = lambda self, lines: None
    if "skus" in variant:
        repo._INSERT_SKUS = _Nothing()
    if "activity" in variant:
        activity.SqlActivityLog.order_created = lambda self, *a: None
    if "outbox" in variant:
        outbox._INSERT = _Nothing()
    if "bindslow" in variant:
        types.UTCDateTime.bind_processor = lambda self, dialect: sa.TypeDecorator.bind_processor(self, dialect)
    if "skuread" in variant:
        def insert_all(self, lines) -> None:
            wanted = repo.sku_term_rows(lines)
            if wanted:
                statement = repo.insert_for(self._session, repo.sku_terms).on_conflict_do_nothing()
                self._session.connection().execute(
                    statement, [{"field": f, "term": t, "seller_sku": sku} for f, t, sku in sorted(wanted)])
        repo.SqlOrderRepository._add_sku_terms = insert_all


def child(args: argparse.Namespace) -> None:
    _change(set(filter(None, args.variant.split("+"))))
    sync_history.child(args)  # prints the sync's figures as JSON


def _database(db: str) -> str:
    if db == "sqlite":
        return f"sqlite:///{tempfile.mkdtemp(prefix='erp-bench-')}/sync.db"
    url = sa.make_url(db)
    admin = sa.create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{url.database}"')
        conn.exec_driver_sql(f'CREATE DATABASE "{url.database}"')
    admin.dispose()
    return url.render_as_string(hide_password=False)


def main() -> int:
    args = _parser().parse_args()
    if args.child:
        child(args)
        return 0
    registry, token = shop_with_history(args.orders)
    variants = args.variants.split(",")
    figures: dict[str, list[tuple[float, float]]] = {v: [] for v in variants}
    with TemuSandbox(registry) as sandbox:
        now = int(time.time())
        client = TemuClient(TemuConfig.for_base_url(sandbox.base_url, APP_KEY, APP_SECRET, qps=100_000))
        bare = [bare_fetch(client, token, now - 30 * 86400, now)[0]]
        for _ in range(args.rounds):
            for variant in variants:
                sync = sync_history.sync_in_child("bench.sync_parts", _database(args.db), sandbox.base_url, token,
                                                  "--variant", variant)
                figures[variant].append((sync["seconds"], sync["cpu_s"]))
            bare.append(bare_fetch(client, token, now - 30 * 86400, now)[0])
    bare_s = statistics.median(bare)
    print(f"\nhistory sync of {args.orders} orders, {args.rounds} rounds, bare loop median {bare_s:.2f} s")
    print(f"{'variant':<24}{'sync s (each round)':<28}{'median':>8}{'ratio':>8}{'CPU s':>8}")
    for variant, runs in figures.items():
        seconds = statistics.median(s for s, _ in runs)
        print(f"{variant or '(as it is)':<24}{', '.join(f'{s:.2f}' for s, _ in runs):<28}{seconds:8.2f}"
              f"{seconds / bare_s:8.2f}{statistics.median(c for _, c in runs):8.2f}")
    return 0


def _parser() -> argparse.ArgumentParser:
    p = sync_history._parser()
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--variants", default=",terms,activity,outbox,all-derived")
    p.add_argument("--variant", default="")
    return p


if __name__ == "__main__":
    sys.exit(main())
