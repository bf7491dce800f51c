"""Package DTOs and batch results -> protobuf."""
from __future__ import annotations

from google.rpc import status_pb2

from adapters.grpc.errors import status_for
from adapters.grpc.fulfillment_requests import PACKAGE_STATES
from adapters.grpc.gen.erp.v1 import fulfillment_service_pb2 as pb
from adapters.grpc.mappers import shop_name, timestamp
from application.packages.batch import ItemResult
from application.packages.views import PackageView


def package_to_proto(v: PackageView) -> pb.Package:
    return pb.Package(
        name=f"packages/{v.id}", shop=shop_name(v.shop_id), state=PACKAGE_STATES.to_proto(v.state),
        lines=[pb.PackageLine(order=f"orders/{line.order_id}", order_sn=line.order_sn, seller_sku=line.seller_sku,
                              quantity=line.quantity) for line in v.lines],
        warehouse=f"warehouses/{v.warehouse_id}" if v.warehouse_id else "",
        channel=f"channels/{v.channel_id}" if v.channel_id else "", hold_reason=v.hold_reason,
        flags=list(v.flags), tracking_numbers=list(v.tracking_numbers), carrier=v.carrier,
        provider_ref=v.provider_ref, has_label=v.has_label, last_message=v.last_message,
        create_time=timestamp(v.created_at), update_time=timestamp(v.updated_at), version=v.version)


def result_to_proto(r: ItemResult, request_id: str) -> pb.OrderResult:
    status = status_for(r.error, request_id=request_id) if r.error is not None else status_pb2.Status()
    return pb.OrderResult(order=f"orders/{r.order_id}", status=status,
                          packages=[f"packages/{p}" for p in r.package_ids], held_reason=r.held_reason)
