import sys, time, random, statistics
import sqlalchemy as sa
from adapters.persistence.engine import make_engine
from adapters.persistence.order_reader import SqlOrderReader
from adapters.persistence.tables import order_terms
from application.orders.views import OrderFilter
from application.orders.search import OrderSort, SortField
from bench.order_desk_load import FIRST, LAST
e = make_engine(sys.argv[1]); r = SqlOrderReader(e); rng = random.Random(3)
with e.connect() as c:
    sns = list(c.execute(sa.select(order_terms.c.term).where(order_terms.c.field == "sn", order_terms.c.term.like("211-%")).order_by(sa.func.random()).limit(5000)).scalars())
cases = {
  "CountOrders(all)": lambda: r.count(OrderFilter()),
  "CountOrders(one shop, TO_REVIEW+name)": lambda: r.count(OrderFilter(recipient_name="john")),
  "child number": lambda: r.list(OrderFilter(order_sns=(rng.choice(sns),)), 50, ""),
  "recipient name": lambda: r.list(OrderFilter(recipient_name=f"{rng.choice(FIRST)} {rng.choice(LAST)}".lower()), 50, ""),
  "500 numbers": lambda: r.list(OrderFilter(order_sns=tuple(rng.sample(sns, 499)) + ("211-missing",)), 100, ""),
  "ship-by page 50": lambda: r.list(OrderFilter(), 50, "", OrderSort(SortField.SHIP_BY_TIME, False)),
}
for name, fn in cases.items():
    fn(); ts = []
    for _ in range(30):
        t = time.perf_counter(); fn(); ts.append((time.perf_counter() - t) * 1000)
    ts.sort()
    print(f"{name:<40} median {statistics.median(ts):6.1f} ms  max {ts[-1]:6.1f} ms")
import cProfile, pstats
pr = cProfile.Profile(); pr.enable()
for _ in range(10): cases["child number"]()
pr.disable(); pstats.Stats(pr).sort_stats("tottime").print_stats(12)
