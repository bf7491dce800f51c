"""Decode the ``google.rpc.Status`` of a failed call, as a client would."""
from __future__ import annotations

import grpc
from google.protobuf.message import Message
from google.rpc import error_details_pb2, status_pb2
from grpc_status import rpc_status


def rich_status(err: grpc.RpcError) -> tuple[status_pb2.Status, dict[str, Message]]:
    """The status and its details by type name (``"ErrorInfo"``…); fails on a repeated type."""
    status = rpc_status.from_call(err)
    assert status is not None, f"{err.code()} without rich status: {err.details()}"
    details: dict[str, Message] = {}
    for packed in status.details:
        name = packed.TypeName().rsplit(".", 1)[-1]
        assert name not in details, f"{name} appears twice"
        details[name] = getattr(error_details_pb2, name)()
        packed.Unpack(details[name])
    return status, details
