"""Issue 9, item 9: a short Temu outage is one WARNING line, no traceback; a sync's start and
end are INFO lines naming the shop and the run."""
from __future__ import annotations

import logging

from tests.e2e.orders.sync_helpers import authorize, sandbox_shop, wait_done

TEMU_DOWN = 4000000


def test_a_short_temu_outage_is_one_warning_line_and_the_sync_start_and_end_are_info(stack, caplog):
    caplog.set_level(logging.INFO)
    mall, token = sandbox_shop(stack, orders=10)
    calls_per_failure = stack.app.temu._config.max_retries + 1  # the client's own retries, then it gives up
    stack.temu.inject_fault(error_code=TEMU_DOWN, type="bg.order.list.v2.get", times=calls_per_failure)
    answer = authorize(stack, "Logs", token)
    op = wait_done(stack, answer.history_sync_operation, timeout=90)
    assert op.done and not op.HasField("error")

    run_id, shop_id = answer.history_sync_operation.split("/")[1], answer.shop.name.split("/")[1]
    loud = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(loud) == 1, [r.getMessage() for r in loud]
    assert loud[0].levelno == logging.WARNING and "4000000" in loud[0].getMessage() and "retry 1" in loud[0].getMessage()
    assert not any(r.exc_info for r in caplog.records)
    mine = [r.getMessage() for r in caplog.records if r.levelno == logging.INFO and run_id in r.getMessage()
            and shop_id in r.getMessage()]
    assert any("started" in m for m in mine) and any("succeeded" in m and "created" in m for m in mine), mine
