"""Ad hoc: what the search terms and kept counts add to storing new orders (add_new), 20,000
orders in pages of 100, one unit of work per page; with and without, alternated."""
import sys, time, tempfile, random
from collections import Counter
from adapters.persistence import order_repository as repo
from adapters.persistence.engine import make_engine, make_session_factory
from adapters.persistence.keyring import Keyring
from adapters.persistence.mappers import map_all
from adapters.persistence.uow import SqlAlchemyUnitOfWork
from bench.shop_rpc_load import seed
from bench.order_desk_load import _order
from datetime import datetime, timezone

real_terms, real_keys = repo.term_rows, repo.order_counts.keys_of

def run(url, with_terms, n=20000):
    repo.term_rows = real_terms if with_terms else (lambda orders: [])
    repo.order_counts.keys_of = real_keys if with_terms else (lambda *a: Counter())
    keyring = Keyring.generate("k1")
    key, shops = seed(url, keyring, 3)
    engine = make_engine(url); sessions = make_session_factory(engine)
    rng, now = random.Random(1), datetime.now(timezone.utc)
    orders = [_order(i, shops[i % 3], rng, now) for i in range(n)]
    c0, w0 = time.process_time(), time.perf_counter()
    for s in range(0, n, 100):
        with SqlAlchemyUnitOfWork(sessions, keyring) as uow:
            uow.orders.add_new(orders[s:s + 100]); uow.commit()
    c, w = time.process_time() - c0, time.perf_counter() - w0
    engine.dispose()
    return c, w

if __name__ == "__main__":
    map_all()
    pg = sys.argv[1] if len(sys.argv) > 1 else None
    import sqlalchemy as sa
    for rnd in range(2):
        for with_terms in (True, False):
            if pg:
                admin = sa.create_engine(pg, isolation_level="AUTOCOMMIT")
                with admin.connect() as conn:
                    conn.exec_driver_sql("DROP DATABASE IF EXISTS erp_desk_w WITH (FORCE)"); conn.exec_driver_sql("CREATE DATABASE erp_desk_w")
                admin.dispose()
                url = sa.make_url(pg).set(database="erp_desk_w").render_as_string(hide_password=False)
            else:
                url = f"sqlite:///{tempfile.mkdtemp()}/w.db"
            c, w = run(url, with_terms)
            print(f"{'pg' if pg else 'sqlite'} terms+counts={with_terms}: {c:.2f} s CPU, {w:.2f} s wall", flush=True)
