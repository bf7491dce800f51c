from adapters.grpc.gen.erp.v1 import shop_pb2 as _shop_pb2
from google.protobuf import field_mask_pb2 as _field_mask_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class AuthorizeShopRequest(_message.Message):
    __slots__ = ("display_name", "kind", "region", "token", "owner", "request_id")
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    OWNER_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    display_name: str
    kind: _shop_pb2.ShopKind
    region: _shop_pb2.Region
    token: str
    owner: str
    request_id: str
    def __init__(self, display_name: _Optional[str] = ..., kind: _Optional[_Union[_shop_pb2.ShopKind, str]] = ..., region: _Optional[_Union[_shop_pb2.Region, str]] = ..., token: _Optional[str] = ..., owner: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class AuthorizeShopResponse(_message.Message):
    __slots__ = ("shop", "product_token_reused", "history_sync_operation")
    SHOP_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_TOKEN_REUSED_FIELD_NUMBER: _ClassVar[int]
    HISTORY_SYNC_OPERATION_FIELD_NUMBER: _ClassVar[int]
    shop: _shop_pb2.Shop
    product_token_reused: bool
    history_sync_operation: str
    def __init__(self, shop: _Optional[_Union[_shop_pb2.Shop, _Mapping]] = ..., product_token_reused: _Optional[bool] = ..., history_sync_operation: _Optional[str] = ...) -> None: ...

class AddProductTokenRequest(_message.Message):
    __slots__ = ("shop", "token", "request_id")
    SHOP_FIELD_NUMBER: _ClassVar[int]
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    shop: str
    token: str
    request_id: str
    def __init__(self, shop: _Optional[str] = ..., token: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class AddProductTokenResponse(_message.Message):
    __slots__ = ("shop",)
    SHOP_FIELD_NUMBER: _ClassVar[int]
    shop: _shop_pb2.Shop
    def __init__(self, shop: _Optional[_Union[_shop_pb2.Shop, _Mapping]] = ...) -> None: ...

class ReauthorizeShopRequest(_message.Message):
    __slots__ = ("shop", "token_kind", "token", "request_id")
    SHOP_FIELD_NUMBER: _ClassVar[int]
    TOKEN_KIND_FIELD_NUMBER: _ClassVar[int]
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    shop: str
    token_kind: _shop_pb2.TokenKind
    token: str
    request_id: str
    def __init__(self, shop: _Optional[str] = ..., token_kind: _Optional[_Union[_shop_pb2.TokenKind, str]] = ..., token: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class ReauthorizeShopResponse(_message.Message):
    __slots__ = ("shop",)
    SHOP_FIELD_NUMBER: _ClassVar[int]
    shop: _shop_pb2.Shop
    def __init__(self, shop: _Optional[_Union[_shop_pb2.Shop, _Mapping]] = ...) -> None: ...

class GetShopRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class GetShopResponse(_message.Message):
    __slots__ = ("shop",)
    SHOP_FIELD_NUMBER: _ClassVar[int]
    shop: _shop_pb2.Shop
    def __init__(self, shop: _Optional[_Union[_shop_pb2.Shop, _Mapping]] = ...) -> None: ...

class ListShopsRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "auth_status", "status", "name_contains", "expiring_within_days")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    AUTH_STATUS_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    NAME_CONTAINS_FIELD_NUMBER: _ClassVar[int]
    EXPIRING_WITHIN_DAYS_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    auth_status: _shop_pb2.AuthStatus
    status: _shop_pb2.ShopStatus
    name_contains: str
    expiring_within_days: int
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., auth_status: _Optional[_Union[_shop_pb2.AuthStatus, str]] = ..., status: _Optional[_Union[_shop_pb2.ShopStatus, str]] = ..., name_contains: _Optional[str] = ..., expiring_within_days: _Optional[int] = ...) -> None: ...

class ListShopsResponse(_message.Message):
    __slots__ = ("shops", "next_page_token", "total_size")
    SHOPS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    shops: _containers.RepeatedCompositeFieldContainer[_shop_pb2.Shop]
    next_page_token: str
    total_size: int
    def __init__(self, shops: _Optional[_Iterable[_Union[_shop_pb2.Shop, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class UpdateShopRequest(_message.Message):
    __slots__ = ("shop", "update_mask", "request_id")
    SHOP_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    shop: _shop_pb2.Shop
    update_mask: _field_mask_pb2.FieldMask
    request_id: str
    def __init__(self, shop: _Optional[_Union[_shop_pb2.Shop, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ..., request_id: _Optional[str] = ...) -> None: ...

class UpdateShopResponse(_message.Message):
    __slots__ = ("shop",)
    SHOP_FIELD_NUMBER: _ClassVar[int]
    shop: _shop_pb2.Shop
    def __init__(self, shop: _Optional[_Union[_shop_pb2.Shop, _Mapping]] = ...) -> None: ...

class EnableShopRequest(_message.Message):
    __slots__ = ("name", "request_id")
    NAME_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    name: str
    request_id: str
    def __init__(self, name: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class EnableShopResponse(_message.Message):
    __slots__ = ("shop",)
    SHOP_FIELD_NUMBER: _ClassVar[int]
    shop: _shop_pb2.Shop
    def __init__(self, shop: _Optional[_Union[_shop_pb2.Shop, _Mapping]] = ...) -> None: ...

class DisableShopRequest(_message.Message):
    __slots__ = ("name", "request_id")
    NAME_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    name: str
    request_id: str
    def __init__(self, name: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class DisableShopResponse(_message.Message):
    __slots__ = ("shop",)
    SHOP_FIELD_NUMBER: _ClassVar[int]
    shop: _shop_pb2.Shop
    def __init__(self, shop: _Optional[_Union[_shop_pb2.Shop, _Mapping]] = ...) -> None: ...
