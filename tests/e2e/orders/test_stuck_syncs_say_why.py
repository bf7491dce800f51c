"""Issue 9, item 7: a sync that cannot go on says why on its operation, and a token that cannot
be read stops its shop with a reason instead of a retry storm."""
from __future__ import annotations

import time

import dramatiq
import sqlalchemy as sa
from dramatiq.middleware import Middleware
from google.longrunning import operations_pb2

from adapters.grpc.gen.erp.v1 import shop_pb2, shop_service_pb2 as spb
from adapters.persistence.tables import shop_tokens
from tests.e2e.orders.sync_helpers import authorize, eventually, metadata, sandbox_shop, wait_done

TEMU_DOWN = 4000000  # Temu's "system busy": transient


def _operation(stack, name: str) -> operations_pb2.Operation:
    return stack.operations().GetOperation(operations_pb2.GetOperationRequest(name=name), metadata=stack.md())


class _Attempts(Middleware):
    """Counts the deliveries of one actor's messages that a worker processed."""

    def __init__(self, actor_name: str) -> None:
        self.actor_name, self.count = actor_name, 0

    def after_process_message(self, broker, message, *, result=None, exception=None):
        if message.actor_name == self.actor_name:
            self.count += 1


def test_a_temu_outage_shows_on_the_operation_with_the_retry_and_the_next_attempt(stack):
    mall, token = sandbox_shop(stack, orders=30)
    stack.temu.inject_fault(error_code=TEMU_DOWN, type="bg.order.list.v2.get")
    op_name = authorize(stack, "Outage", token).history_sync_operation

    md = eventually(lambda: (m := metadata(_operation(stack, op_name))).retry_count >= 1 and m, timeout=60)

    assert md, "the operation never showed a retry"
    assert "UPSTREAM_UNAVAILABLE" in md.last_error and md.HasField("last_error_time")
    assert md.HasField("next_attempt_time") and md.next_attempt_time.ToSeconds() >= md.last_error_time.ToSeconds()
    assert "retrying" in md.state_message
    stack.temu.clear_faults()
    op = wait_done(stack, op_name, timeout=120)
    assert op.done and not op.HasField("error")
    after = metadata(op)
    assert after.retry_count == 0 and not after.HasField("next_attempt_time") and after.orders_created > 0


def test_a_token_that_no_longer_decrypts_stops_the_shop_with_a_reason_and_no_retry_storm(stack):
    attempts = _Attempts("orders.sync_run")
    dramatiq.get_broker().add_middleware(attempts)
    mall, token = sandbox_shop(stack, orders=5)
    stack.temu.inject_fault(error_code=TEMU_DOWN, type="bg.order.list.v2.get")  # hold the run back
    answer = authorize(stack, "Tampered", token)
    eventually(lambda: metadata(_operation(stack, answer.history_sync_operation)).retry_count >= 1, timeout=60)
    with stack.app.engine.begin() as conn:  # the stored token is altered: it no longer decrypts
        blob = conn.execute(sa.select(shop_tokens.c.ciphertext)).scalar_one()
        conn.execute(shop_tokens.update().values(ciphertext=blob[:-1] + bytes([blob[-1] ^ 1])))
    stack.temu.clear_faults()

    def stopped():
        shop = stack.shops().GetShop(spb.GetShopRequest(name=answer.shop.name), metadata=stack.md()).shop
        return shop if shop.auth_status == shop_pb2.AUTH_STATUS_REAUTH_REQUIRED else None

    shop = eventually(stopped, timeout=60)
    assert shop, "the shop was never marked for re-authorization"
    assert "cannot be decrypted" in shop.reauthorization_reason
    md = metadata(_operation(stack, answer.history_sync_operation))
    assert "TOKEN_UNREADABLE" in md.last_error and md.HasField("last_error_time")
    assert "re-authorization required" in md.state_message
    seen = attempts.count
    time.sleep(3)  # longer than any retry backoff the run could be in
    assert attempts.count == seen <= 3  # the Temu failure, the unreadable token; no retries after
