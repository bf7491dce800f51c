"""Issue 14, item 2: Prometheus scrapes the server's metrics over HTTP, by the names and labels
docs/operations.md lists."""
from __future__ import annotations

from datetime import datetime, timezone

import grpc
import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from adapters.grpc.gen.erp.v1 import order_service_pb2 as opb, shop_service_pb2 as spb
from adapters.persistence.engine import make_engine
from adapters.persistence.metrics import DatabaseCollector
from tests.e2e.orders.sync_helpers import authorize, eventually, sandbox_shop, wait_done


def scrape(url: str) -> dict[str, list]:
    """Every sample by family name: ``[(sample name, labels, value)]``."""
    answer = httpx.get(url, timeout=10)
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/plain")
    return {f.name: [(s.name, s.labels, s.value) for s in f.samples]
            for f in text_string_to_metric_families(answer.text)}


def labels_of(samples: list, name: str) -> list[dict]:
    return [labels for sample, labels, _ in samples if sample == name]


def test_a_scrape_shows_rpcs_temu_calls_shops_outbox_and_queues(observed):
    _, token = sandbox_shop(observed, orders=30)
    shop = authorize(observed, "Metered", token)
    wait_done(observed, shop.history_sync_operation)
    observed.shops().GetShop(spb.GetShopRequest(name=shop.shop.name), metadata=observed.md())
    with pytest.raises(grpc.RpcError):
        observed.orders().GetOrder(opb.GetOrderRequest(name="orders/missing"), metadata=observed.md())
    shop_id = shop.shop.name.removeprefix("shops/")

    metrics = eventually(lambda: (m := scrape(observed.metrics_url)) and "erp_shop_sync_lag_seconds" in m
                         and m["erp_shop_sync_lag_seconds"] and m)
    rpcs = labels_of(metrics["erp_grpc_server_handling_seconds"], "erp_grpc_server_handling_seconds_count")
    assert {"grpc_service": "erp.v1.ShopService", "grpc_method": "GetShop", "grpc_code": "OK"} in rpcs
    assert {"grpc_service": "erp.v1.OrderService", "grpc_method": "GetOrder", "grpc_code": "NOT_FOUND"} in rpcs
    assert {"type": "bg.order.list.v2.get", "code": "ok"} in labels_of(metrics["erp_temu_calls"],
                                                                       "erp_temu_calls_total")
    assert labels_of(metrics["erp_temu_call_duration_seconds"], "erp_temu_call_duration_seconds_count")
    assert labels_of(metrics["erp_temu_rate_limit_wait_seconds"], "erp_temu_rate_limit_wait_seconds_count") == [{}]
    assert "erp_temu_rate_limit_refused" in metrics
    [(_, _, qps)] = metrics["erp_temu_rate_limit_qps"]
    assert 1.0 <= qps <= 20.0  # TEMU_QPS, or less after a refusal (the limiter is per process and app key)
    assert metrics["erp_metrics_database_up"] == [("erp_metrics_database_up", {}, 1.0)]
    assert {"shop": shop_id, "name": "Metered", "region": "US"} in labels_of(metrics["erp_shop_info"], "erp_shop_info")
    [(_, _, lag)] = [s for s in metrics["erp_shop_sync_lag_seconds"] if s[1] == {"shop": shop_id}]
    assert 0 <= lag < 3600
    [(_, _, days)] = [s for s in metrics["erp_shop_token_expiry_days"] if s[1] == {"shop": shop_id}]
    assert days > 0
    assert "erp_shop_sync_last_error_timestamp_seconds" in metrics
    assert [s[0] for s in metrics["erp_outbox_unsent_events"]] == ["erp_outbox_unsent_events"]
    assert metrics["erp_outbox_oldest_unsent_age_seconds"][0][2] >= 0
    queues = {labels["queue"] for labels in labels_of(metrics["erp_queue_messages"], "erp_queue_messages")}
    assert {"orders", "addresses", "shops", "orders.DQ"} <= queues
    ages = {labels["queue"] for labels in labels_of(metrics["erp_queue_oldest_message_age_seconds"],
                                                    "erp_queue_oldest_message_age_seconds")}
    assert ages == queues - {q for q in queues if q.endswith(".DQ")}


def test_a_scrape_while_the_database_is_down_says_so_and_leaves_the_database_gauges_out():
    down = make_engine("postgresql+psycopg://erp:erp@127.0.0.1:9/erp?connect_timeout=1")
    try:
        families = list(DatabaseCollector(down, lambda: datetime.now(timezone.utc)).collect())
        assert [(f.name, [s.value for s in f.samples]) for f in families] == [("erp_metrics_database_up", [0.0])]
    finally:
        down.dispose()
