"""``google.longrunning.Operations`` over the order sync runs (AIP-151): GetOperation and
ListOperations (newest first, the caller's shops only, filter ``shop = "shops/ID" AND done = false``).

The other methods answer UNIMPLEMENTED with a message saying what to use instead. They set
the status themselves rather than raise: an unimplemented method is an answer, not an error
of the request, and raising would log a stack trace for every such call.
"""
from __future__ import annotations

import grpc
from google.longrunning import operations_pb2, operations_pb2_grpc
from google.protobuf import empty_pb2

from adapters.grpc import order_requests as requests
from adapters.grpc.call_context import current_principal
from adapters.grpc.order_operation_mappers import operation_to_proto
from application.orders.facade import OrderUseCases

OPERATIONS_SERVICE = operations_pb2.DESCRIPTOR.services_by_name["Operations"].full_name


def _unimplemented(context: grpc.ServicerContext, method: str, why: str) -> None:
    context.set_code(grpc.StatusCode.UNIMPLEMENTED)
    context.set_details(f"{OPERATIONS_SERVICE}.{method} is not implemented: {why}.")


class OperationsServicer(operations_pb2_grpc.OperationsServicer):
    def __init__(self, orders: OrderUseCases) -> None:
        self._orders = orders

    def GetOperation(self, request: operations_pb2.GetOperationRequest,
                     context: grpc.ServicerContext) -> operations_pb2.Operation:
        run = self._orders.get_operation(current_principal(), requests.operation_id(request))
        return operation_to_proto(run)

    def ListOperations(self, request: operations_pb2.ListOperationsRequest,
                       context: grpc.ServicerContext) -> operations_pb2.ListOperationsResponse:
        page = self._orders.list_operations(requests.operations_query(request, current_principal()))
        return operations_pb2.ListOperationsResponse(
            operations=[operation_to_proto(run) for run in page.items], next_page_token=page.next_page_token)

    def CancelOperation(self, request: operations_pb2.CancelOperationRequest,
                        context: grpc.ServicerContext) -> empty_pb2.Empty:
        _unimplemented(context, "CancelOperation", "a sync run cannot be cancelled; it stops when its window is done")
        return empty_pb2.Empty()

    def DeleteOperation(self, request: operations_pb2.DeleteOperationRequest,
                        context: grpc.ServicerContext) -> empty_pb2.Empty:
        _unimplemented(context, "DeleteOperation", "sync runs are kept as the shop's sync history")
        return empty_pb2.Empty()

    def WaitOperation(self, request: operations_pb2.WaitOperationRequest,
                      context: grpc.ServicerContext) -> operations_pb2.Operation:
        _unimplemented(context, "WaitOperation", "poll GetOperation instead")
        return operations_pb2.Operation()
