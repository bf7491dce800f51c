import datetime

from adapters.grpc.gen.erp.v1 import order_pb2 as _order_pb2
from google.longrunning import operations_pb2 as _operations_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class SyncKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SYNC_KIND_UNSPECIFIED: _ClassVar[SyncKind]
    SYNC_KIND_HISTORY: _ClassVar[SyncKind]
    SYNC_KIND_INCREMENTAL: _ClassVar[SyncKind]
    SYNC_KIND_REPLAY: _ClassVar[SyncKind]
    SYNC_KIND_MANUAL: _ClassVar[SyncKind]

class SyncState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SYNC_STATE_UNSPECIFIED: _ClassVar[SyncState]
    SYNC_STATE_PENDING: _ClassVar[SyncState]
    SYNC_STATE_RUNNING: _ClassVar[SyncState]
    SYNC_STATE_SUCCEEDED: _ClassVar[SyncState]
    SYNC_STATE_FAILED: _ClassVar[SyncState]
    SYNC_STATE_WAITING_REAUTH: _ClassVar[SyncState]
SYNC_KIND_UNSPECIFIED: SyncKind
SYNC_KIND_HISTORY: SyncKind
SYNC_KIND_INCREMENTAL: SyncKind
SYNC_KIND_REPLAY: SyncKind
SYNC_KIND_MANUAL: SyncKind
SYNC_STATE_UNSPECIFIED: SyncState
SYNC_STATE_PENDING: SyncState
SYNC_STATE_RUNNING: SyncState
SYNC_STATE_SUCCEEDED: SyncState
SYNC_STATE_FAILED: SyncState
SYNC_STATE_WAITING_REAUTH: SyncState

class TimeRange(_message.Message):
    __slots__ = ("start_time", "end_time")
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    END_TIME_FIELD_NUMBER: _ClassVar[int]
    start_time: _timestamp_pb2.Timestamp
    end_time: _timestamp_pb2.Timestamp
    def __init__(self, start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., end_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListOrdersRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "shops", "states", "temu_statuses", "create_time_range", "update_time_range", "seller_sku", "parent_order_sn", "ship_by_before", "tags", "order_by", "order_sns", "recipient_name", "product_name", "seller_sku_prefix", "labels", "warnings", "region_ids", "fulfillment_types", "ship_by_time_range", "exception_reasons")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    SHOPS_FIELD_NUMBER: _ClassVar[int]
    STATES_FIELD_NUMBER: _ClassVar[int]
    TEMU_STATUSES_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_RANGE_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_RANGE_FIELD_NUMBER: _ClassVar[int]
    SELLER_SKU_FIELD_NUMBER: _ClassVar[int]
    PARENT_ORDER_SN_FIELD_NUMBER: _ClassVar[int]
    SHIP_BY_BEFORE_FIELD_NUMBER: _ClassVar[int]
    TAGS_FIELD_NUMBER: _ClassVar[int]
    ORDER_BY_FIELD_NUMBER: _ClassVar[int]
    ORDER_SNS_FIELD_NUMBER: _ClassVar[int]
    RECIPIENT_NAME_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_NAME_FIELD_NUMBER: _ClassVar[int]
    SELLER_SKU_PREFIX_FIELD_NUMBER: _ClassVar[int]
    LABELS_FIELD_NUMBER: _ClassVar[int]
    WARNINGS_FIELD_NUMBER: _ClassVar[int]
    REGION_IDS_FIELD_NUMBER: _ClassVar[int]
    FULFILLMENT_TYPES_FIELD_NUMBER: _ClassVar[int]
    SHIP_BY_TIME_RANGE_FIELD_NUMBER: _ClassVar[int]
    EXCEPTION_REASONS_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    shops: _containers.RepeatedScalarFieldContainer[str]
    states: _containers.RepeatedScalarFieldContainer[_order_pb2.OrderState]
    temu_statuses: _containers.RepeatedScalarFieldContainer[_order_pb2.TemuOrderStatus]
    create_time_range: TimeRange
    update_time_range: TimeRange
    seller_sku: str
    parent_order_sn: str
    ship_by_before: _timestamp_pb2.Timestamp
    tags: _containers.RepeatedScalarFieldContainer[str]
    order_by: str
    order_sns: _containers.RepeatedScalarFieldContainer[str]
    recipient_name: str
    product_name: str
    seller_sku_prefix: str
    labels: _containers.RepeatedScalarFieldContainer[str]
    warnings: _containers.RepeatedScalarFieldContainer[str]
    region_ids: _containers.RepeatedScalarFieldContainer[int]
    fulfillment_types: _containers.RepeatedScalarFieldContainer[str]
    ship_by_time_range: TimeRange
    exception_reasons: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., shops: _Optional[_Iterable[str]] = ..., states: _Optional[_Iterable[_Union[_order_pb2.OrderState, str]]] = ..., temu_statuses: _Optional[_Iterable[_Union[_order_pb2.TemuOrderStatus, str]]] = ..., create_time_range: _Optional[_Union[TimeRange, _Mapping]] = ..., update_time_range: _Optional[_Union[TimeRange, _Mapping]] = ..., seller_sku: _Optional[str] = ..., parent_order_sn: _Optional[str] = ..., ship_by_before: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., tags: _Optional[_Iterable[str]] = ..., order_by: _Optional[str] = ..., order_sns: _Optional[_Iterable[str]] = ..., recipient_name: _Optional[str] = ..., product_name: _Optional[str] = ..., seller_sku_prefix: _Optional[str] = ..., labels: _Optional[_Iterable[str]] = ..., warnings: _Optional[_Iterable[str]] = ..., region_ids: _Optional[_Iterable[int]] = ..., fulfillment_types: _Optional[_Iterable[str]] = ..., ship_by_time_range: _Optional[_Union[TimeRange, _Mapping]] = ..., exception_reasons: _Optional[_Iterable[str]] = ...) -> None: ...

class ListOrdersResponse(_message.Message):
    __slots__ = ("orders", "next_page_token", "total_size", "missing_order_sns")
    ORDERS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    MISSING_ORDER_SNS_FIELD_NUMBER: _ClassVar[int]
    orders: _containers.RepeatedCompositeFieldContainer[_order_pb2.Order]
    next_page_token: str
    total_size: int
    missing_order_sns: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, orders: _Optional[_Iterable[_Union[_order_pb2.Order, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ..., missing_order_sns: _Optional[_Iterable[str]] = ...) -> None: ...

class GetOrderRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class GetOrderResponse(_message.Message):
    __slots__ = ("order",)
    ORDER_FIELD_NUMBER: _ClassVar[int]
    order: _order_pb2.Order
    def __init__(self, order: _Optional[_Union[_order_pb2.Order, _Mapping]] = ...) -> None: ...

class SyncShopOrdersRequest(_message.Message):
    __slots__ = ("shop", "request_id")
    SHOP_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    shop: str
    request_id: str
    def __init__(self, shop: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class ReplayShopOrdersRequest(_message.Message):
    __slots__ = ("shop", "start_time", "end_time", "request_id")
    SHOP_FIELD_NUMBER: _ClassVar[int]
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    END_TIME_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    shop: str
    start_time: _timestamp_pb2.Timestamp
    end_time: _timestamp_pb2.Timestamp
    request_id: str
    def __init__(self, shop: _Optional[str] = ..., start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., end_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., request_id: _Optional[str] = ...) -> None: ...

class SyncOrdersMetadata(_message.Message):
    __slots__ = ("shop", "kind", "state", "state_message", "window_start_time", "window_end_time", "pages_done", "pages_estimate", "orders_seen", "orders_created", "orders_updated", "orders_skipped", "percent", "errors", "create_time", "start_time", "end_time", "last_error", "last_error_time", "retry_count", "next_attempt_time")
    SHOP_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    STATE_MESSAGE_FIELD_NUMBER: _ClassVar[int]
    WINDOW_START_TIME_FIELD_NUMBER: _ClassVar[int]
    WINDOW_END_TIME_FIELD_NUMBER: _ClassVar[int]
    PAGES_DONE_FIELD_NUMBER: _ClassVar[int]
    PAGES_ESTIMATE_FIELD_NUMBER: _ClassVar[int]
    ORDERS_SEEN_FIELD_NUMBER: _ClassVar[int]
    ORDERS_CREATED_FIELD_NUMBER: _ClassVar[int]
    ORDERS_UPDATED_FIELD_NUMBER: _ClassVar[int]
    ORDERS_SKIPPED_FIELD_NUMBER: _ClassVar[int]
    PERCENT_FIELD_NUMBER: _ClassVar[int]
    ERRORS_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    END_TIME_FIELD_NUMBER: _ClassVar[int]
    LAST_ERROR_FIELD_NUMBER: _ClassVar[int]
    LAST_ERROR_TIME_FIELD_NUMBER: _ClassVar[int]
    RETRY_COUNT_FIELD_NUMBER: _ClassVar[int]
    NEXT_ATTEMPT_TIME_FIELD_NUMBER: _ClassVar[int]
    shop: str
    kind: SyncKind
    state: SyncState
    state_message: str
    window_start_time: _timestamp_pb2.Timestamp
    window_end_time: _timestamp_pb2.Timestamp
    pages_done: int
    pages_estimate: int
    orders_seen: int
    orders_created: int
    orders_updated: int
    orders_skipped: int
    percent: float
    errors: _containers.RepeatedScalarFieldContainer[str]
    create_time: _timestamp_pb2.Timestamp
    start_time: _timestamp_pb2.Timestamp
    end_time: _timestamp_pb2.Timestamp
    last_error: str
    last_error_time: _timestamp_pb2.Timestamp
    retry_count: int
    next_attempt_time: _timestamp_pb2.Timestamp
    def __init__(self, shop: _Optional[str] = ..., kind: _Optional[_Union[SyncKind, str]] = ..., state: _Optional[_Union[SyncState, str]] = ..., state_message: _Optional[str] = ..., window_start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., window_end_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., pages_done: _Optional[int] = ..., pages_estimate: _Optional[int] = ..., orders_seen: _Optional[int] = ..., orders_created: _Optional[int] = ..., orders_updated: _Optional[int] = ..., orders_skipped: _Optional[int] = ..., percent: _Optional[float] = ..., errors: _Optional[_Iterable[str]] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., end_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., last_error: _Optional[str] = ..., last_error_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., retry_count: _Optional[int] = ..., next_attempt_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class SyncOrdersResult(_message.Message):
    __slots__ = ("shop", "window_start_time", "window_end_time", "pages_done", "orders_seen", "orders_created", "orders_updated", "orders_skipped")
    SHOP_FIELD_NUMBER: _ClassVar[int]
    WINDOW_START_TIME_FIELD_NUMBER: _ClassVar[int]
    WINDOW_END_TIME_FIELD_NUMBER: _ClassVar[int]
    PAGES_DONE_FIELD_NUMBER: _ClassVar[int]
    ORDERS_SEEN_FIELD_NUMBER: _ClassVar[int]
    ORDERS_CREATED_FIELD_NUMBER: _ClassVar[int]
    ORDERS_UPDATED_FIELD_NUMBER: _ClassVar[int]
    ORDERS_SKIPPED_FIELD_NUMBER: _ClassVar[int]
    shop: str
    window_start_time: _timestamp_pb2.Timestamp
    window_end_time: _timestamp_pb2.Timestamp
    pages_done: int
    orders_seen: int
    orders_created: int
    orders_updated: int
    orders_skipped: int
    def __init__(self, shop: _Optional[str] = ..., window_start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., window_end_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., pages_done: _Optional[int] = ..., orders_seen: _Optional[int] = ..., orders_created: _Optional[int] = ..., orders_updated: _Optional[int] = ..., orders_skipped: _Optional[int] = ...) -> None: ...

class CountOrdersRequest(_message.Message):
    __slots__ = ("shops", "states", "temu_statuses", "create_time_range", "update_time_range", "seller_sku", "parent_order_sn", "ship_by_before", "order_sns", "recipient_name", "product_name", "seller_sku_prefix", "labels", "warnings", "region_ids", "fulfillment_types", "ship_by_time_range", "exception_reasons", "tags")
    SHOPS_FIELD_NUMBER: _ClassVar[int]
    STATES_FIELD_NUMBER: _ClassVar[int]
    TEMU_STATUSES_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_RANGE_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_RANGE_FIELD_NUMBER: _ClassVar[int]
    SELLER_SKU_FIELD_NUMBER: _ClassVar[int]
    PARENT_ORDER_SN_FIELD_NUMBER: _ClassVar[int]
    SHIP_BY_BEFORE_FIELD_NUMBER: _ClassVar[int]
    ORDER_SNS_FIELD_NUMBER: _ClassVar[int]
    RECIPIENT_NAME_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_NAME_FIELD_NUMBER: _ClassVar[int]
    SELLER_SKU_PREFIX_FIELD_NUMBER: _ClassVar[int]
    LABELS_FIELD_NUMBER: _ClassVar[int]
    WARNINGS_FIELD_NUMBER: _ClassVar[int]
    REGION_IDS_FIELD_NUMBER: _ClassVar[int]
    FULFILLMENT_TYPES_FIELD_NUMBER: _ClassVar[int]
    SHIP_BY_TIME_RANGE_FIELD_NUMBER: _ClassVar[int]
    EXCEPTION_REASONS_FIELD_NUMBER: _ClassVar[int]
    TAGS_FIELD_NUMBER: _ClassVar[int]
    shops: _containers.RepeatedScalarFieldContainer[str]
    states: _containers.RepeatedScalarFieldContainer[_order_pb2.OrderState]
    temu_statuses: _containers.RepeatedScalarFieldContainer[_order_pb2.TemuOrderStatus]
    create_time_range: TimeRange
    update_time_range: TimeRange
    seller_sku: str
    parent_order_sn: str
    ship_by_before: _timestamp_pb2.Timestamp
    order_sns: _containers.RepeatedScalarFieldContainer[str]
    recipient_name: str
    product_name: str
    seller_sku_prefix: str
    labels: _containers.RepeatedScalarFieldContainer[str]
    warnings: _containers.RepeatedScalarFieldContainer[str]
    region_ids: _containers.RepeatedScalarFieldContainer[int]
    fulfillment_types: _containers.RepeatedScalarFieldContainer[str]
    ship_by_time_range: TimeRange
    exception_reasons: _containers.RepeatedScalarFieldContainer[str]
    tags: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, shops: _Optional[_Iterable[str]] = ..., states: _Optional[_Iterable[_Union[_order_pb2.OrderState, str]]] = ..., temu_statuses: _Optional[_Iterable[_Union[_order_pb2.TemuOrderStatus, str]]] = ..., create_time_range: _Optional[_Union[TimeRange, _Mapping]] = ..., update_time_range: _Optional[_Union[TimeRange, _Mapping]] = ..., seller_sku: _Optional[str] = ..., parent_order_sn: _Optional[str] = ..., ship_by_before: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., order_sns: _Optional[_Iterable[str]] = ..., recipient_name: _Optional[str] = ..., product_name: _Optional[str] = ..., seller_sku_prefix: _Optional[str] = ..., labels: _Optional[_Iterable[str]] = ..., warnings: _Optional[_Iterable[str]] = ..., region_ids: _Optional[_Iterable[int]] = ..., fulfillment_types: _Optional[_Iterable[str]] = ..., ship_by_time_range: _Optional[_Union[TimeRange, _Mapping]] = ..., exception_reasons: _Optional[_Iterable[str]] = ..., tags: _Optional[_Iterable[str]] = ...) -> None: ...

class CountOrdersResponse(_message.Message):
    __slots__ = ("state_counts", "exception_counts", "total_size")
    STATE_COUNTS_FIELD_NUMBER: _ClassVar[int]
    EXCEPTION_COUNTS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    state_counts: _containers.RepeatedCompositeFieldContainer[OrderStateCount]
    exception_counts: _containers.RepeatedCompositeFieldContainer[ExceptionReasonCount]
    total_size: int
    def __init__(self, state_counts: _Optional[_Iterable[_Union[OrderStateCount, _Mapping]]] = ..., exception_counts: _Optional[_Iterable[_Union[ExceptionReasonCount, _Mapping]]] = ..., total_size: _Optional[int] = ...) -> None: ...

class OrderStateCount(_message.Message):
    __slots__ = ("state", "order_count")
    STATE_FIELD_NUMBER: _ClassVar[int]
    ORDER_COUNT_FIELD_NUMBER: _ClassVar[int]
    state: _order_pb2.OrderState
    order_count: int
    def __init__(self, state: _Optional[_Union[_order_pb2.OrderState, str]] = ..., order_count: _Optional[int] = ...) -> None: ...

class ExceptionReasonCount(_message.Message):
    __slots__ = ("reason", "order_count")
    REASON_FIELD_NUMBER: _ClassVar[int]
    ORDER_COUNT_FIELD_NUMBER: _ClassVar[int]
    reason: str
    order_count: int
    def __init__(self, reason: _Optional[str] = ..., order_count: _Optional[int] = ...) -> None: ...
