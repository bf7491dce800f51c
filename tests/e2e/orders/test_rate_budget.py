"""Issue 3, acceptance 5: ten shops' history syncs share Temu's 20 requests/s per app key."""
from __future__ import annotations

from collections import Counter

from tests.e2e.conftest import APP_KEY, APP_SECRET
from tests.e2e.orders.sync_helpers import authorize, metadata, wait_done

SHIPPED_MIX = {4: 0.7, 5: 0.2, 3: 0.1}  # nothing to ship: no address calls, only the order pages


def test_a_ten_shop_history_sync_stays_within_the_budget_and_never_fails_for_it(stack):
    stack.temu.add_app(APP_KEY, APP_SECRET, qps=20)  # Temu's real budget from here on
    tokens = []
    for i in range(10):
        mall = stack.temu.add_mall(mall_type=1)
        stack.temu.generate_orders(mall, 211, 700, days=29, seed=20 + i, mix=SHIPPED_MIX)
        tokens.append(stack.temu.issue_token(mall, gateway="us", region_id=211, kind="order", app_key=APP_KEY))
    ops = [authorize(stack, f"Budget {i}", t).history_sync_operation for i, t in enumerate(tokens)]
    for op in ops:
        done = wait_done(stack, op, timeout=180)
        assert done.done and not done.HasField("error") and metadata(done).percent == 100.0
    calls = stack.temu.call_log(APP_KEY)
    per_second = Counter(int(c.time) for c in calls)
    within = sum(1 for n in per_second.values() if n <= 20)
    assert within / len(per_second) >= 0.99, sorted(per_second.values())[-5:]
    assert len([c for c in calls if c.type == "bg.order.list.v2.get" and c.error_code in (None, 1000000)]) >= 70
