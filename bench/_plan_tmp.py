import sys, time
import sqlalchemy as sa
from adapters.persistence.engine import make_engine
from adapters.persistence.order_reader import SqlOrderReader
from adapters.persistence.order_filters import conditions
from adapters.persistence.tables import orders, order_terms
from application.orders.views import OrderFilter
from application.orders.search import OrderSort, SortField
url = sys.argv[1]
e = make_engine(url)
r = SqlOrderReader(e)
with e.connect() as c:
    sns = [x for x in c.execute(sa.select(order_terms.c.term).where(order_terms.c.field=="sn").limit(500)).scalars()]
cases = {"child": OrderFilter(order_sns=(sns[3],)), "name": OrderFilter(recipient_name="john smith"),
         "500": OrderFilter(order_sns=tuple(sns)), "all": OrderFilter()}
for name, flt in cases.items():
    for fn in ("list", "count"):
        t = time.perf_counter()
        for _ in range(3):
            getattr(r, fn)(flt, 50, "") if fn == "list" else r.count(flt)
        print(name, fn, f"{(time.perf_counter()-t)/3*1000:.1f} ms")
t=time.perf_counter(); r.list(OrderFilter(), 50, "", OrderSort(SortField.SHIP_BY_TIME, False)); print("shipby", (time.perf_counter()-t)*1000)
flt = cases[sys.argv[2]] if len(sys.argv) > 2 else cases["child"]
q = sa.select(orders.c.id).where(*conditions(flt, e.connect())).order_by(orders.c.temu_created_at.desc(), orders.c.id.desc()).limit(51)
sql = str(q.compile(e, compile_kwargs={"literal_binds": True}))
with e.connect() as c:
    pre = "EXPLAIN QUERY PLAN " if e.dialect.name == "sqlite" else "EXPLAIN ANALYZE "
    for row in c.exec_driver_sql(pre + sql): print(row[-1] if e.dialect.name=="sqlite" else row[0])
import cProfile, pstats
flt = cases["name"]
from adapters.persistence import order_reader as m
orig = e.connect
pr = cProfile.Profile(); pr.enable(); r.list(flt, 100, ""); pr.disable()
pstats.Stats(pr).sort_stats("cumulative").print_stats(18)
