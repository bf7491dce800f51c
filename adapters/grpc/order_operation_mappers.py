"""A sync run as a ``google.longrunning.Operation`` (AIP-151), and back.

``name`` is ``operations/{run}``; ``metadata`` packs an ``erp.v1.SyncOrdersMetadata``; ``done``
is true once the run SUCCEEDED (``response`` packs an ``erp.v1.SyncOrdersResult``) or FAILED
(``error`` is ABORTED with the run's last error and an ``ErrorInfo``). A run waiting for
re-authorization is not done: its metadata state says so.
"""
from __future__ import annotations

from google.longrunning import operations_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2

from adapters.grpc.errors import DOMAIN
from adapters.grpc.gen.erp.v1 import order_service_pb2 as pb
from adapters.grpc.mappers import EnumMap, moment, shop_id_from_name, shop_name, timestamp
from adapters.grpc.order_mappers import id_from_name
from application.orders.views import SyncRunView
from domain.sync import RunStatus, SyncKind

SYNC_KINDS = EnumMap(SyncKind, pb.SyncKind, "SYNC_KIND")
SYNC_STATES = EnumMap(RunStatus, pb.SyncState, "SYNC_STATE")
FAILED_REASON = "SYNC_RUN_FAILED"
STATE_MESSAGES = {
    RunStatus.PENDING: "waiting for a worker",
    RunStatus.RUNNING: "fetching pages from Temu",
    RunStatus.SUCCEEDED: "every page of the window is stored",
    RunStatus.FAILED: "failed; start a new sync to try again",
    RunStatus.WAITING_REAUTH: ("re-authorization required: the shop's order token expired or was replaced on "
                               "Temu; the sync goes on from where it stopped once the shop is re-authorized"),
}


def operation_name(run_id: str) -> str:
    return f"operations/{run_id}"


def operation_id_from_name(name: str, field: str) -> str:
    return id_from_name(name, "operations", field)


def metadata_to_proto(view: SyncRunView) -> pb.SyncOrdersMetadata:
    status = RunStatus(view.status)
    meta = pb.SyncOrdersMetadata(
        shop=shop_name(view.shop_id), kind=SYNC_KINDS.to_proto(SyncKind(view.kind)),
        state=SYNC_STATES.to_proto(status), state_message=STATE_MESSAGES[status],
        window_start_time=timestamp(view.window_start), window_end_time=timestamp(view.window_end),
        pages_done=view.pages_done, pages_estimate=view.pages_estimate, orders_seen=view.orders_seen,
        orders_created=view.created, orders_updated=view.updated, orders_skipped=view.skipped,
        percent=view.percent, errors=list(view.errors), create_time=timestamp(view.created_at))
    if view.started_at is not None:
        meta.start_time.CopyFrom(timestamp(view.started_at))
    if view.finished_at is not None:
        meta.end_time.CopyFrom(timestamp(view.finished_at))
    meta.last_error, meta.retry_count = view.last_error or "", view.retries
    if view.last_error_at is not None:
        meta.last_error_time.CopyFrom(timestamp(view.last_error_at))
    if view.next_attempt_at is not None:
        meta.next_attempt_time.CopyFrom(timestamp(view.next_attempt_at))
        meta.state_message = f"retrying at {view.next_attempt_at:%Y-%m-%d %H:%M:%S} UTC after: {view.last_error}"
    return meta


def result_to_proto(view: SyncRunView) -> pb.SyncOrdersResult:
    return pb.SyncOrdersResult(
        shop=shop_name(view.shop_id), window_start_time=timestamp(view.window_start),
        window_end_time=timestamp(view.window_end), pages_done=view.pages_done, orders_seen=view.orders_seen,
        orders_created=view.created, orders_updated=view.updated, orders_skipped=view.skipped)


def failure_to_proto(view: SyncRunView) -> status_pb2.Status:
    """ABORTED: the run will not go on, and a new sync is how to try again (google/rpc/code.proto)."""
    message = view.errors[-1] if view.errors else "The sync run failed."
    info = error_details_pb2.ErrorInfo(reason=FAILED_REASON, domain=DOMAIN, metadata={
        "shop": shop_name(view.shop_id), "operation": operation_name(view.id)})
    status = status_pb2.Status(code=code_pb2.ABORTED, message=f"Order sync failed: {message}")
    status.details.add().Pack(info)
    return status


def operation_to_proto(view: SyncRunView) -> operations_pb2.Operation:
    op = operations_pb2.Operation(name=operation_name(view.id), done=view.done)
    op.metadata.Pack(metadata_to_proto(view))
    if view.status == RunStatus.SUCCEEDED.value:
        op.response.Pack(result_to_proto(view))
    elif view.status == RunStatus.FAILED.value:
        op.error.CopyFrom(failure_to_proto(view))
    return op


def run_view_from_operation(op: operations_pb2.Operation) -> SyncRunView:
    """The inverse of :func:`operation_to_proto`, from its name and metadata (for clients and tests)."""
    meta = pb.SyncOrdersMetadata()
    if not op.metadata.Unpack(meta):
        raise ValueError(f"the metadata is a {op.metadata.TypeName()}, not an erp.v1.SyncOrdersMetadata")
    return SyncRunView(
        id=operation_id_from_name(op.name, "name"), shop_id=shop_id_from_name(meta.shop, "metadata.shop"),
        kind=SYNC_KINDS.from_proto(meta.kind, "metadata.kind", required=True).value,
        status=SYNC_STATES.from_proto(meta.state, "metadata.state", required=True).value,
        window_start=moment(meta.window_start_time), window_end=moment(meta.window_end_time),
        pages_done=meta.pages_done, pages_estimate=meta.pages_estimate, orders_seen=meta.orders_seen,
        created=meta.orders_created, updated=meta.orders_updated, skipped=meta.orders_skipped,
        percent=meta.percent, errors=tuple(meta.errors), created_at=moment(meta.create_time),
        started_at=moment(meta.start_time) if meta.HasField("start_time") else None,
        finished_at=moment(meta.end_time) if meta.HasField("end_time") else None,
        last_error_at=moment(meta.last_error_time) if meta.HasField("last_error_time") else None,
        retries=meta.retry_count,
        next_attempt_at=moment(meta.next_attempt_time) if meta.HasField("next_attempt_time") else None)
