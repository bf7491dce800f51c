import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.type import money_pb2 as _money_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class TemuOrderStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TEMU_ORDER_STATUS_UNSPECIFIED: _ClassVar[TemuOrderStatus]
    TEMU_ORDER_STATUS_PENDING: _ClassVar[TemuOrderStatus]
    TEMU_ORDER_STATUS_UN_SHIPPING: _ClassVar[TemuOrderStatus]
    TEMU_ORDER_STATUS_CANCELED: _ClassVar[TemuOrderStatus]
    TEMU_ORDER_STATUS_SHIPPED: _ClassVar[TemuOrderStatus]
    TEMU_ORDER_STATUS_DELIVERED: _ClassVar[TemuOrderStatus]
    TEMU_ORDER_STATUS_PARTIALLY_SHIPPED: _ClassVar[TemuOrderStatus]
    TEMU_ORDER_STATUS_PARTIALLY_DELIVERED: _ClassVar[TemuOrderStatus]

class OrderState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ORDER_STATE_UNSPECIFIED: _ClassVar[OrderState]
    ORDER_STATE_AWAITING_PLATFORM: _ClassVar[OrderState]
    ORDER_STATE_TO_REVIEW: _ClassVar[OrderState]
    ORDER_STATE_ASSIGNED: _ClassVar[OrderState]
    ORDER_STATE_AUDITED: _ClassVar[OrderState]
    ORDER_STATE_PUSHED: _ClassVar[OrderState]
    ORDER_STATE_SHIPPED: _ClassVar[OrderState]
    ORDER_STATE_MARKED: _ClassVar[OrderState]
    ORDER_STATE_DO_NOT_SHIP: _ClassVar[OrderState]
    ORDER_STATE_CANCELLED: _ClassVar[OrderState]
    ORDER_STATE_EXCEPTION: _ClassVar[OrderState]

class AmountsStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    AMOUNTS_STATUS_UNSPECIFIED: _ClassVar[AmountsStatus]
    AMOUNTS_STATUS_AVAILABLE: _ClassVar[AmountsStatus]
    AMOUNTS_STATUS_PENDING: _ClassVar[AmountsStatus]
    AMOUNTS_STATUS_GRANT_MISSING: _ClassVar[AmountsStatus]
    AMOUNTS_STATUS_NOT_APPLICABLE: _ClassVar[AmountsStatus]
    AMOUNTS_STATUS_NONE_FROM_TEMU: _ClassVar[AmountsStatus]
TEMU_ORDER_STATUS_UNSPECIFIED: TemuOrderStatus
TEMU_ORDER_STATUS_PENDING: TemuOrderStatus
TEMU_ORDER_STATUS_UN_SHIPPING: TemuOrderStatus
TEMU_ORDER_STATUS_CANCELED: TemuOrderStatus
TEMU_ORDER_STATUS_SHIPPED: TemuOrderStatus
TEMU_ORDER_STATUS_DELIVERED: TemuOrderStatus
TEMU_ORDER_STATUS_PARTIALLY_SHIPPED: TemuOrderStatus
TEMU_ORDER_STATUS_PARTIALLY_DELIVERED: TemuOrderStatus
ORDER_STATE_UNSPECIFIED: OrderState
ORDER_STATE_AWAITING_PLATFORM: OrderState
ORDER_STATE_TO_REVIEW: OrderState
ORDER_STATE_ASSIGNED: OrderState
ORDER_STATE_AUDITED: OrderState
ORDER_STATE_PUSHED: OrderState
ORDER_STATE_SHIPPED: OrderState
ORDER_STATE_MARKED: OrderState
ORDER_STATE_DO_NOT_SHIP: OrderState
ORDER_STATE_CANCELLED: OrderState
ORDER_STATE_EXCEPTION: OrderState
AMOUNTS_STATUS_UNSPECIFIED: AmountsStatus
AMOUNTS_STATUS_AVAILABLE: AmountsStatus
AMOUNTS_STATUS_PENDING: AmountsStatus
AMOUNTS_STATUS_GRANT_MISSING: AmountsStatus
AMOUNTS_STATUS_NOT_APPLICABLE: AmountsStatus
AMOUNTS_STATUS_NONE_FROM_TEMU: AmountsStatus

class LineAmounts(_message.Message):
    __slots__ = ("order_sn", "unit_price", "goods", "shipping")
    ORDER_SN_FIELD_NUMBER: _ClassVar[int]
    UNIT_PRICE_FIELD_NUMBER: _ClassVar[int]
    GOODS_FIELD_NUMBER: _ClassVar[int]
    SHIPPING_FIELD_NUMBER: _ClassVar[int]
    order_sn: str
    unit_price: _money_pb2.Money
    goods: _money_pb2.Money
    shipping: _money_pb2.Money
    def __init__(self, order_sn: _Optional[str] = ..., unit_price: _Optional[_Union[_money_pb2.Money, _Mapping]] = ..., goods: _Optional[_Union[_money_pb2.Money, _Mapping]] = ..., shipping: _Optional[_Union[_money_pb2.Money, _Mapping]] = ...) -> None: ...

class OrderAmounts(_message.Message):
    __slots__ = ("currency_code", "goods_total", "shipping_total", "estimated_revenue", "lines", "fetch_time")
    CURRENCY_CODE_FIELD_NUMBER: _ClassVar[int]
    GOODS_TOTAL_FIELD_NUMBER: _ClassVar[int]
    SHIPPING_TOTAL_FIELD_NUMBER: _ClassVar[int]
    ESTIMATED_REVENUE_FIELD_NUMBER: _ClassVar[int]
    LINES_FIELD_NUMBER: _ClassVar[int]
    FETCH_TIME_FIELD_NUMBER: _ClassVar[int]
    currency_code: str
    goods_total: _money_pb2.Money
    shipping_total: _money_pb2.Money
    estimated_revenue: _money_pb2.Money
    lines: _containers.RepeatedCompositeFieldContainer[LineAmounts]
    fetch_time: _timestamp_pb2.Timestamp
    def __init__(self, currency_code: _Optional[str] = ..., goods_total: _Optional[_Union[_money_pb2.Money, _Mapping]] = ..., shipping_total: _Optional[_Union[_money_pb2.Money, _Mapping]] = ..., estimated_revenue: _Optional[_Union[_money_pb2.Money, _Mapping]] = ..., lines: _Optional[_Iterable[_Union[LineAmounts, _Mapping]]] = ..., fetch_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class OrderTag(_message.Message):
    __slots__ = ("tag", "display_name", "color")
    TAG_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    COLOR_FIELD_NUMBER: _ClassVar[int]
    tag: str
    display_name: str
    color: str
    def __init__(self, tag: _Optional[str] = ..., display_name: _Optional[str] = ..., color: _Optional[str] = ...) -> None: ...

class Label(_message.Message):
    __slots__ = ("name", "value")
    NAME_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    name: str
    value: int
    def __init__(self, name: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...

class OrderLine(_message.Message):
    __slots__ = ("order_sn", "goods_id", "sku_id", "product_sku_id", "seller_sku", "goods_name", "spec", "ordered_quantity", "cancelled_before_shipment", "quantity_to_ship", "temu_status", "temu_status_code", "fulfillment_type", "labels", "warnings")
    ORDER_SN_FIELD_NUMBER: _ClassVar[int]
    GOODS_ID_FIELD_NUMBER: _ClassVar[int]
    SKU_ID_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_SKU_ID_FIELD_NUMBER: _ClassVar[int]
    SELLER_SKU_FIELD_NUMBER: _ClassVar[int]
    GOODS_NAME_FIELD_NUMBER: _ClassVar[int]
    SPEC_FIELD_NUMBER: _ClassVar[int]
    ORDERED_QUANTITY_FIELD_NUMBER: _ClassVar[int]
    CANCELLED_BEFORE_SHIPMENT_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_TO_SHIP_FIELD_NUMBER: _ClassVar[int]
    TEMU_STATUS_FIELD_NUMBER: _ClassVar[int]
    TEMU_STATUS_CODE_FIELD_NUMBER: _ClassVar[int]
    FULFILLMENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    LABELS_FIELD_NUMBER: _ClassVar[int]
    WARNINGS_FIELD_NUMBER: _ClassVar[int]
    order_sn: str
    goods_id: int
    sku_id: int
    product_sku_id: int
    seller_sku: str
    goods_name: str
    spec: str
    ordered_quantity: int
    cancelled_before_shipment: int
    quantity_to_ship: int
    temu_status: TemuOrderStatus
    temu_status_code: int
    fulfillment_type: str
    labels: _containers.RepeatedCompositeFieldContainer[Label]
    warnings: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, order_sn: _Optional[str] = ..., goods_id: _Optional[int] = ..., sku_id: _Optional[int] = ..., product_sku_id: _Optional[int] = ..., seller_sku: _Optional[str] = ..., goods_name: _Optional[str] = ..., spec: _Optional[str] = ..., ordered_quantity: _Optional[int] = ..., cancelled_before_shipment: _Optional[int] = ..., quantity_to_ship: _Optional[int] = ..., temu_status: _Optional[_Union[TemuOrderStatus, str]] = ..., temu_status_code: _Optional[int] = ..., fulfillment_type: _Optional[str] = ..., labels: _Optional[_Iterable[_Union[Label, _Mapping]]] = ..., warnings: _Optional[_Iterable[str]] = ...) -> None: ...

class Address(_message.Message):
    __slots__ = ("recipient_name", "phone", "email", "country", "state", "city", "district", "address_line1", "address_line2", "address_line3", "post_code")
    RECIPIENT_NAME_FIELD_NUMBER: _ClassVar[int]
    PHONE_FIELD_NUMBER: _ClassVar[int]
    EMAIL_FIELD_NUMBER: _ClassVar[int]
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    CITY_FIELD_NUMBER: _ClassVar[int]
    DISTRICT_FIELD_NUMBER: _ClassVar[int]
    ADDRESS_LINE1_FIELD_NUMBER: _ClassVar[int]
    ADDRESS_LINE2_FIELD_NUMBER: _ClassVar[int]
    ADDRESS_LINE3_FIELD_NUMBER: _ClassVar[int]
    POST_CODE_FIELD_NUMBER: _ClassVar[int]
    recipient_name: str
    phone: str
    email: str
    country: str
    state: str
    city: str
    district: str
    address_line1: str
    address_line2: str
    address_line3: str
    post_code: str
    def __init__(self, recipient_name: _Optional[str] = ..., phone: _Optional[str] = ..., email: _Optional[str] = ..., country: _Optional[str] = ..., state: _Optional[str] = ..., city: _Optional[str] = ..., district: _Optional[str] = ..., address_line1: _Optional[str] = ..., address_line2: _Optional[str] = ..., address_line3: _Optional[str] = ..., post_code: _Optional[str] = ...) -> None: ...

class StateChange(_message.Message):
    __slots__ = ("time", "from_state", "to_state", "reason")
    TIME_FIELD_NUMBER: _ClassVar[int]
    FROM_STATE_FIELD_NUMBER: _ClassVar[int]
    TO_STATE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    time: _timestamp_pb2.Timestamp
    from_state: OrderState
    to_state: OrderState
    reason: str
    def __init__(self, time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., from_state: _Optional[_Union[OrderState, str]] = ..., to_state: _Optional[_Union[OrderState, str]] = ..., reason: _Optional[str] = ...) -> None: ...

class Order(_message.Message):
    __slots__ = ("name", "shop", "parent_order_sn", "temu_status", "temu_status_code", "state", "region_id", "site_id", "create_time", "update_time", "ship_by_time", "lines", "labels", "warnings", "exceptions", "shipping_address", "address_fetch_time", "history", "sync_create_time", "sync_update_time", "etag_version", "amounts", "amounts_status", "tags")
    NAME_FIELD_NUMBER: _ClassVar[int]
    SHOP_FIELD_NUMBER: _ClassVar[int]
    PARENT_ORDER_SN_FIELD_NUMBER: _ClassVar[int]
    TEMU_STATUS_FIELD_NUMBER: _ClassVar[int]
    TEMU_STATUS_CODE_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    REGION_ID_FIELD_NUMBER: _ClassVar[int]
    SITE_ID_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    SHIP_BY_TIME_FIELD_NUMBER: _ClassVar[int]
    LINES_FIELD_NUMBER: _ClassVar[int]
    LABELS_FIELD_NUMBER: _ClassVar[int]
    WARNINGS_FIELD_NUMBER: _ClassVar[int]
    EXCEPTIONS_FIELD_NUMBER: _ClassVar[int]
    SHIPPING_ADDRESS_FIELD_NUMBER: _ClassVar[int]
    ADDRESS_FETCH_TIME_FIELD_NUMBER: _ClassVar[int]
    HISTORY_FIELD_NUMBER: _ClassVar[int]
    SYNC_CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    SYNC_UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    ETAG_VERSION_FIELD_NUMBER: _ClassVar[int]
    AMOUNTS_FIELD_NUMBER: _ClassVar[int]
    AMOUNTS_STATUS_FIELD_NUMBER: _ClassVar[int]
    TAGS_FIELD_NUMBER: _ClassVar[int]
    name: str
    shop: str
    parent_order_sn: str
    temu_status: TemuOrderStatus
    temu_status_code: int
    state: OrderState
    region_id: int
    site_id: int
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    ship_by_time: _timestamp_pb2.Timestamp
    lines: _containers.RepeatedCompositeFieldContainer[OrderLine]
    labels: _containers.RepeatedCompositeFieldContainer[Label]
    warnings: _containers.RepeatedScalarFieldContainer[str]
    exceptions: _containers.RepeatedScalarFieldContainer[str]
    shipping_address: Address
    address_fetch_time: _timestamp_pb2.Timestamp
    history: _containers.RepeatedCompositeFieldContainer[StateChange]
    sync_create_time: _timestamp_pb2.Timestamp
    sync_update_time: _timestamp_pb2.Timestamp
    etag_version: int
    amounts: OrderAmounts
    amounts_status: AmountsStatus
    tags: _containers.RepeatedCompositeFieldContainer[OrderTag]
    def __init__(self, name: _Optional[str] = ..., shop: _Optional[str] = ..., parent_order_sn: _Optional[str] = ..., temu_status: _Optional[_Union[TemuOrderStatus, str]] = ..., temu_status_code: _Optional[int] = ..., state: _Optional[_Union[OrderState, str]] = ..., region_id: _Optional[int] = ..., site_id: _Optional[int] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., ship_by_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., lines: _Optional[_Iterable[_Union[OrderLine, _Mapping]]] = ..., labels: _Optional[_Iterable[_Union[Label, _Mapping]]] = ..., warnings: _Optional[_Iterable[str]] = ..., exceptions: _Optional[_Iterable[str]] = ..., shipping_address: _Optional[_Union[Address, _Mapping]] = ..., address_fetch_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., history: _Optional[_Iterable[_Union[StateChange, _Mapping]]] = ..., sync_create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., sync_update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., etag_version: _Optional[int] = ..., amounts: _Optional[_Union[OrderAmounts, _Mapping]] = ..., amounts_status: _Optional[_Union[AmountsStatus, str]] = ..., tags: _Optional[_Iterable[_Union[OrderTag, _Mapping]]] = ...) -> None: ...
