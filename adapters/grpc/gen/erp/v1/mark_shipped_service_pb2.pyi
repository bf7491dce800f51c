import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.rpc import status_pb2 as _status_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class UploadState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    UPLOAD_STATE_UNSPECIFIED: _ClassVar[UploadState]
    UPLOAD_STATE_READY: _ClassVar[UploadState]
    UPLOAD_STATE_WAITING_FOR_PACKAGES: _ClassVar[UploadState]
    UPLOAD_STATE_UPLOADING: _ClassVar[UploadState]
    UPLOAD_STATE_UPLOADED: _ClassVar[UploadState]
    UPLOAD_STATE_FAILED: _ClassVar[UploadState]
    UPLOAD_STATE_RETRYING: _ClassVar[UploadState]
    UPLOAD_STATE_CONFLICT: _ClassVar[UploadState]
    UPLOAD_STATE_UPLOADED_ELSEWHERE: _ClassVar[UploadState]
UPLOAD_STATE_UNSPECIFIED: UploadState
UPLOAD_STATE_READY: UploadState
UPLOAD_STATE_WAITING_FOR_PACKAGES: UploadState
UPLOAD_STATE_UPLOADING: UploadState
UPLOAD_STATE_UPLOADED: UploadState
UPLOAD_STATE_FAILED: UploadState
UPLOAD_STATE_RETRYING: UploadState
UPLOAD_STATE_CONFLICT: UploadState
UPLOAD_STATE_UPLOADED_ELSEWHERE: UploadState

class MarkShippedUpload(_message.Message):
    __slots__ = ("name", "shop", "orders", "parent_order_sns", "send_type", "tracking_numbers", "state", "reason", "message", "attempts", "automatic", "create_time", "update_time")
    NAME_FIELD_NUMBER: _ClassVar[int]
    SHOP_FIELD_NUMBER: _ClassVar[int]
    ORDERS_FIELD_NUMBER: _ClassVar[int]
    PARENT_ORDER_SNS_FIELD_NUMBER: _ClassVar[int]
    SEND_TYPE_FIELD_NUMBER: _ClassVar[int]
    TRACKING_NUMBERS_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    ATTEMPTS_FIELD_NUMBER: _ClassVar[int]
    AUTOMATIC_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    shop: str
    orders: _containers.RepeatedScalarFieldContainer[str]
    parent_order_sns: _containers.RepeatedScalarFieldContainer[str]
    send_type: int
    tracking_numbers: _containers.RepeatedScalarFieldContainer[str]
    state: UploadState
    reason: str
    message: str
    attempts: int
    automatic: bool
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., shop: _Optional[str] = ..., orders: _Optional[_Iterable[str]] = ..., parent_order_sns: _Optional[_Iterable[str]] = ..., send_type: _Optional[int] = ..., tracking_numbers: _Optional[_Iterable[str]] = ..., state: _Optional[_Union[UploadState, str]] = ..., reason: _Optional[str] = ..., message: _Optional[str] = ..., attempts: _Optional[int] = ..., automatic: _Optional[bool] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class MarkShippedRequest(_message.Message):
    __slots__ = ("orders", "package", "request_id")
    ORDERS_FIELD_NUMBER: _ClassVar[int]
    PACKAGE_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    orders: _containers.RepeatedScalarFieldContainer[str]
    package: str
    request_id: str
    def __init__(self, orders: _Optional[_Iterable[str]] = ..., package: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class MarkShippedResult(_message.Message):
    __slots__ = ("order", "status", "upload")
    ORDER_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    UPLOAD_FIELD_NUMBER: _ClassVar[int]
    order: str
    status: _status_pb2.Status
    upload: MarkShippedUpload
    def __init__(self, order: _Optional[str] = ..., status: _Optional[_Union[_status_pb2.Status, _Mapping]] = ..., upload: _Optional[_Union[MarkShippedUpload, _Mapping]] = ...) -> None: ...

class MarkShippedResponse(_message.Message):
    __slots__ = ("results",)
    RESULTS_FIELD_NUMBER: _ClassVar[int]
    results: _containers.RepeatedCompositeFieldContainer[MarkShippedResult]
    def __init__(self, results: _Optional[_Iterable[_Union[MarkShippedResult, _Mapping]]] = ...) -> None: ...

class ListMarkShippedRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "shops", "states", "changed_after", "changed_before")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    SHOPS_FIELD_NUMBER: _ClassVar[int]
    STATES_FIELD_NUMBER: _ClassVar[int]
    CHANGED_AFTER_FIELD_NUMBER: _ClassVar[int]
    CHANGED_BEFORE_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    shops: _containers.RepeatedScalarFieldContainer[str]
    states: _containers.RepeatedScalarFieldContainer[UploadState]
    changed_after: _timestamp_pb2.Timestamp
    changed_before: _timestamp_pb2.Timestamp
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., shops: _Optional[_Iterable[str]] = ..., states: _Optional[_Iterable[_Union[UploadState, str]]] = ..., changed_after: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., changed_before: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListMarkShippedResponse(_message.Message):
    __slots__ = ("uploads", "next_page_token", "total_size")
    UPLOADS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    uploads: _containers.RepeatedCompositeFieldContainer[MarkShippedUpload]
    next_page_token: str
    total_size: int
    def __init__(self, uploads: _Optional[_Iterable[_Union[MarkShippedUpload, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class RetryMarkShippedRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class RetryMarkShippedResponse(_message.Message):
    __slots__ = ("upload",)
    UPLOAD_FIELD_NUMBER: _ClassVar[int]
    upload: MarkShippedUpload
    def __init__(self, upload: _Optional[_Union[MarkShippedUpload, _Mapping]] = ...) -> None: ...

class SetAutomaticMarkingRequest(_message.Message):
    __slots__ = ("shop", "enabled")
    SHOP_FIELD_NUMBER: _ClassVar[int]
    ENABLED_FIELD_NUMBER: _ClassVar[int]
    shop: str
    enabled: bool
    def __init__(self, shop: _Optional[str] = ..., enabled: _Optional[bool] = ...) -> None: ...

class GetAutomaticMarkingRequest(_message.Message):
    __slots__ = ("shop",)
    SHOP_FIELD_NUMBER: _ClassVar[int]
    shop: str
    def __init__(self, shop: _Optional[str] = ...) -> None: ...

class AutomaticMarking(_message.Message):
    __slots__ = ("shop", "enabled")
    SHOP_FIELD_NUMBER: _ClassVar[int]
    ENABLED_FIELD_NUMBER: _ClassVar[int]
    shop: str
    enabled: bool
    def __init__(self, shop: _Optional[str] = ..., enabled: _Optional[bool] = ...) -> None: ...

class SetAutomaticMarkingResponse(_message.Message):
    __slots__ = ("automatic_marking",)
    AUTOMATIC_MARKING_FIELD_NUMBER: _ClassVar[int]
    automatic_marking: AutomaticMarking
    def __init__(self, automatic_marking: _Optional[_Union[AutomaticMarking, _Mapping]] = ...) -> None: ...

class GetAutomaticMarkingResponse(_message.Message):
    __slots__ = ("automatic_marking",)
    AUTOMATIC_MARKING_FIELD_NUMBER: _ClassVar[int]
    automatic_marking: AutomaticMarking
    def __init__(self, automatic_marking: _Optional[_Union[AutomaticMarking, _Mapping]] = ...) -> None: ...

class ListTemuWarehousesRequest(_message.Message):
    __slots__ = ("shop",)
    SHOP_FIELD_NUMBER: _ClassVar[int]
    shop: str
    def __init__(self, shop: _Optional[str] = ...) -> None: ...

class TemuWarehouse(_message.Message):
    __slots__ = ("temu_warehouse", "display_name", "is_default", "region_id", "buy_label_enabled")
    TEMU_WAREHOUSE_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    IS_DEFAULT_FIELD_NUMBER: _ClassVar[int]
    REGION_ID_FIELD_NUMBER: _ClassVar[int]
    BUY_LABEL_ENABLED_FIELD_NUMBER: _ClassVar[int]
    temu_warehouse: str
    display_name: str
    is_default: bool
    region_id: int
    buy_label_enabled: bool
    def __init__(self, temu_warehouse: _Optional[str] = ..., display_name: _Optional[str] = ..., is_default: _Optional[bool] = ..., region_id: _Optional[int] = ..., buy_label_enabled: _Optional[bool] = ...) -> None: ...

class ListTemuWarehousesResponse(_message.Message):
    __slots__ = ("temu_warehouses",)
    TEMU_WAREHOUSES_FIELD_NUMBER: _ClassVar[int]
    temu_warehouses: _containers.RepeatedCompositeFieldContainer[TemuWarehouse]
    def __init__(self, temu_warehouses: _Optional[_Iterable[_Union[TemuWarehouse, _Mapping]]] = ...) -> None: ...

class TemuWarehouseBinding(_message.Message):
    __slots__ = ("shop", "warehouse", "channel", "temu_warehouse", "temu_warehouse_name", "update_time")
    SHOP_FIELD_NUMBER: _ClassVar[int]
    WAREHOUSE_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    TEMU_WAREHOUSE_FIELD_NUMBER: _ClassVar[int]
    TEMU_WAREHOUSE_NAME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    shop: str
    warehouse: str
    channel: str
    temu_warehouse: str
    temu_warehouse_name: str
    update_time: _timestamp_pb2.Timestamp
    def __init__(self, shop: _Optional[str] = ..., warehouse: _Optional[str] = ..., channel: _Optional[str] = ..., temu_warehouse: _Optional[str] = ..., temu_warehouse_name: _Optional[str] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class BindTemuWarehouseRequest(_message.Message):
    __slots__ = ("shop", "warehouse", "channel", "temu_warehouse")
    SHOP_FIELD_NUMBER: _ClassVar[int]
    WAREHOUSE_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    TEMU_WAREHOUSE_FIELD_NUMBER: _ClassVar[int]
    shop: str
    warehouse: str
    channel: str
    temu_warehouse: str
    def __init__(self, shop: _Optional[str] = ..., warehouse: _Optional[str] = ..., channel: _Optional[str] = ..., temu_warehouse: _Optional[str] = ...) -> None: ...

class BindTemuWarehouseResponse(_message.Message):
    __slots__ = ("binding",)
    BINDING_FIELD_NUMBER: _ClassVar[int]
    binding: TemuWarehouseBinding
    def __init__(self, binding: _Optional[_Union[TemuWarehouseBinding, _Mapping]] = ...) -> None: ...

class ListTemuWarehouseBindingsRequest(_message.Message):
    __slots__ = ("shop",)
    SHOP_FIELD_NUMBER: _ClassVar[int]
    shop: str
    def __init__(self, shop: _Optional[str] = ...) -> None: ...

class ListTemuWarehouseBindingsResponse(_message.Message):
    __slots__ = ("bindings",)
    BINDINGS_FIELD_NUMBER: _ClassVar[int]
    bindings: _containers.RepeatedCompositeFieldContainer[TemuWarehouseBinding]
    def __init__(self, bindings: _Optional[_Iterable[_Union[TemuWarehouseBinding, _Mapping]]] = ...) -> None: ...

class UnbindTemuWarehouseRequest(_message.Message):
    __slots__ = ("shop", "warehouse", "channel")
    SHOP_FIELD_NUMBER: _ClassVar[int]
    WAREHOUSE_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    shop: str
    warehouse: str
    channel: str
    def __init__(self, shop: _Optional[str] = ..., warehouse: _Optional[str] = ..., channel: _Optional[str] = ...) -> None: ...

class UnbindTemuWarehouseResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class UpdateTrackingRequest(_message.Message):
    __slots__ = ("package", "old_tracking_number", "tracking_number")
    PACKAGE_FIELD_NUMBER: _ClassVar[int]
    OLD_TRACKING_NUMBER_FIELD_NUMBER: _ClassVar[int]
    TRACKING_NUMBER_FIELD_NUMBER: _ClassVar[int]
    package: str
    old_tracking_number: str
    tracking_number: str
    def __init__(self, package: _Optional[str] = ..., old_tracking_number: _Optional[str] = ..., tracking_number: _Optional[str] = ...) -> None: ...

class UpdateTrackingResponse(_message.Message):
    __slots__ = ("upload", "tracking_numbers")
    UPLOAD_FIELD_NUMBER: _ClassVar[int]
    TRACKING_NUMBERS_FIELD_NUMBER: _ClassVar[int]
    upload: MarkShippedUpload
    tracking_numbers: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, upload: _Optional[_Union[MarkShippedUpload, _Mapping]] = ..., tracking_numbers: _Optional[_Iterable[str]] = ...) -> None: ...

class ListTemuCarriersRequest(_message.Message):
    __slots__ = ("shop", "region_id")
    SHOP_FIELD_NUMBER: _ClassVar[int]
    REGION_ID_FIELD_NUMBER: _ClassVar[int]
    shop: str
    region_id: int
    def __init__(self, shop: _Optional[str] = ..., region_id: _Optional[int] = ...) -> None: ...

class TemuCarrierEntry(_message.Message):
    __slots__ = ("temu_carrier_id", "display_name", "brand")
    TEMU_CARRIER_ID_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    BRAND_FIELD_NUMBER: _ClassVar[int]
    temu_carrier_id: int
    display_name: str
    brand: str
    def __init__(self, temu_carrier_id: _Optional[int] = ..., display_name: _Optional[str] = ..., brand: _Optional[str] = ...) -> None: ...

class ListTemuCarriersResponse(_message.Message):
    __slots__ = ("carriers",)
    CARRIERS_FIELD_NUMBER: _ClassVar[int]
    carriers: _containers.RepeatedCompositeFieldContainer[TemuCarrierEntry]
    def __init__(self, carriers: _Optional[_Iterable[_Union[TemuCarrierEntry, _Mapping]]] = ...) -> None: ...

class MapTemuCarrierRequest(_message.Message):
    __slots__ = ("channel", "shop", "region_id", "temu_carrier_id")
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    SHOP_FIELD_NUMBER: _ClassVar[int]
    REGION_ID_FIELD_NUMBER: _ClassVar[int]
    TEMU_CARRIER_ID_FIELD_NUMBER: _ClassVar[int]
    channel: str
    shop: str
    region_id: int
    temu_carrier_id: int
    def __init__(self, channel: _Optional[str] = ..., shop: _Optional[str] = ..., region_id: _Optional[int] = ..., temu_carrier_id: _Optional[int] = ...) -> None: ...

class MapTemuCarrierResponse(_message.Message):
    __slots__ = ("channel", "region_id", "temu_carrier_id", "temu_carrier_name")
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    REGION_ID_FIELD_NUMBER: _ClassVar[int]
    TEMU_CARRIER_ID_FIELD_NUMBER: _ClassVar[int]
    TEMU_CARRIER_NAME_FIELD_NUMBER: _ClassVar[int]
    channel: str
    region_id: int
    temu_carrier_id: int
    temu_carrier_name: str
    def __init__(self, channel: _Optional[str] = ..., region_id: _Optional[int] = ..., temu_carrier_id: _Optional[int] = ..., temu_carrier_name: _Optional[str] = ...) -> None: ...
