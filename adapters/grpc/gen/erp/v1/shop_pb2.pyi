import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ShopKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SHOP_KIND_UNSPECIFIED: _ClassVar[ShopKind]
    SHOP_KIND_CROSS_BORDER: _ClassVar[ShopKind]
    SHOP_KIND_LOCAL: _ClassVar[ShopKind]

class Region(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    REGION_UNSPECIFIED: _ClassVar[Region]
    REGION_US: _ClassVar[Region]
    REGION_EU: _ClassVar[Region]

class TokenKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TOKEN_KIND_UNSPECIFIED: _ClassVar[TokenKind]
    TOKEN_KIND_ORDER: _ClassVar[TokenKind]
    TOKEN_KIND_PRODUCT: _ClassVar[TokenKind]
    TOKEN_KIND_LOCAL: _ClassVar[TokenKind]

class AuthStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    AUTH_STATUS_UNSPECIFIED: _ClassVar[AuthStatus]
    AUTH_STATUS_PARTIAL: _ClassVar[AuthStatus]
    AUTH_STATUS_AUTHORIZED: _ClassVar[AuthStatus]
    AUTH_STATUS_EXPIRED: _ClassVar[AuthStatus]
    AUTH_STATUS_REAUTH_REQUIRED: _ClassVar[AuthStatus]

class ShopStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SHOP_STATUS_UNSPECIFIED: _ClassVar[ShopStatus]
    SHOP_STATUS_ENABLED: _ClassVar[ShopStatus]
    SHOP_STATUS_DISABLED: _ClassVar[ShopStatus]
SHOP_KIND_UNSPECIFIED: ShopKind
SHOP_KIND_CROSS_BORDER: ShopKind
SHOP_KIND_LOCAL: ShopKind
REGION_UNSPECIFIED: Region
REGION_US: Region
REGION_EU: Region
TOKEN_KIND_UNSPECIFIED: TokenKind
TOKEN_KIND_ORDER: TokenKind
TOKEN_KIND_PRODUCT: TokenKind
TOKEN_KIND_LOCAL: TokenKind
AUTH_STATUS_UNSPECIFIED: AuthStatus
AUTH_STATUS_PARTIAL: AuthStatus
AUTH_STATUS_AUTHORIZED: AuthStatus
AUTH_STATUS_EXPIRED: AuthStatus
AUTH_STATUS_REAUTH_REQUIRED: AuthStatus
SHOP_STATUS_UNSPECIFIED: ShopStatus
SHOP_STATUS_ENABLED: ShopStatus
SHOP_STATUS_DISABLED: ShopStatus

class Credential(_message.Message):
    __slots__ = ("kind", "region", "fingerprint", "scopes", "expire_time", "expiry_from_temu", "days_left", "last_verify_time", "revoked", "missing_scopes")
    KIND_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    FINGERPRINT_FIELD_NUMBER: _ClassVar[int]
    SCOPES_FIELD_NUMBER: _ClassVar[int]
    EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    EXPIRY_FROM_TEMU_FIELD_NUMBER: _ClassVar[int]
    DAYS_LEFT_FIELD_NUMBER: _ClassVar[int]
    LAST_VERIFY_TIME_FIELD_NUMBER: _ClassVar[int]
    REVOKED_FIELD_NUMBER: _ClassVar[int]
    MISSING_SCOPES_FIELD_NUMBER: _ClassVar[int]
    kind: TokenKind
    region: Region
    fingerprint: str
    scopes: _containers.RepeatedScalarFieldContainer[str]
    expire_time: _timestamp_pb2.Timestamp
    expiry_from_temu: bool
    days_left: int
    last_verify_time: _timestamp_pb2.Timestamp
    revoked: bool
    missing_scopes: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, kind: _Optional[_Union[TokenKind, str]] = ..., region: _Optional[_Union[Region, str]] = ..., fingerprint: _Optional[str] = ..., scopes: _Optional[_Iterable[str]] = ..., expire_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., expiry_from_temu: _Optional[bool] = ..., days_left: _Optional[int] = ..., last_verify_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., revoked: _Optional[bool] = ..., missing_scopes: _Optional[_Iterable[str]] = ...) -> None: ...

class Shop(_message.Message):
    __slots__ = ("name", "display_name", "kind", "region", "mall_id", "owner", "status", "auth_status", "expiry_warning_days", "auth_expire_time", "credentials", "create_time", "update_time", "etag_version", "reauthorization_reason")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    MALL_ID_FIELD_NUMBER: _ClassVar[int]
    OWNER_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    AUTH_STATUS_FIELD_NUMBER: _ClassVar[int]
    EXPIRY_WARNING_DAYS_FIELD_NUMBER: _ClassVar[int]
    AUTH_EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    CREDENTIALS_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    ETAG_VERSION_FIELD_NUMBER: _ClassVar[int]
    REAUTHORIZATION_REASON_FIELD_NUMBER: _ClassVar[int]
    name: str
    display_name: str
    kind: ShopKind
    region: Region
    mall_id: int
    owner: str
    status: ShopStatus
    auth_status: AuthStatus
    expiry_warning_days: int
    auth_expire_time: _timestamp_pb2.Timestamp
    credentials: _containers.RepeatedCompositeFieldContainer[Credential]
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    etag_version: int
    reauthorization_reason: str
    def __init__(self, name: _Optional[str] = ..., display_name: _Optional[str] = ..., kind: _Optional[_Union[ShopKind, str]] = ..., region: _Optional[_Union[Region, str]] = ..., mall_id: _Optional[int] = ..., owner: _Optional[str] = ..., status: _Optional[_Union[ShopStatus, str]] = ..., auth_status: _Optional[_Union[AuthStatus, str]] = ..., expiry_warning_days: _Optional[int] = ..., auth_expire_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., credentials: _Optional[_Iterable[_Union[Credential, _Mapping]]] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., etag_version: _Optional[int] = ..., reauthorization_reason: _Optional[str] = ...) -> None: ...
