"""Feed events -> ``erp.v1.Event``: the common fields, and the ``data`` message named after the type.

A payload field becomes the data message's field of the same name, converted by ``_FIELDS``
(ids become resource names, domain enums proto enums); a field the message lacks is left out
(a payload may gain fields before the API shows them), and so is a value the converter does not
know (UNSPECIFIED).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from adapters.grpc.gen.erp.v1 import event_service_pb2 as pb
from adapters.grpc.mappers import AUTH_STATUSES, TOKEN_KINDS, timestamp
from adapters.grpc.order_mappers import ORDER_STATES, temu_status_to_proto
from adapters.grpc.order_operation_mappers import SYNC_KINDS, SYNC_STATES
from application.events.read_events import EventView
from domain.order_states import OrderState
from domain.shop_kinds import AuthStatus, TokenKind
from domain.sync import RunStatus, SyncKind

# the data message of each public type; its field in ``Event`` is the type with "_" for "."
DATA: dict[str, type] = {
    "order.imported": pb.OrderImportedData,
    "order.state_changed": pb.OrderStateChangedData,
    "shop.authorized": pb.ShopAuthorizedData,
    "shop.reauthorized": pb.ShopTokenData,
    "shop.token_added": pb.ShopTokenData,
    "shop.authorization_expired": pb.ShopAuthorizationExpiredData,
    "operation.created": pb.OperationData,
    "operation.resumed": pb.OperationData,
    "operation.finished": pb.OperationData,
    "order.stopped_on_temu": pb.OrderData,
    "order.address_changed": pb.OrderData,
    "order.shipped_on_temu": pb.OrderData,
    **{f"package.{what}": pb.PackageData
       for what in ("audited", "held", "pushed", "tracked", "voided", "cancelled", "flagged")},
    "upload.requested": pb.UploadData,
    "channel.temu_carrier_mapped": pb.ChannelTemuCarrierData,
}


def _enum(enum_map, domain_enum) -> Callable[[Any], int]:
    table = {member.value: enum_map.to_proto(member) for member in domain_enum}
    return lambda value: table.get(value, 0)


# payload field -> (data message field, conversion)
_FIELDS: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "order_id": ("order", lambda v: f"orders/{v}"),
    "run_id": ("operation", lambda v: f"operations/{v}"),
    "package_id": ("package", lambda v: f"packages/{v}"),
    "upload_id": ("upload", str),
    "channel_id": ("channel", lambda v: f"channels/{v}"),
    "region_id": ("region_id", int),
    "temu_carrier_id": ("temu_carrier_id", int),
    "provider_ref": ("provider_ref", str),
    "tracking_number": ("tracking_number", str),
    "flag": ("flag", str),
    "parent_order_sn": ("parent_order_sn", str),
    "reason": ("reason", str),
    "state": ("state", _enum(ORDER_STATES, OrderState)),
    "from_state": ("from_state", _enum(ORDER_STATES, OrderState)),
    "to_state": ("to_state", _enum(ORDER_STATES, OrderState)),
    "temu_status": ("temu_status", temu_status_to_proto),
    "auth_status": ("auth_status", _enum(AUTH_STATUSES, AuthStatus)),
    "token_kind": ("token_kind", _enum(TOKEN_KINDS, TokenKind)),
    "kind": ("kind", _enum(SYNC_KINDS, SyncKind)),
    "status": ("state", _enum(SYNC_STATES, RunStatus)),
}
# each data message's share of _FIELDS, worked out once (WatchEvents maps thousands a second)
_PLANS = {data: [(key, name, convert) for key, (name, convert) in _FIELDS.items()
                 if name in data.DESCRIPTOR.fields_by_name] for data in set(DATA.values())}


def event_to_proto(e: EventView) -> pb.Event:
    data = DATA.get(e.type)
    extra = {e.type.replace(".", "_"): data(**_data_fields(e.data, data))} if data is not None else {}
    return pb.Event(id=str(e.id), resume_token=e.resume_token, type=e.type, time=timestamp(e.time),
                    shop=f"shops/{e.shop_id}" if e.shop_id else "", **extra)


def _data_fields(payload: dict[str, Any], data: type) -> dict[str, Any]:
    fields = {name: convert(payload[key]) for key, name, convert in _PLANS[data] if payload.get(key) is not None}
    if data is pb.OrderImportedData and "temu_status" in payload:
        fields["temu_status_code"] = payload["temu_status"]
    return fields
