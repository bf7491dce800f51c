import datetime

from adapters.grpc.gen.erp.v1 import order_pb2 as _order_pb2
from adapters.grpc.gen.erp.v1 import order_service_pb2 as _order_service_pb2
from adapters.grpc.gen.erp.v1 import shop_pb2 as _shop_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Event(_message.Message):
    __slots__ = ("id", "resume_token", "type", "time", "shop", "order_imported", "order_state_changed", "shop_authorized", "shop_reauthorized", "shop_token_added", "shop_authorization_expired", "operation_created", "operation_resumed", "operation_finished", "order_stopped_on_temu", "order_address_changed", "package_audited", "package_held", "package_pushed", "package_tracked", "package_voided", "package_cancelled", "package_flagged", "upload_requested", "order_shipped_on_temu", "channel_temu_carrier_mapped")
    ID_FIELD_NUMBER: _ClassVar[int]
    RESUME_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    TIME_FIELD_NUMBER: _ClassVar[int]
    SHOP_FIELD_NUMBER: _ClassVar[int]
    ORDER_IMPORTED_FIELD_NUMBER: _ClassVar[int]
    ORDER_STATE_CHANGED_FIELD_NUMBER: _ClassVar[int]
    SHOP_AUTHORIZED_FIELD_NUMBER: _ClassVar[int]
    SHOP_REAUTHORIZED_FIELD_NUMBER: _ClassVar[int]
    SHOP_TOKEN_ADDED_FIELD_NUMBER: _ClassVar[int]
    SHOP_AUTHORIZATION_EXPIRED_FIELD_NUMBER: _ClassVar[int]
    OPERATION_CREATED_FIELD_NUMBER: _ClassVar[int]
    OPERATION_RESUMED_FIELD_NUMBER: _ClassVar[int]
    OPERATION_FINISHED_FIELD_NUMBER: _ClassVar[int]
    ORDER_STOPPED_ON_TEMU_FIELD_NUMBER: _ClassVar[int]
    ORDER_ADDRESS_CHANGED_FIELD_NUMBER: _ClassVar[int]
    PACKAGE_AUDITED_FIELD_NUMBER: _ClassVar[int]
    PACKAGE_HELD_FIELD_NUMBER: _ClassVar[int]
    PACKAGE_PUSHED_FIELD_NUMBER: _ClassVar[int]
    PACKAGE_TRACKED_FIELD_NUMBER: _ClassVar[int]
    PACKAGE_VOIDED_FIELD_NUMBER: _ClassVar[int]
    PACKAGE_CANCELLED_FIELD_NUMBER: _ClassVar[int]
    PACKAGE_FLAGGED_FIELD_NUMBER: _ClassVar[int]
    UPLOAD_REQUESTED_FIELD_NUMBER: _ClassVar[int]
    ORDER_SHIPPED_ON_TEMU_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_TEMU_CARRIER_MAPPED_FIELD_NUMBER: _ClassVar[int]
    id: str
    resume_token: str
    type: str
    time: _timestamp_pb2.Timestamp
    shop: str
    order_imported: OrderImportedData
    order_state_changed: OrderStateChangedData
    shop_authorized: ShopAuthorizedData
    shop_reauthorized: ShopTokenData
    shop_token_added: ShopTokenData
    shop_authorization_expired: ShopAuthorizationExpiredData
    operation_created: OperationData
    operation_resumed: OperationData
    operation_finished: OperationData
    order_stopped_on_temu: OrderData
    order_address_changed: OrderData
    package_audited: PackageData
    package_held: PackageData
    package_pushed: PackageData
    package_tracked: PackageData
    package_voided: PackageData
    package_cancelled: PackageData
    package_flagged: PackageData
    upload_requested: UploadData
    order_shipped_on_temu: OrderData
    channel_temu_carrier_mapped: ChannelTemuCarrierData
    def __init__(self, id: _Optional[str] = ..., resume_token: _Optional[str] = ..., type: _Optional[str] = ..., time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., shop: _Optional[str] = ..., order_imported: _Optional[_Union[OrderImportedData, _Mapping]] = ..., order_state_changed: _Optional[_Union[OrderStateChangedData, _Mapping]] = ..., shop_authorized: _Optional[_Union[ShopAuthorizedData, _Mapping]] = ..., shop_reauthorized: _Optional[_Union[ShopTokenData, _Mapping]] = ..., shop_token_added: _Optional[_Union[ShopTokenData, _Mapping]] = ..., shop_authorization_expired: _Optional[_Union[ShopAuthorizationExpiredData, _Mapping]] = ..., operation_created: _Optional[_Union[OperationData, _Mapping]] = ..., operation_resumed: _Optional[_Union[OperationData, _Mapping]] = ..., operation_finished: _Optional[_Union[OperationData, _Mapping]] = ..., order_stopped_on_temu: _Optional[_Union[OrderData, _Mapping]] = ..., order_address_changed: _Optional[_Union[OrderData, _Mapping]] = ..., package_audited: _Optional[_Union[PackageData, _Mapping]] = ..., package_held: _Optional[_Union[PackageData, _Mapping]] = ..., package_pushed: _Optional[_Union[PackageData, _Mapping]] = ..., package_tracked: _Optional[_Union[PackageData, _Mapping]] = ..., package_voided: _Optional[_Union[PackageData, _Mapping]] = ..., package_cancelled: _Optional[_Union[PackageData, _Mapping]] = ..., package_flagged: _Optional[_Union[PackageData, _Mapping]] = ..., upload_requested: _Optional[_Union[UploadData, _Mapping]] = ..., order_shipped_on_temu: _Optional[_Union[OrderData, _Mapping]] = ..., channel_temu_carrier_mapped: _Optional[_Union[ChannelTemuCarrierData, _Mapping]] = ...) -> None: ...

class OrderImportedData(_message.Message):
    __slots__ = ("order", "parent_order_sn", "state", "temu_status", "temu_status_code")
    ORDER_FIELD_NUMBER: _ClassVar[int]
    PARENT_ORDER_SN_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    TEMU_STATUS_FIELD_NUMBER: _ClassVar[int]
    TEMU_STATUS_CODE_FIELD_NUMBER: _ClassVar[int]
    order: str
    parent_order_sn: str
    state: _order_pb2.OrderState
    temu_status: _order_pb2.TemuOrderStatus
    temu_status_code: int
    def __init__(self, order: _Optional[str] = ..., parent_order_sn: _Optional[str] = ..., state: _Optional[_Union[_order_pb2.OrderState, str]] = ..., temu_status: _Optional[_Union[_order_pb2.TemuOrderStatus, str]] = ..., temu_status_code: _Optional[int] = ...) -> None: ...

class OrderStateChangedData(_message.Message):
    __slots__ = ("order", "parent_order_sn", "from_state", "to_state", "reason")
    ORDER_FIELD_NUMBER: _ClassVar[int]
    PARENT_ORDER_SN_FIELD_NUMBER: _ClassVar[int]
    FROM_STATE_FIELD_NUMBER: _ClassVar[int]
    TO_STATE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    order: str
    parent_order_sn: str
    from_state: _order_pb2.OrderState
    to_state: _order_pb2.OrderState
    reason: str
    def __init__(self, order: _Optional[str] = ..., parent_order_sn: _Optional[str] = ..., from_state: _Optional[_Union[_order_pb2.OrderState, str]] = ..., to_state: _Optional[_Union[_order_pb2.OrderState, str]] = ..., reason: _Optional[str] = ...) -> None: ...

class OrderData(_message.Message):
    __slots__ = ("order",)
    ORDER_FIELD_NUMBER: _ClassVar[int]
    order: str
    def __init__(self, order: _Optional[str] = ...) -> None: ...

class PackageData(_message.Message):
    __slots__ = ("package", "reason", "provider_ref", "tracking_number", "flag")
    PACKAGE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_REF_FIELD_NUMBER: _ClassVar[int]
    TRACKING_NUMBER_FIELD_NUMBER: _ClassVar[int]
    FLAG_FIELD_NUMBER: _ClassVar[int]
    package: str
    reason: str
    provider_ref: str
    tracking_number: str
    flag: str
    def __init__(self, package: _Optional[str] = ..., reason: _Optional[str] = ..., provider_ref: _Optional[str] = ..., tracking_number: _Optional[str] = ..., flag: _Optional[str] = ...) -> None: ...

class UploadData(_message.Message):
    __slots__ = ("upload",)
    UPLOAD_FIELD_NUMBER: _ClassVar[int]
    upload: str
    def __init__(self, upload: _Optional[str] = ...) -> None: ...

class ChannelTemuCarrierData(_message.Message):
    __slots__ = ("channel", "region_id", "temu_carrier_id")
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    REGION_ID_FIELD_NUMBER: _ClassVar[int]
    TEMU_CARRIER_ID_FIELD_NUMBER: _ClassVar[int]
    channel: str
    region_id: int
    temu_carrier_id: int
    def __init__(self, channel: _Optional[str] = ..., region_id: _Optional[int] = ..., temu_carrier_id: _Optional[int] = ...) -> None: ...

class ShopAuthorizedData(_message.Message):
    __slots__ = ("auth_status",)
    AUTH_STATUS_FIELD_NUMBER: _ClassVar[int]
    auth_status: _shop_pb2.AuthStatus
    def __init__(self, auth_status: _Optional[_Union[_shop_pb2.AuthStatus, str]] = ...) -> None: ...

class ShopTokenData(_message.Message):
    __slots__ = ("token_kind",)
    TOKEN_KIND_FIELD_NUMBER: _ClassVar[int]
    token_kind: _shop_pb2.TokenKind
    def __init__(self, token_kind: _Optional[_Union[_shop_pb2.TokenKind, str]] = ...) -> None: ...

class ShopAuthorizationExpiredData(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class OperationData(_message.Message):
    __slots__ = ("operation", "kind", "state")
    OPERATION_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    operation: str
    kind: _order_service_pb2.SyncKind
    state: _order_service_pb2.SyncState
    def __init__(self, operation: _Optional[str] = ..., kind: _Optional[_Union[_order_service_pb2.SyncKind, str]] = ..., state: _Optional[_Union[_order_service_pb2.SyncState, str]] = ...) -> None: ...

class ListEventsRequest(_message.Message):
    __slots__ = ("resume_token", "page_size", "shops", "event_types", "from_now")
    RESUME_TOKEN_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    SHOPS_FIELD_NUMBER: _ClassVar[int]
    EVENT_TYPES_FIELD_NUMBER: _ClassVar[int]
    FROM_NOW_FIELD_NUMBER: _ClassVar[int]
    resume_token: str
    page_size: int
    shops: _containers.RepeatedScalarFieldContainer[str]
    event_types: _containers.RepeatedScalarFieldContainer[str]
    from_now: bool
    def __init__(self, resume_token: _Optional[str] = ..., page_size: _Optional[int] = ..., shops: _Optional[_Iterable[str]] = ..., event_types: _Optional[_Iterable[str]] = ..., from_now: _Optional[bool] = ...) -> None: ...

class ListEventsResponse(_message.Message):
    __slots__ = ("events", "resume_token", "caught_up")
    EVENTS_FIELD_NUMBER: _ClassVar[int]
    RESUME_TOKEN_FIELD_NUMBER: _ClassVar[int]
    CAUGHT_UP_FIELD_NUMBER: _ClassVar[int]
    events: _containers.RepeatedCompositeFieldContainer[Event]
    resume_token: str
    caught_up: bool
    def __init__(self, events: _Optional[_Iterable[_Union[Event, _Mapping]]] = ..., resume_token: _Optional[str] = ..., caught_up: _Optional[bool] = ...) -> None: ...

class WatchEventsRequest(_message.Message):
    __slots__ = ("resume_token", "shops", "event_types", "from_now")
    RESUME_TOKEN_FIELD_NUMBER: _ClassVar[int]
    SHOPS_FIELD_NUMBER: _ClassVar[int]
    EVENT_TYPES_FIELD_NUMBER: _ClassVar[int]
    FROM_NOW_FIELD_NUMBER: _ClassVar[int]
    resume_token: str
    shops: _containers.RepeatedScalarFieldContainer[str]
    event_types: _containers.RepeatedScalarFieldContainer[str]
    from_now: bool
    def __init__(self, resume_token: _Optional[str] = ..., shops: _Optional[_Iterable[str]] = ..., event_types: _Optional[_Iterable[str]] = ..., from_now: _Optional[bool] = ...) -> None: ...

class WatchEventsResponse(_message.Message):
    __slots__ = ("events", "resume_token")
    EVENTS_FIELD_NUMBER: _ClassVar[int]
    RESUME_TOKEN_FIELD_NUMBER: _ClassVar[int]
    events: _containers.RepeatedCompositeFieldContainer[Event]
    resume_token: str
    def __init__(self, events: _Optional[_Iterable[_Union[Event, _Mapping]]] = ..., resume_token: _Optional[str] = ...) -> None: ...
