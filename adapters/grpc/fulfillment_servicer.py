"""``erp.v1.FulfillmentService``: protobuf -> use case -> protobuf, nothing more.

Errors of the call are raised (the error interceptor answers them); the errors of one order of
a batch are that order's ``OrderResult.status``.
"""
from __future__ import annotations

import grpc

from adapters.grpc import fulfillment_requests as requests
from adapters.grpc.call_context import current_principal, current_request_id
from adapters.grpc.fulfillment_mappers import package_to_proto, result_to_proto
from adapters.grpc.gen.erp.v1 import fulfillment_service_pb2 as pb
from adapters.grpc.gen.erp.v1 import fulfillment_service_pb2_grpc as pb_grpc
from adapters.grpc.server_factory import ExtraService
from application.packages.facade import PackageUseCases
from application.packages.packing_commands import Caller

Context = grpc.ServicerContext
FULFILLMENT_SERVICE = pb.DESCRIPTOR.services_by_name["FulfillmentService"].full_name


class FulfillmentServicer(pb_grpc.FulfillmentServiceServicer):
    def __init__(self, packages: PackageUseCases) -> None:
        self._p = packages

    def AssignFulfillment(self, request: pb.AssignFulfillmentRequest, context: Context) -> pb.AssignFulfillmentResponse:
        orders, warehouse, channel, request_id = requests.assign_args(request)
        results = self._p.packing.assign(Caller(current_principal(), request_id), orders, warehouse, channel)
        return pb.AssignFulfillmentResponse(results=[result_to_proto(r, current_request_id()) for r in results])

    def SplitOrder(self, request: pb.SplitOrderRequest, context: Context) -> pb.SplitOrderResponse:
        order, parts, request_id = requests.split_args(request)
        made = self._p.packing.split(Caller(current_principal(), request_id), order, parts)
        return pb.SplitOrderResponse(packages=[package_to_proto(v) for v in self._p.views(made)])

    def MergeOrders(self, request: pb.MergeOrdersRequest, context: Context) -> pb.MergeOrdersResponse:
        orders, request_id = requests.merge_args(request)
        made = self._p.packing.merge(Caller(current_principal(), request_id), orders)
        views = self._p.views(made)
        return pb.MergeOrdersResponse(package=package_to_proto(views[0]) if views else None)

    def UndoSplitOrMerge(self, request: pb.UndoSplitOrMergeRequest, context: Context) -> pb.UndoSplitOrMergeResponse:
        order, request_id = requests.one_order(request.order, request.request_id)
        made = self._p.packing.undo(Caller(current_principal(), request_id), order)
        return pb.UndoSplitOrMergeResponse(packages=[package_to_proto(v) for v in self._p.views(made)])

    def AuditOrders(self, request: pb.AuditOrdersRequest, context: Context) -> pb.AuditOrdersResponse:
        orders, request_id = requests.batch_args(request.orders, request.request_id)
        results = self._p.packing.audit(Caller(current_principal(), request_id), orders)
        return pb.AuditOrdersResponse(results=[result_to_proto(r, current_request_id()) for r in results])

    def ListPackages(self, request: pb.ListPackagesRequest, context: Context) -> pb.ListPackagesResponse:
        page = self._p.list(current_principal(), requests.list_args(request), request.page_size, request.page_token)
        return pb.ListPackagesResponse(packages=[package_to_proto(v) for v in page.items],
                                       next_page_token=page.next_page_token, total_size=page.total_size)

    def GetPackage(self, request: pb.GetPackageRequest, context: Context) -> pb.GetPackageResponse:
        package_id, _ = requests.package_id(request.name)
        return pb.GetPackageResponse(package=package_to_proto(self._p.get(current_principal(), package_id)))

    def GetLabel(self, request: pb.GetLabelRequest, context: Context) -> pb.GetLabelResponse:
        package_id, _ = requests.package_id(request.name)
        document = self._p.get_label.execute(current_principal(), package_id)
        return pb.GetLabelResponse(content=document.content, media_type=document.media_type)

    def VoidLabel(self, request: pb.VoidLabelRequest, context: Context) -> pb.VoidLabelResponse:
        package_id, request_id = requests.package_id(request.name, request.request_id)
        self._p.void_label.execute(current_principal(), package_id, request_id)
        return pb.VoidLabelResponse(package=package_to_proto(self._p.get(current_principal(), package_id)))

    def CancelPackage(self, request: pb.CancelPackageRequest, context: Context) -> pb.CancelPackageResponse:
        package_id, request_id = requests.package_id(request.name, request.request_id)
        self._p.cancel_package.execute(current_principal(), package_id, request_id)
        return pb.CancelPackageResponse(package=package_to_proto(self._p.get(current_principal(), package_id)))


def fulfillment_services(packages: PackageUseCases) -> list[ExtraService]:
    """``erp.v1.FulfillmentService``, ready for ``create_server(..., extra_services=...)``."""
    return [ExtraService(FULFILLMENT_SERVICE, lambda server: pb_grpc.add_FulfillmentServiceServicer_to_server(
        FulfillmentServicer(packages), server))]
