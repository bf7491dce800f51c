"""``erp.v1.MarkShippedService``: protobuf -> use case -> protobuf, nothing more. The errors of
one order of a MarkShipped call are that order's ``MarkShippedResult.status``."""
from __future__ import annotations

import grpc
from google.rpc import status_pb2

from adapters.grpc.call_context import current_principal, current_request_id
from adapters.grpc.errors import status_for
from adapters.grpc.fulfillment_requests import resource_id
from adapters.grpc.gen.erp.v1 import mark_shipped_service_pb2 as pb
from adapters.grpc.gen.erp.v1 import mark_shipped_service_pb2_grpc as pb_grpc
from adapters.grpc.mappers import EnumMap, shop_name, timestamp
from adapters.grpc.server_factory import ExtraService
from adapters.grpc.shop_requests import Checks
from application.mark_shipped.facade import MarkShippedUseCases
from application.mark_shipped.marking import MarkResult
from application.mark_shipped.views import UploadFilter, UploadView
from application.ports.temu_logistics import SellerWarehouse
from application.packages.batch import MAX_BATCH
from domain.temu_warehouse_binding import BindingTarget, TemuWarehouseBinding
from domain.upload import UploadState

Context = grpc.ServicerContext
MARK_SHIPPED_SERVICE = pb.DESCRIPTOR.services_by_name["MarkShippedService"].full_name
UPLOAD_STATES = EnumMap(UploadState, pb.UploadState, "UPLOAD_STATE")


class MarkShippedServicer(pb_grpc.MarkShippedServiceServicer):
    def __init__(self, use_cases: MarkShippedUseCases) -> None:
        self._u = use_cases

    def MarkShipped(self, request: pb.MarkShippedRequest, context: Context) -> pb.MarkShippedResponse:
        c = Checks()
        if len(request.orders) > MAX_BATCH:
            c.add("orders", f"at most {MAX_BATCH} (this request has {len(request.orders)})")
        elif not request.orders and not request.package:
            c.add("orders", "name 1 to 500 orders, or a package")
        orders = tuple(resource_id(c, n, "orders", f"orders[{i}]") for i, n in enumerate(request.orders[:MAX_BATCH]))
        package = resource_id(c, request.package, "packages", "package") if request.package else ""
        request_id = c.request_id(request.request_id)
        c.done()
        results = self._u.mark.execute(current_principal(), orders, package, request_id or "")
        return pb.MarkShippedResponse(results=[_result(r, current_request_id()) for r in results])

    def ListMarkShipped(self, request: pb.ListMarkShippedRequest, context: Context) -> pb.ListMarkShippedResponse:
        c = Checks()
        c.page(request.page_size, request.page_token)
        if len(request.shops) > 100:
            c.add("shops", "at most 100")
        shops = tuple(resource_id(c, s, "shops", f"shops[{i}]") for i, s in enumerate(request.shops[:100]))
        states = tuple(c.check(lambda v=v, i=i: UPLOAD_STATES.from_proto(v, f"states[{i}]", required=True))
                       for i, v in enumerate(request.states[:20]))
        after = c.moment(request, "changed_after", "changed_after")
        before = c.moment(request, "changed_before", "changed_before")
        c.done()
        flt = UploadFilter(shop_ids=shops, states=states, changed_after=after, changed_before=before)
        page = self._u.list(current_principal(), flt, request.page_size, request.page_token)
        return pb.ListMarkShippedResponse(uploads=[upload_to_proto(v) for v in page.items],
                                          next_page_token=page.next_page_token, total_size=page.total_size)

    def RetryMarkShipped(self, request: pb.RetryMarkShippedRequest, context: Context) -> pb.RetryMarkShippedResponse:
        c = Checks()
        upload_id = _upload_id(c, request.name)
        c.done()
        return pb.RetryMarkShippedResponse(upload=upload_to_proto(self._u.retry.execute(current_principal(), upload_id)))

    def SetAutomaticMarking(self, request: pb.SetAutomaticMarkingRequest,
                            context: Context) -> pb.SetAutomaticMarkingResponse:
        c = Checks()
        shop = resource_id(c, request.shop, "shops", "shop")
        c.done()
        on = self._u.automatic.set(current_principal(), shop, request.enabled)
        return pb.SetAutomaticMarkingResponse(automatic_marking=pb.AutomaticMarking(shop=shop_name(shop), enabled=on))

    def GetAutomaticMarking(self, request: pb.GetAutomaticMarkingRequest,
                            context: Context) -> pb.GetAutomaticMarkingResponse:
        c = Checks()
        shop = resource_id(c, request.shop, "shops", "shop")
        c.done()
        on = self._u.automatic.get(current_principal(), shop)
        return pb.GetAutomaticMarkingResponse(automatic_marking=pb.AutomaticMarking(shop=shop_name(shop), enabled=on))


    def ListTemuWarehouses(self, request: pb.ListTemuWarehousesRequest,
                           context: Context) -> pb.ListTemuWarehousesResponse:
        c = Checks()
        shop = resource_id(c, request.shop, "shops", "shop")
        c.done()
        found = self._u.temu_warehouses.list_temu_warehouses(current_principal(), shop)
        return pb.ListTemuWarehousesResponse(temu_warehouses=[_temu_warehouse(w) for w in found])

    def BindTemuWarehouse(self, request: pb.BindTemuWarehouseRequest, context: Context) -> pb.BindTemuWarehouseResponse:
        c = Checks()
        shop = resource_id(c, request.shop, "shops", "shop")
        target, target_id = _target(c, request)
        c.required(request.temu_warehouse, "temu_warehouse")
        c.done()
        binding = self._u.temu_warehouses.bind(current_principal(), shop, target, target_id, request.temu_warehouse)
        return pb.BindTemuWarehouseResponse(binding=_binding(binding))

    def ListTemuWarehouseBindings(self, request: pb.ListTemuWarehouseBindingsRequest,
                                  context: Context) -> pb.ListTemuWarehouseBindingsResponse:
        c = Checks()
        shop = resource_id(c, request.shop, "shops", "shop")
        c.done()
        found = self._u.temu_warehouses.list(current_principal(), shop)
        return pb.ListTemuWarehouseBindingsResponse(bindings=[_binding(b) for b in found])

    def UnbindTemuWarehouse(self, request: pb.UnbindTemuWarehouseRequest,
                            context: Context) -> pb.UnbindTemuWarehouseResponse:
        c = Checks()
        shop = resource_id(c, request.shop, "shops", "shop")
        target, target_id = _target(c, request)
        c.done()
        self._u.temu_warehouses.unbind(current_principal(), shop, target, target_id)
        return pb.UnbindTemuWarehouseResponse()

    def UpdateTracking(self, request: pb.UpdateTrackingRequest, context: Context) -> pb.UpdateTrackingResponse:
        c = Checks()
        package = resource_id(c, request.package, "packages", "package")
        c.required(request.tracking_number, "tracking_number")
        c.done()
        view, numbers = self._u.update_tracking.execute(current_principal(), package, request.old_tracking_number,
                                                        request.tracking_number)
        return pb.UpdateTrackingResponse(upload=upload_to_proto(view), tracking_numbers=list(numbers))

    def ListTemuCarriers(self, request: pb.ListTemuCarriersRequest, context: Context) -> pb.ListTemuCarriersResponse:
        c = Checks()
        shop = resource_id(c, request.shop, "shops", "shop")
        if request.region_id <= 0:
            c.add("region_id", "a Temu region id such as 211")
        c.done()
        found = self._u.temu_carriers.list_temu_carriers(current_principal(), shop, request.region_id)
        return pb.ListTemuCarriersResponse(carriers=[
            pb.TemuCarrierEntry(temu_carrier_id=x.carrier_id, display_name=x.name, brand=x.brand) for x in found])

    def MapTemuCarrier(self, request: pb.MapTemuCarrierRequest, context: Context) -> pb.MapTemuCarrierResponse:
        c = Checks()
        channel = resource_id(c, request.channel, "channels", "channel")
        shop = resource_id(c, request.shop, "shops", "shop")
        if request.region_id <= 0:
            c.add("region_id", "a Temu region id such as 211")
        if request.temu_carrier_id <= 0:
            c.add("temu_carrier_id", "one of the ids ListTemuCarriers returns")
        c.done()
        mapped = self._u.temu_carriers.map(current_principal(), shop, channel, request.region_id,
                                           request.temu_carrier_id)
        return pb.MapTemuCarrierResponse(channel=f"channels/{channel}", region_id=mapped.region_id,
                                         temu_carrier_id=mapped.carrier_id, temu_carrier_name=mapped.carrier_name)


def _target(c: Checks, request) -> tuple[BindingTarget, str]:
    if bool(request.warehouse) == bool(request.channel):
        c.add("warehouse", "name exactly one of warehouse and channel")
        return BindingTarget.WAREHOUSE, ""
    if request.warehouse:
        return BindingTarget.WAREHOUSE, resource_id(c, request.warehouse, "warehouses", "warehouse")
    return BindingTarget.CHANNEL, resource_id(c, request.channel, "channels", "channel")


def _temu_warehouse(w: SellerWarehouse) -> pb.TemuWarehouse:
    return pb.TemuWarehouse(temu_warehouse=w.warehouse_id, display_name=w.name, is_default=w.is_default,
                            region_id=w.region_id or 0, buy_label_enabled=w.buy_label_enabled)


def _binding(b: TemuWarehouseBinding) -> pb.TemuWarehouseBinding:
    target = {"warehouse": f"warehouses/{b.target_id}"} if b.target is BindingTarget.WAREHOUSE \
        else {"channel": f"channels/{b.target_id}"}
    return pb.TemuWarehouseBinding(shop=shop_name(b.shop_id), temu_warehouse=b.temu_warehouse_id,
                                   temu_warehouse_name=b.temu_warehouse_name, update_time=timestamp(b.updated_at),
                                   **target)


def _upload_id(c: Checks, name: str) -> str:
    return resource_id(c, name, "uploads", "name")


def upload_to_proto(v: UploadView) -> pb.MarkShippedUpload:
    return pb.MarkShippedUpload(
        name=f"uploads/{v.id}", shop=shop_name(v.shop_id), orders=[f"orders/{o}" for o in v.order_ids],
        parent_order_sns=list(v.parent_order_sns), send_type=v.send_type, tracking_numbers=list(v.tracking_numbers),
        state=UPLOAD_STATES.to_proto(v.state), reason=v.reason, message=v.message, attempts=v.attempts,
        automatic=v.automatic, create_time=timestamp(v.created_at), update_time=timestamp(v.updated_at))


def _result(r: MarkResult, request_id: str) -> pb.MarkShippedResult:
    status = status_for(r.error, request_id=request_id) if r.error is not None else status_pb2.Status()
    return pb.MarkShippedResult(order=f"orders/{r.order_id}", status=status,
                                upload=upload_to_proto(r.upload) if r.upload is not None else None)


def mark_shipped_services(use_cases: MarkShippedUseCases) -> list[ExtraService]:
    """``erp.v1.MarkShippedService``, ready for ``create_server(..., extra_services=...)``."""
    return [ExtraService(MARK_SHIPPED_SERVICE, lambda server: pb_grpc.add_MarkShippedServiceServicer_to_server(
        MarkShippedServicer(use_cases), server))]
