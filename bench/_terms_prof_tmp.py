import random, time, cProfile, pstats
from datetime import datetime, timezone
from bench.order_desk_load import _order
from adapters.persistence.order_terms import term_rows
rng, now = random.Random(1), datetime.now(timezone.utc)
orders = [_order(i, "s", rng, now) for i in range(20000)]
t = time.process_time(); rows = term_rows(orders); print(len(rows), "rows", time.process_time() - t, "s")
pr = cProfile.Profile(); pr.enable(); term_rows(orders[:5000]); pr.disable(); pstats.Stats(pr).sort_stats("tottime").print_stats(8)
