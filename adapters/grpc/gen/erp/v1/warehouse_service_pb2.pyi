from adapters.grpc.gen.erp.v1 import provider_account_pb2 as _provider_account_pb2
from adapters.grpc.gen.erp.v1 import warehouse_pb2 as _warehouse_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class AddCarrierAccountRequest(_message.Message):
    __slots__ = ("display_name", "provider", "api_token", "base_url", "owner", "request_id")
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    API_TOKEN_FIELD_NUMBER: _ClassVar[int]
    BASE_URL_FIELD_NUMBER: _ClassVar[int]
    OWNER_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    display_name: str
    provider: str
    api_token: str
    base_url: str
    owner: str
    request_id: str
    def __init__(self, display_name: _Optional[str] = ..., provider: _Optional[str] = ..., api_token: _Optional[str] = ..., base_url: _Optional[str] = ..., owner: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class AddCarrierAccountResponse(_message.Message):
    __slots__ = ("carrier_account",)
    CARRIER_ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    carrier_account: _warehouse_pb2.CarrierAccount
    def __init__(self, carrier_account: _Optional[_Union[_warehouse_pb2.CarrierAccount, _Mapping]] = ...) -> None: ...

class UpdateCarrierCredentialsRequest(_message.Message):
    __slots__ = ("carrier_account", "api_token", "base_url")
    CARRIER_ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    API_TOKEN_FIELD_NUMBER: _ClassVar[int]
    BASE_URL_FIELD_NUMBER: _ClassVar[int]
    carrier_account: str
    api_token: str
    base_url: str
    def __init__(self, carrier_account: _Optional[str] = ..., api_token: _Optional[str] = ..., base_url: _Optional[str] = ...) -> None: ...

class UpdateCarrierCredentialsResponse(_message.Message):
    __slots__ = ("carrier_account",)
    CARRIER_ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    carrier_account: _warehouse_pb2.CarrierAccount
    def __init__(self, carrier_account: _Optional[_Union[_warehouse_pb2.CarrierAccount, _Mapping]] = ...) -> None: ...

class ListCarrierAccountsRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "owner")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    OWNER_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    owner: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., owner: _Optional[str] = ...) -> None: ...

class ListCarrierAccountsResponse(_message.Message):
    __slots__ = ("carrier_accounts", "next_page_token", "total_size")
    CARRIER_ACCOUNTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    carrier_accounts: _containers.RepeatedCompositeFieldContainer[_warehouse_pb2.CarrierAccount]
    next_page_token: str
    total_size: int
    def __init__(self, carrier_accounts: _Optional[_Iterable[_Union[_warehouse_pb2.CarrierAccount, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class ListCarrierServicesRequest(_message.Message):
    __slots__ = ("carrier_account",)
    CARRIER_ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    carrier_account: str
    def __init__(self, carrier_account: _Optional[str] = ...) -> None: ...

class ListCarrierServicesResponse(_message.Message):
    __slots__ = ("services",)
    SERVICES_FIELD_NUMBER: _ClassVar[int]
    services: _containers.RepeatedCompositeFieldContainer[_warehouse_pb2.CarrierService]
    def __init__(self, services: _Optional[_Iterable[_Union[_warehouse_pb2.CarrierService, _Mapping]]] = ...) -> None: ...

class RegisterWarehouseRequest(_message.Message):
    __slots__ = ("display_name", "kind", "address", "return_address", "carrier_account", "provider_account_id", "provider_warehouse_code", "owner", "request_id")
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    RETURN_ADDRESS_FIELD_NUMBER: _ClassVar[int]
    CARRIER_ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_WAREHOUSE_CODE_FIELD_NUMBER: _ClassVar[int]
    OWNER_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    display_name: str
    kind: _warehouse_pb2.WarehouseKind
    address: _warehouse_pb2.PostalAddress
    return_address: _warehouse_pb2.PostalAddress
    carrier_account: str
    provider_account_id: str
    provider_warehouse_code: str
    owner: str
    request_id: str
    def __init__(self, display_name: _Optional[str] = ..., kind: _Optional[_Union[_warehouse_pb2.WarehouseKind, str]] = ..., address: _Optional[_Union[_warehouse_pb2.PostalAddress, _Mapping]] = ..., return_address: _Optional[_Union[_warehouse_pb2.PostalAddress, _Mapping]] = ..., carrier_account: _Optional[str] = ..., provider_account_id: _Optional[str] = ..., provider_warehouse_code: _Optional[str] = ..., owner: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class RegisterWarehouseResponse(_message.Message):
    __slots__ = ("warehouse",)
    WAREHOUSE_FIELD_NUMBER: _ClassVar[int]
    warehouse: _warehouse_pb2.Warehouse
    def __init__(self, warehouse: _Optional[_Union[_warehouse_pb2.Warehouse, _Mapping]] = ...) -> None: ...

class GetWarehouseRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class GetWarehouseResponse(_message.Message):
    __slots__ = ("warehouse",)
    WAREHOUSE_FIELD_NUMBER: _ClassVar[int]
    warehouse: _warehouse_pb2.Warehouse
    def __init__(self, warehouse: _Optional[_Union[_warehouse_pb2.Warehouse, _Mapping]] = ...) -> None: ...

class ListWarehousesRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "kind", "active_only", "owner")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_ONLY_FIELD_NUMBER: _ClassVar[int]
    OWNER_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    kind: _warehouse_pb2.WarehouseKind
    active_only: bool
    owner: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., kind: _Optional[_Union[_warehouse_pb2.WarehouseKind, str]] = ..., active_only: _Optional[bool] = ..., owner: _Optional[str] = ...) -> None: ...

class ListWarehousesResponse(_message.Message):
    __slots__ = ("warehouses", "next_page_token", "total_size")
    WAREHOUSES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    warehouses: _containers.RepeatedCompositeFieldContainer[_warehouse_pb2.Warehouse]
    next_page_token: str
    total_size: int
    def __init__(self, warehouses: _Optional[_Iterable[_Union[_warehouse_pb2.Warehouse, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class DeactivateWarehouseRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class DeactivateWarehouseResponse(_message.Message):
    __slots__ = ("warehouse",)
    WAREHOUSE_FIELD_NUMBER: _ClassVar[int]
    warehouse: _warehouse_pb2.Warehouse
    def __init__(self, warehouse: _Optional[_Union[_warehouse_pb2.Warehouse, _Mapping]] = ...) -> None: ...

class ActivateWarehouseRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class ActivateWarehouseResponse(_message.Message):
    __slots__ = ("warehouse",)
    WAREHOUSE_FIELD_NUMBER: _ClassVar[int]
    warehouse: _warehouse_pb2.Warehouse
    def __init__(self, warehouse: _Optional[_Union[_warehouse_pb2.Warehouse, _Mapping]] = ...) -> None: ...

class EnableChannelRequest(_message.Message):
    __slots__ = ("warehouse", "service_token", "display_name", "label_format", "temu_carriers", "request_id")
    WAREHOUSE_FIELD_NUMBER: _ClassVar[int]
    SERVICE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    LABEL_FORMAT_FIELD_NUMBER: _ClassVar[int]
    TEMU_CARRIERS_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    warehouse: str
    service_token: str
    display_name: str
    label_format: _warehouse_pb2.LabelFormat
    temu_carriers: _containers.RepeatedCompositeFieldContainer[_warehouse_pb2.TemuCarrier]
    request_id: str
    def __init__(self, warehouse: _Optional[str] = ..., service_token: _Optional[str] = ..., display_name: _Optional[str] = ..., label_format: _Optional[_Union[_warehouse_pb2.LabelFormat, str]] = ..., temu_carriers: _Optional[_Iterable[_Union[_warehouse_pb2.TemuCarrier, _Mapping]]] = ..., request_id: _Optional[str] = ...) -> None: ...

class EnableChannelResponse(_message.Message):
    __slots__ = ("channel",)
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    channel: _warehouse_pb2.LogisticsChannel
    def __init__(self, channel: _Optional[_Union[_warehouse_pb2.LogisticsChannel, _Mapping]] = ...) -> None: ...

class DisableChannelRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class DisableChannelResponse(_message.Message):
    __slots__ = ("channel",)
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    channel: _warehouse_pb2.LogisticsChannel
    def __init__(self, channel: _Optional[_Union[_warehouse_pb2.LogisticsChannel, _Mapping]] = ...) -> None: ...

class ListChannelsRequest(_message.Message):
    __slots__ = ("warehouse", "page_size", "page_token")
    WAREHOUSE_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    warehouse: str
    page_size: int
    page_token: str
    def __init__(self, warehouse: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListChannelsResponse(_message.Message):
    __slots__ = ("channels", "next_page_token", "total_size")
    CHANNELS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    channels: _containers.RepeatedCompositeFieldContainer[_warehouse_pb2.LogisticsChannel]
    next_page_token: str
    total_size: int
    def __init__(self, channels: _Optional[_Iterable[_Union[_warehouse_pb2.LogisticsChannel, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class SetSkuMappingsRequest(_message.Message):
    __slots__ = ("mappings", "request_id")
    MAPPINGS_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    mappings: _containers.RepeatedCompositeFieldContainer[_warehouse_pb2.SkuMapping]
    request_id: str
    def __init__(self, mappings: _Optional[_Iterable[_Union[_warehouse_pb2.SkuMapping, _Mapping]]] = ..., request_id: _Optional[str] = ...) -> None: ...

class SetSkuMappingsResponse(_message.Message):
    __slots__ = ("set_count",)
    SET_COUNT_FIELD_NUMBER: _ClassVar[int]
    set_count: int
    def __init__(self, set_count: _Optional[int] = ...) -> None: ...

class ListSkuMappingsRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "shop", "temu_sku_id", "owner")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    SHOP_FIELD_NUMBER: _ClassVar[int]
    TEMU_SKU_ID_FIELD_NUMBER: _ClassVar[int]
    OWNER_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    shop: str
    temu_sku_id: int
    owner: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., shop: _Optional[str] = ..., temu_sku_id: _Optional[int] = ..., owner: _Optional[str] = ...) -> None: ...

class ListSkuMappingsResponse(_message.Message):
    __slots__ = ("mappings", "next_page_token", "total_size")
    MAPPINGS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    mappings: _containers.RepeatedCompositeFieldContainer[_warehouse_pb2.SkuMapping]
    next_page_token: str
    total_size: int
    def __init__(self, mappings: _Optional[_Iterable[_Union[_warehouse_pb2.SkuMapping, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class DeleteSkuMappingsRequest(_message.Message):
    __slots__ = ("mappings",)
    MAPPINGS_FIELD_NUMBER: _ClassVar[int]
    mappings: _containers.RepeatedCompositeFieldContainer[_warehouse_pb2.SkuMapping]
    def __init__(self, mappings: _Optional[_Iterable[_Union[_warehouse_pb2.SkuMapping, _Mapping]]] = ...) -> None: ...

class DeleteSkuMappingsResponse(_message.Message):
    __slots__ = ("deleted_count",)
    DELETED_COUNT_FIELD_NUMBER: _ClassVar[int]
    deleted_count: int
    def __init__(self, deleted_count: _Optional[int] = ...) -> None: ...
