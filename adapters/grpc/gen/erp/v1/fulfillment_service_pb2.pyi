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

class PackageState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PACKAGE_STATE_UNSPECIFIED: _ClassVar[PackageState]
    PACKAGE_STATE_DRAFT: _ClassVar[PackageState]
    PACKAGE_STATE_ASSIGNED: _ClassVar[PackageState]
    PACKAGE_STATE_HELD: _ClassVar[PackageState]
    PACKAGE_STATE_AUDITED: _ClassVar[PackageState]
    PACKAGE_STATE_PUSHING: _ClassVar[PackageState]
    PACKAGE_STATE_PUSHED: _ClassVar[PackageState]
    PACKAGE_STATE_LABELLED: _ClassVar[PackageState]
    PACKAGE_STATE_SHIPPED: _ClassVar[PackageState]
    PACKAGE_STATE_VOIDED: _ClassVar[PackageState]
    PACKAGE_STATE_CANCELLED: _ClassVar[PackageState]
PACKAGE_STATE_UNSPECIFIED: PackageState
PACKAGE_STATE_DRAFT: PackageState
PACKAGE_STATE_ASSIGNED: PackageState
PACKAGE_STATE_HELD: PackageState
PACKAGE_STATE_AUDITED: PackageState
PACKAGE_STATE_PUSHING: PackageState
PACKAGE_STATE_PUSHED: PackageState
PACKAGE_STATE_LABELLED: PackageState
PACKAGE_STATE_SHIPPED: PackageState
PACKAGE_STATE_VOIDED: PackageState
PACKAGE_STATE_CANCELLED: PackageState

class PackageLine(_message.Message):
    __slots__ = ("order", "order_sn", "seller_sku", "quantity")
    ORDER_FIELD_NUMBER: _ClassVar[int]
    ORDER_SN_FIELD_NUMBER: _ClassVar[int]
    SELLER_SKU_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    order: str
    order_sn: str
    seller_sku: str
    quantity: int
    def __init__(self, order: _Optional[str] = ..., order_sn: _Optional[str] = ..., seller_sku: _Optional[str] = ..., quantity: _Optional[int] = ...) -> None: ...

class Package(_message.Message):
    __slots__ = ("name", "shop", "state", "lines", "warehouse", "channel", "hold_reason", "flags", "tracking_numbers", "carrier", "provider_ref", "has_label", "last_message", "create_time", "update_time", "version")
    NAME_FIELD_NUMBER: _ClassVar[int]
    SHOP_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    LINES_FIELD_NUMBER: _ClassVar[int]
    WAREHOUSE_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    HOLD_REASON_FIELD_NUMBER: _ClassVar[int]
    FLAGS_FIELD_NUMBER: _ClassVar[int]
    TRACKING_NUMBERS_FIELD_NUMBER: _ClassVar[int]
    CARRIER_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_REF_FIELD_NUMBER: _ClassVar[int]
    HAS_LABEL_FIELD_NUMBER: _ClassVar[int]
    LAST_MESSAGE_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    name: str
    shop: str
    state: PackageState
    lines: _containers.RepeatedCompositeFieldContainer[PackageLine]
    warehouse: str
    channel: str
    hold_reason: str
    flags: _containers.RepeatedScalarFieldContainer[str]
    tracking_numbers: _containers.RepeatedScalarFieldContainer[str]
    carrier: str
    provider_ref: str
    has_label: bool
    last_message: str
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    version: int
    def __init__(self, name: _Optional[str] = ..., shop: _Optional[str] = ..., state: _Optional[_Union[PackageState, str]] = ..., lines: _Optional[_Iterable[_Union[PackageLine, _Mapping]]] = ..., warehouse: _Optional[str] = ..., channel: _Optional[str] = ..., hold_reason: _Optional[str] = ..., flags: _Optional[_Iterable[str]] = ..., tracking_numbers: _Optional[_Iterable[str]] = ..., carrier: _Optional[str] = ..., provider_ref: _Optional[str] = ..., has_label: _Optional[bool] = ..., last_message: _Optional[str] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., version: _Optional[int] = ...) -> None: ...

class OrderResult(_message.Message):
    __slots__ = ("order", "status", "packages", "held_reason")
    ORDER_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    PACKAGES_FIELD_NUMBER: _ClassVar[int]
    HELD_REASON_FIELD_NUMBER: _ClassVar[int]
    order: str
    status: _status_pb2.Status
    packages: _containers.RepeatedScalarFieldContainer[str]
    held_reason: str
    def __init__(self, order: _Optional[str] = ..., status: _Optional[_Union[_status_pb2.Status, _Mapping]] = ..., packages: _Optional[_Iterable[str]] = ..., held_reason: _Optional[str] = ...) -> None: ...

class AssignFulfillmentRequest(_message.Message):
    __slots__ = ("orders", "warehouse", "channel", "request_id")
    ORDERS_FIELD_NUMBER: _ClassVar[int]
    WAREHOUSE_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    orders: _containers.RepeatedScalarFieldContainer[str]
    warehouse: str
    channel: str
    request_id: str
    def __init__(self, orders: _Optional[_Iterable[str]] = ..., warehouse: _Optional[str] = ..., channel: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class AssignFulfillmentResponse(_message.Message):
    __slots__ = ("results",)
    RESULTS_FIELD_NUMBER: _ClassVar[int]
    results: _containers.RepeatedCompositeFieldContainer[OrderResult]
    def __init__(self, results: _Optional[_Iterable[_Union[OrderResult, _Mapping]]] = ...) -> None: ...

class SplitPart(_message.Message):
    __slots__ = ("lines",)
    LINES_FIELD_NUMBER: _ClassVar[int]
    lines: _containers.RepeatedCompositeFieldContainer[SplitLine]
    def __init__(self, lines: _Optional[_Iterable[_Union[SplitLine, _Mapping]]] = ...) -> None: ...

class SplitLine(_message.Message):
    __slots__ = ("order_sn", "quantity")
    ORDER_SN_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    order_sn: str
    quantity: int
    def __init__(self, order_sn: _Optional[str] = ..., quantity: _Optional[int] = ...) -> None: ...

class SplitOrderRequest(_message.Message):
    __slots__ = ("order", "parts", "request_id")
    ORDER_FIELD_NUMBER: _ClassVar[int]
    PARTS_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    order: str
    parts: _containers.RepeatedCompositeFieldContainer[SplitPart]
    request_id: str
    def __init__(self, order: _Optional[str] = ..., parts: _Optional[_Iterable[_Union[SplitPart, _Mapping]]] = ..., request_id: _Optional[str] = ...) -> None: ...

class SplitOrderResponse(_message.Message):
    __slots__ = ("packages",)
    PACKAGES_FIELD_NUMBER: _ClassVar[int]
    packages: _containers.RepeatedCompositeFieldContainer[Package]
    def __init__(self, packages: _Optional[_Iterable[_Union[Package, _Mapping]]] = ...) -> None: ...

class MergeOrdersRequest(_message.Message):
    __slots__ = ("orders", "request_id")
    ORDERS_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    orders: _containers.RepeatedScalarFieldContainer[str]
    request_id: str
    def __init__(self, orders: _Optional[_Iterable[str]] = ..., request_id: _Optional[str] = ...) -> None: ...

class MergeOrdersResponse(_message.Message):
    __slots__ = ("package",)
    PACKAGE_FIELD_NUMBER: _ClassVar[int]
    package: Package
    def __init__(self, package: _Optional[_Union[Package, _Mapping]] = ...) -> None: ...

class UndoSplitOrMergeRequest(_message.Message):
    __slots__ = ("order", "request_id")
    ORDER_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    order: str
    request_id: str
    def __init__(self, order: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class UndoSplitOrMergeResponse(_message.Message):
    __slots__ = ("packages",)
    PACKAGES_FIELD_NUMBER: _ClassVar[int]
    packages: _containers.RepeatedCompositeFieldContainer[Package]
    def __init__(self, packages: _Optional[_Iterable[_Union[Package, _Mapping]]] = ...) -> None: ...

class AuditOrdersRequest(_message.Message):
    __slots__ = ("orders", "request_id")
    ORDERS_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    orders: _containers.RepeatedScalarFieldContainer[str]
    request_id: str
    def __init__(self, orders: _Optional[_Iterable[str]] = ..., request_id: _Optional[str] = ...) -> None: ...

class AuditOrdersResponse(_message.Message):
    __slots__ = ("results",)
    RESULTS_FIELD_NUMBER: _ClassVar[int]
    results: _containers.RepeatedCompositeFieldContainer[OrderResult]
    def __init__(self, results: _Optional[_Iterable[_Union[OrderResult, _Mapping]]] = ...) -> None: ...

class ListPackagesRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "shops", "states", "order")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    SHOPS_FIELD_NUMBER: _ClassVar[int]
    STATES_FIELD_NUMBER: _ClassVar[int]
    ORDER_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    shops: _containers.RepeatedScalarFieldContainer[str]
    states: _containers.RepeatedScalarFieldContainer[PackageState]
    order: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., shops: _Optional[_Iterable[str]] = ..., states: _Optional[_Iterable[_Union[PackageState, str]]] = ..., order: _Optional[str] = ...) -> None: ...

class ListPackagesResponse(_message.Message):
    __slots__ = ("packages", "next_page_token", "total_size")
    PACKAGES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    packages: _containers.RepeatedCompositeFieldContainer[Package]
    next_page_token: str
    total_size: int
    def __init__(self, packages: _Optional[_Iterable[_Union[Package, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class GetPackageRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class GetPackageResponse(_message.Message):
    __slots__ = ("package",)
    PACKAGE_FIELD_NUMBER: _ClassVar[int]
    package: Package
    def __init__(self, package: _Optional[_Union[Package, _Mapping]] = ...) -> None: ...

class GetLabelRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class GetLabelResponse(_message.Message):
    __slots__ = ("content", "media_type")
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    MEDIA_TYPE_FIELD_NUMBER: _ClassVar[int]
    content: bytes
    media_type: str
    def __init__(self, content: _Optional[bytes] = ..., media_type: _Optional[str] = ...) -> None: ...

class VoidLabelRequest(_message.Message):
    __slots__ = ("name", "request_id")
    NAME_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    name: str
    request_id: str
    def __init__(self, name: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class VoidLabelResponse(_message.Message):
    __slots__ = ("package",)
    PACKAGE_FIELD_NUMBER: _ClassVar[int]
    package: Package
    def __init__(self, package: _Optional[_Union[Package, _Mapping]] = ...) -> None: ...

class CancelPackageRequest(_message.Message):
    __slots__ = ("name", "request_id")
    NAME_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    name: str
    request_id: str
    def __init__(self, name: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class CancelPackageResponse(_message.Message):
    __slots__ = ("package",)
    PACKAGE_FIELD_NUMBER: _ClassVar[int]
    package: Package
    def __init__(self, package: _Optional[_Union[Package, _Mapping]] = ...) -> None: ...
