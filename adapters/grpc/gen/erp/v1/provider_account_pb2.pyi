import datetime

from adapters.grpc.gen.erp.v1 import warehouse_pb2 as _warehouse_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ProviderKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PROVIDER_KIND_UNSPECIFIED: _ClassVar[ProviderKind]
    PROVIDER_KIND_GOODCANG: _ClassVar[ProviderKind]
    PROVIDER_KIND_AMAZON: _ClassVar[ProviderKind]
PROVIDER_KIND_UNSPECIFIED: ProviderKind
PROVIDER_KIND_GOODCANG: ProviderKind
PROVIDER_KIND_AMAZON: ProviderKind

class GoodcangCredentials(_message.Message):
    __slots__ = ("app_key", "app_token", "base_url")
    APP_KEY_FIELD_NUMBER: _ClassVar[int]
    APP_TOKEN_FIELD_NUMBER: _ClassVar[int]
    BASE_URL_FIELD_NUMBER: _ClassVar[int]
    app_key: str
    app_token: str
    base_url: str
    def __init__(self, app_key: _Optional[str] = ..., app_token: _Optional[str] = ..., base_url: _Optional[str] = ...) -> None: ...

class AmazonCredentials(_message.Message):
    __slots__ = ("client_id", "client_secret", "refresh_token", "marketplace_id", "endpoint", "lwa_url")
    CLIENT_ID_FIELD_NUMBER: _ClassVar[int]
    CLIENT_SECRET_FIELD_NUMBER: _ClassVar[int]
    REFRESH_TOKEN_FIELD_NUMBER: _ClassVar[int]
    MARKETPLACE_ID_FIELD_NUMBER: _ClassVar[int]
    ENDPOINT_FIELD_NUMBER: _ClassVar[int]
    LWA_URL_FIELD_NUMBER: _ClassVar[int]
    client_id: str
    client_secret: str
    refresh_token: str
    marketplace_id: str
    endpoint: str
    lwa_url: str
    def __init__(self, client_id: _Optional[str] = ..., client_secret: _Optional[str] = ..., refresh_token: _Optional[str] = ..., marketplace_id: _Optional[str] = ..., endpoint: _Optional[str] = ..., lwa_url: _Optional[str] = ...) -> None: ...

class ProviderAccount(_message.Message):
    __slots__ = ("name", "display_name", "kind", "marketplace_id", "owner", "verify_time", "active", "create_time")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    MARKETPLACE_ID_FIELD_NUMBER: _ClassVar[int]
    OWNER_FIELD_NUMBER: _ClassVar[int]
    VERIFY_TIME_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    display_name: str
    kind: ProviderKind
    marketplace_id: str
    owner: str
    verify_time: _timestamp_pb2.Timestamp
    active: bool
    create_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., display_name: _Optional[str] = ..., kind: _Optional[_Union[ProviderKind, str]] = ..., marketplace_id: _Optional[str] = ..., owner: _Optional[str] = ..., verify_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., active: _Optional[bool] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class AuthorizeProviderAccountRequest(_message.Message):
    __slots__ = ("display_name", "goodcang", "amazon", "owner", "request_id")
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    GOODCANG_FIELD_NUMBER: _ClassVar[int]
    AMAZON_FIELD_NUMBER: _ClassVar[int]
    OWNER_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    display_name: str
    goodcang: GoodcangCredentials
    amazon: AmazonCredentials
    owner: str
    request_id: str
    def __init__(self, display_name: _Optional[str] = ..., goodcang: _Optional[_Union[GoodcangCredentials, _Mapping]] = ..., amazon: _Optional[_Union[AmazonCredentials, _Mapping]] = ..., owner: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class AuthorizeProviderAccountResponse(_message.Message):
    __slots__ = ("provider_account",)
    PROVIDER_ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    provider_account: ProviderAccount
    def __init__(self, provider_account: _Optional[_Union[ProviderAccount, _Mapping]] = ...) -> None: ...

class ListProviderAccountsRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "owner")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    OWNER_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    owner: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., owner: _Optional[str] = ...) -> None: ...

class ListProviderAccountsResponse(_message.Message):
    __slots__ = ("provider_accounts", "next_page_token", "total_size")
    PROVIDER_ACCOUNTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    provider_accounts: _containers.RepeatedCompositeFieldContainer[ProviderAccount]
    next_page_token: str
    total_size: int
    def __init__(self, provider_accounts: _Optional[_Iterable[_Union[ProviderAccount, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class ProviderWarehouse(_message.Message):
    __slots__ = ("code", "display_name", "country_code")
    CODE_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    COUNTRY_CODE_FIELD_NUMBER: _ClassVar[int]
    code: str
    display_name: str
    country_code: str
    def __init__(self, code: _Optional[str] = ..., display_name: _Optional[str] = ..., country_code: _Optional[str] = ...) -> None: ...

class ProviderChannel(_message.Message):
    __slots__ = ("code", "display_name", "warehouse_code")
    CODE_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    WAREHOUSE_CODE_FIELD_NUMBER: _ClassVar[int]
    code: str
    display_name: str
    warehouse_code: str
    def __init__(self, code: _Optional[str] = ..., display_name: _Optional[str] = ..., warehouse_code: _Optional[str] = ...) -> None: ...

class ListProviderWarehousesRequest(_message.Message):
    __slots__ = ("provider_account",)
    PROVIDER_ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    provider_account: str
    def __init__(self, provider_account: _Optional[str] = ...) -> None: ...

class ListProviderWarehousesResponse(_message.Message):
    __slots__ = ("warehouses", "channels")
    WAREHOUSES_FIELD_NUMBER: _ClassVar[int]
    CHANNELS_FIELD_NUMBER: _ClassVar[int]
    warehouses: _containers.RepeatedCompositeFieldContainer[ProviderWarehouse]
    channels: _containers.RepeatedCompositeFieldContainer[ProviderChannel]
    def __init__(self, warehouses: _Optional[_Iterable[_Union[ProviderWarehouse, _Mapping]]] = ..., channels: _Optional[_Iterable[_Union[ProviderChannel, _Mapping]]] = ...) -> None: ...

class AdoptProviderWarehouseRequest(_message.Message):
    __slots__ = ("provider_account", "warehouse_code", "display_name", "channel_codes", "request_id")
    PROVIDER_ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    WAREHOUSE_CODE_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_CODES_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    provider_account: str
    warehouse_code: str
    display_name: str
    channel_codes: _containers.RepeatedScalarFieldContainer[str]
    request_id: str
    def __init__(self, provider_account: _Optional[str] = ..., warehouse_code: _Optional[str] = ..., display_name: _Optional[str] = ..., channel_codes: _Optional[_Iterable[str]] = ..., request_id: _Optional[str] = ...) -> None: ...

class AdoptProviderWarehouseResponse(_message.Message):
    __slots__ = ("warehouse", "channels")
    WAREHOUSE_FIELD_NUMBER: _ClassVar[int]
    CHANNELS_FIELD_NUMBER: _ClassVar[int]
    warehouse: _warehouse_pb2.Warehouse
    channels: _containers.RepeatedCompositeFieldContainer[_warehouse_pb2.LogisticsChannel]
    def __init__(self, warehouse: _Optional[_Union[_warehouse_pb2.Warehouse, _Mapping]] = ..., channels: _Optional[_Iterable[_Union[_warehouse_pb2.LogisticsChannel, _Mapping]]] = ...) -> None: ...

class ListProviderStockRequest(_message.Message):
    __slots__ = ("provider_account", "seller_skus")
    PROVIDER_ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    SELLER_SKUS_FIELD_NUMBER: _ClassVar[int]
    provider_account: str
    seller_skus: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, provider_account: _Optional[str] = ..., seller_skus: _Optional[_Iterable[str]] = ...) -> None: ...

class ProviderStock(_message.Message):
    __slots__ = ("seller_sku", "warehouse_code", "available", "total")
    SELLER_SKU_FIELD_NUMBER: _ClassVar[int]
    WAREHOUSE_CODE_FIELD_NUMBER: _ClassVar[int]
    AVAILABLE_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    seller_sku: str
    warehouse_code: str
    available: int
    total: int
    def __init__(self, seller_sku: _Optional[str] = ..., warehouse_code: _Optional[str] = ..., available: _Optional[int] = ..., total: _Optional[int] = ...) -> None: ...

class ListProviderStockResponse(_message.Message):
    __slots__ = ("stock",)
    STOCK_FIELD_NUMBER: _ClassVar[int]
    stock: _containers.RepeatedCompositeFieldContainer[ProviderStock]
    def __init__(self, stock: _Optional[_Iterable[_Union[ProviderStock, _Mapping]]] = ...) -> None: ...
