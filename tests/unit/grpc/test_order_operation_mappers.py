"""Sync runs as long-running operations: done, response and error shapes, and the round trip."""
from __future__ import annotations

from datetime import timedelta

import pytest
from google.rpc import code_pb2, error_details_pb2

from adapters.grpc.errors import DOMAIN
from adapters.grpc.gen.erp.v1 import order_service_pb2 as pb
from adapters.grpc.order_operation_mappers import operation_to_proto, run_view_from_operation
from domain.sync import RunStatus, SyncKind
from tests.unit.grpc.fake_order_use_cases import run_view
from tests.unit.grpc.fake_shop_use_cases import NOW


def metadata_of(op) -> pb.SyncOrdersMetadata:
    meta = pb.SyncOrdersMetadata()
    assert op.metadata.Unpack(meta)
    return meta


def running_run(**changes):
    progress = dict(status="RUNNING", pages_done=3, pages_estimate=8, orders_seen=300, created=120, updated=170,
                    skipped=10, percent=37.5, errors=("page 2: one order skipped",),
                    started_at=NOW + timedelta(seconds=2))
    return run_view("3f2c1a9e-6b7d-4c1e-9a51-2b0e8d4f7c10", **{**progress, **changes})


@pytest.mark.parametrize("status", list(RunStatus), ids=lambda s: s.value)
@pytest.mark.parametrize("kind", list(SyncKind), ids=lambda k: k.value)
def test_every_run_survives_the_round_trip_through_an_operation(status, kind):
    finished = NOW + timedelta(minutes=1) if status in (RunStatus.SUCCEEDED, RunStatus.FAILED) else None
    view = running_run(kind=kind.value, status=status.value, finished_at=finished)
    assert run_view_from_operation(operation_to_proto(view)) == view


def test_a_running_sync_is_not_done_and_its_metadata_shows_the_progress():
    op = operation_to_proto(running_run())
    meta = metadata_of(op)
    assert op.name == "operations/3f2c1a9e-6b7d-4c1e-9a51-2b0e8d4f7c10" and not op.done
    assert op.WhichOneof("result") is None
    assert meta.shop == "shops/alice-1" and meta.state == pb.SYNC_STATE_RUNNING and meta.kind == pb.SYNC_KIND_MANUAL
    assert (meta.pages_done, meta.pages_estimate, meta.orders_seen, meta.percent) == (3, 8, 300, 37.5)
    assert (meta.orders_created, meta.orders_updated, meta.orders_skipped) == (120, 170, 10)
    assert meta.HasField("start_time") and not meta.HasField("end_time")


def test_a_pending_sync_has_no_start_time_yet():
    meta = metadata_of(operation_to_proto(run_view("r1")))
    assert meta.state == pb.SYNC_STATE_PENDING and not meta.HasField("start_time")


def test_a_succeeded_sync_is_done_with_the_counts_as_its_response():
    op = operation_to_proto(running_run(status="SUCCEEDED", percent=100.0, finished_at=NOW + timedelta(minutes=1)))
    result = pb.SyncOrdersResult()
    assert op.done and op.WhichOneof("result") == "response" and op.response.Unpack(result)
    assert (result.shop, result.pages_done, result.orders_seen) == ("shops/alice-1", 3, 300)
    assert (result.orders_created, result.orders_updated, result.orders_skipped) == (120, 170, 10)
    assert metadata_of(op).HasField("end_time")


def test_a_failed_sync_is_done_with_an_aborted_error_quoting_the_last_error():
    op = operation_to_proto(running_run(status="FAILED", errors=("first", "the shop is disabled or gone"),
                                        finished_at=NOW + timedelta(minutes=1)))
    info = error_details_pb2.ErrorInfo()
    assert op.done and op.WhichOneof("result") == "error"
    assert op.error.code == code_pb2.ABORTED and "the shop is disabled or gone" in op.error.message
    assert len(op.error.details) == 1 and op.error.details[0].Unpack(info)
    assert (info.reason, info.domain, info.metadata["operation"]) == ("SYNC_RUN_FAILED", DOMAIN, op.name)


def test_a_failed_sync_without_recorded_errors_still_has_a_message():
    op = operation_to_proto(run_view("r1", status="FAILED", finished_at=NOW))
    assert op.error.message.strip()


def test_a_sync_waiting_for_reauthorization_is_not_done_and_says_so():
    op = operation_to_proto(running_run(status="WAITING_REAUTH", errors=("SHOP_REAUTHORIZATION_REQUIRED",)))
    meta = metadata_of(op)
    assert not op.done and op.WhichOneof("result") is None
    assert meta.state == pb.SYNC_STATE_WAITING_REAUTH and "re-authorization required" in meta.state_message
