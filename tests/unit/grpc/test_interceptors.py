"""Request ids and the access log."""
from __future__ import annotations

import logging
import uuid

import pytest

from domain.errors import NotFound
from tests.unit.grpc.probe_server import Probe
from tests.unit.grpc.rich_status import rich_status


@pytest.fixture(scope="module", params=[False, True], ids=["in-pool", "inline"])
def probe(request):
    probe = Probe(inline=request.param)
    yield probe
    probe.close()


@pytest.fixture(autouse=True)
def answer_ok(probe):
    probe.behaviour = lambda request, context: b"ok"


def echoed_request_id(call) -> str:
    return dict(call.trailing_metadata())["x-request-id"]


def test_the_callers_request_id_is_echoed_in_the_trailing_metadata(probe):
    _, call = probe.call_with_call(metadata=[("x-request-id", "order-sync-17")])
    assert echoed_request_id(call) == "order-sync-17"


def test_a_call_without_request_id_gets_a_fresh_uuid(probe):
    _, first = probe.call_with_call()
    _, second = probe.call_with_call()
    ids = {echoed_request_id(first), echoed_request_id(second)}
    assert len(ids) == 2 and all(uuid.UUID(i) for i in ids)


@pytest.mark.parametrize("bad", ["x" * 129, "has spaces", "semi;colon"])
def test_a_malformed_request_id_is_replaced_by_a_uuid(probe, bad):
    _, call = probe.call_with_call(metadata=[("x-request-id", bad)])
    assert uuid.UUID(echoed_request_id(call))


def test_a_failed_call_echoes_the_request_id_too_next_to_its_error_details(probe):
    def behaviour(request, context):
        raise NotFound("No shop.", resource_type="erp.v1.Shop", resource_name="shops/s1")
    probe.behaviour = behaviour
    err = probe.error(metadata=[("x-request-id", "req-9")])
    _, details = rich_status(err)
    assert echoed_request_id(err) == "req-9" and details["RequestInfo"].request_id == "req-9"


def test_the_access_log_names_method_code_principal_and_request_id_but_not_the_body(probe, caplog):
    with caplog.at_level(logging.INFO, logger="erp.grpc.access"):
        probe.call("body-secret-token-xyz", metadata=[("x-request-id", "req-5")])
    [record] = [r for r in caplog.records if r.name == "erp.grpc.access"]
    line = record.getMessage()
    assert all(part in line for part in ("/test.Probe/Call", "OK", "req-5", "p-admin"))
    assert "body-secret-token-xyz" not in caplog.text and "admin-key-0001" not in caplog.text


def test_the_access_log_records_the_code_of_a_failed_call(probe, caplog):
    def behaviour(request, context):
        raise RuntimeError("bug")
    probe.behaviour = behaviour
    with caplog.at_level(logging.INFO, logger="erp.grpc.access"):
        probe.error()
    [record] = [r for r in caplog.records if r.name == "erp.grpc.access"]
    assert record.rpc_code == "INTERNAL"
