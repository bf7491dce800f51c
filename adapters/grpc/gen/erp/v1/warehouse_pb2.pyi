import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class WarehouseKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    WAREHOUSE_KIND_UNSPECIFIED: _ClassVar[WarehouseKind]
    WAREHOUSE_KIND_OWN: _ClassVar[WarehouseKind]
    WAREHOUSE_KIND_THIRD_PARTY: _ClassVar[WarehouseKind]
    WAREHOUSE_KIND_FBA: _ClassVar[WarehouseKind]

class LabelFormat(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    LABEL_FORMAT_UNSPECIFIED: _ClassVar[LabelFormat]
    LABEL_FORMAT_PDF_4X6: _ClassVar[LabelFormat]
    LABEL_FORMAT_ZPL: _ClassVar[LabelFormat]
WAREHOUSE_KIND_UNSPECIFIED: WarehouseKind
WAREHOUSE_KIND_OWN: WarehouseKind
WAREHOUSE_KIND_THIRD_PARTY: WarehouseKind
WAREHOUSE_KIND_FBA: WarehouseKind
LABEL_FORMAT_UNSPECIFIED: LabelFormat
LABEL_FORMAT_PDF_4X6: LabelFormat
LABEL_FORMAT_ZPL: LabelFormat

class PostalAddress(_message.Message):
    __slots__ = ("name", "company", "street1", "street2", "street3", "city", "state", "zip", "country", "phone", "email")
    NAME_FIELD_NUMBER: _ClassVar[int]
    COMPANY_FIELD_NUMBER: _ClassVar[int]
    STREET1_FIELD_NUMBER: _ClassVar[int]
    STREET2_FIELD_NUMBER: _ClassVar[int]
    STREET3_FIELD_NUMBER: _ClassVar[int]
    CITY_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    ZIP_FIELD_NUMBER: _ClassVar[int]
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    PHONE_FIELD_NUMBER: _ClassVar[int]
    EMAIL_FIELD_NUMBER: _ClassVar[int]
    name: str
    company: str
    street1: str
    street2: str
    street3: str
    city: str
    state: str
    zip: str
    country: str
    phone: str
    email: str
    def __init__(self, name: _Optional[str] = ..., company: _Optional[str] = ..., street1: _Optional[str] = ..., street2: _Optional[str] = ..., street3: _Optional[str] = ..., city: _Optional[str] = ..., state: _Optional[str] = ..., zip: _Optional[str] = ..., country: _Optional[str] = ..., phone: _Optional[str] = ..., email: _Optional[str] = ...) -> None: ...

class Warehouse(_message.Message):
    __slots__ = ("name", "display_name", "kind", "owner", "address", "return_address", "carrier_account", "provider_account_id", "provider_warehouse_code", "active", "create_time", "update_time")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    OWNER_FIELD_NUMBER: _ClassVar[int]
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    RETURN_ADDRESS_FIELD_NUMBER: _ClassVar[int]
    CARRIER_ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_WAREHOUSE_CODE_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    display_name: str
    kind: WarehouseKind
    owner: str
    address: PostalAddress
    return_address: PostalAddress
    carrier_account: str
    provider_account_id: str
    provider_warehouse_code: str
    active: bool
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., display_name: _Optional[str] = ..., kind: _Optional[_Union[WarehouseKind, str]] = ..., owner: _Optional[str] = ..., address: _Optional[_Union[PostalAddress, _Mapping]] = ..., return_address: _Optional[_Union[PostalAddress, _Mapping]] = ..., carrier_account: _Optional[str] = ..., provider_account_id: _Optional[str] = ..., provider_warehouse_code: _Optional[str] = ..., active: _Optional[bool] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class CarrierAccount(_message.Message):
    __slots__ = ("name", "display_name", "provider", "base_url", "owner", "verify_time", "create_time")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    BASE_URL_FIELD_NUMBER: _ClassVar[int]
    OWNER_FIELD_NUMBER: _ClassVar[int]
    VERIFY_TIME_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    display_name: str
    provider: str
    base_url: str
    owner: str
    verify_time: _timestamp_pb2.Timestamp
    create_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., display_name: _Optional[str] = ..., provider: _Optional[str] = ..., base_url: _Optional[str] = ..., owner: _Optional[str] = ..., verify_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class CarrierService(_message.Message):
    __slots__ = ("carrier", "service_token", "display_name", "provider_carrier_account")
    CARRIER_FIELD_NUMBER: _ClassVar[int]
    SERVICE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_CARRIER_ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    carrier: str
    service_token: str
    display_name: str
    provider_carrier_account: str
    def __init__(self, carrier: _Optional[str] = ..., service_token: _Optional[str] = ..., display_name: _Optional[str] = ..., provider_carrier_account: _Optional[str] = ...) -> None: ...

class TemuCarrier(_message.Message):
    __slots__ = ("region_id", "carrier_id", "carrier_name")
    REGION_ID_FIELD_NUMBER: _ClassVar[int]
    CARRIER_ID_FIELD_NUMBER: _ClassVar[int]
    CARRIER_NAME_FIELD_NUMBER: _ClassVar[int]
    region_id: int
    carrier_id: int
    carrier_name: str
    def __init__(self, region_id: _Optional[int] = ..., carrier_id: _Optional[int] = ..., carrier_name: _Optional[str] = ...) -> None: ...

class LogisticsChannel(_message.Message):
    __slots__ = ("name", "warehouse", "display_name", "carrier", "service_token", "label_format", "temu_carriers", "active", "create_time", "update_time")
    NAME_FIELD_NUMBER: _ClassVar[int]
    WAREHOUSE_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    CARRIER_FIELD_NUMBER: _ClassVar[int]
    SERVICE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    LABEL_FORMAT_FIELD_NUMBER: _ClassVar[int]
    TEMU_CARRIERS_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    warehouse: str
    display_name: str
    carrier: str
    service_token: str
    label_format: LabelFormat
    temu_carriers: _containers.RepeatedCompositeFieldContainer[TemuCarrier]
    active: bool
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., warehouse: _Optional[str] = ..., display_name: _Optional[str] = ..., carrier: _Optional[str] = ..., service_token: _Optional[str] = ..., label_format: _Optional[_Union[LabelFormat, str]] = ..., temu_carriers: _Optional[_Iterable[_Union[TemuCarrier, _Mapping]]] = ..., active: _Optional[bool] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class SkuMapping(_message.Message):
    __slots__ = ("owner", "shop", "temu_sku_id", "temu_seller_sku", "seller_sku")
    OWNER_FIELD_NUMBER: _ClassVar[int]
    SHOP_FIELD_NUMBER: _ClassVar[int]
    TEMU_SKU_ID_FIELD_NUMBER: _ClassVar[int]
    TEMU_SELLER_SKU_FIELD_NUMBER: _ClassVar[int]
    SELLER_SKU_FIELD_NUMBER: _ClassVar[int]
    owner: str
    shop: str
    temu_sku_id: int
    temu_seller_sku: str
    seller_sku: str
    def __init__(self, owner: _Optional[str] = ..., shop: _Optional[str] = ..., temu_sku_id: _Optional[int] = ..., temu_seller_sku: _Optional[str] = ..., seller_sku: _Optional[str] = ...) -> None: ...
