"""``erp.v1.AccessService``: API keys listed, created and revoked by administrators.

Ready for ``create_server(..., extra_services=access_services(access))``. Errors are raised; the
call interceptor maps them.
"""
from __future__ import annotations

import re

import grpc

from adapters.grpc.call_context import current_principal
from adapters.grpc.gen.erp.v1 import access_service_pb2 as pb, access_service_pb2_grpc as pb_grpc
from adapters.grpc.mappers import EnumMap, timestamp
from adapters.grpc.server_factory import ExtraService
from adapters.grpc.shop_requests import Checks
from application.access.facade import AccessUseCases
from application.ports.repositories import ApiKeyView
from domain.principal import Role

ACCESS_SERVICE = pb.DESCRIPTOR.services_by_name["AccessService"].full_name
ROLES = EnumMap(Role, pb.Role, "ROLE")
MAX_PRINCIPAL_ID_LENGTH = 64
_KEY_NAME = re.compile(r"^apiKeys/([0-9a-fA-F-]{36})$")


def access_services(access: AccessUseCases) -> list[ExtraService]:
    return [ExtraService(ACCESS_SERVICE, lambda server: pb_grpc.add_AccessServiceServicer_to_server(
        AccessServicer(access), server))]


def api_key_to_proto(key: ApiKeyView) -> pb.ApiKey:
    message = pb.ApiKey(name=f"apiKeys/{key.id}", prefix=key.prefix, principal=key.principal_id,
                        principal_display_name=key.principal_name, role=ROLES.to_proto(key.role),
                        create_time=timestamp(key.created_at))
    if key.revoked_at is not None:
        message.revoke_time.CopyFrom(timestamp(key.revoked_at))
    return message


class AccessServicer(pb_grpc.AccessServiceServicer):
    def __init__(self, access: AccessUseCases) -> None:
        self._access = access

    def ListApiKeys(self, request: pb.ListApiKeysRequest, context: grpc.ServicerContext) -> pb.ListApiKeysResponse:
        c = Checks()
        c.page(request.page_size, request.page_token)
        c.done()
        page = self._access.list_keys.execute(current_principal(), request.page_size, request.page_token)
        return pb.ListApiKeysResponse(api_keys=[api_key_to_proto(k) for k in page.items],
                                      next_page_token=page.next_page_token)

    def CreateApiKey(self, request: pb.CreateApiKeyRequest, context: grpc.ServicerContext) -> pb.CreateApiKeyResponse:
        c = Checks()
        role = c.check(lambda: ROLES.from_proto(request.role, "role"))
        if len(request.principal) > MAX_PRINCIPAL_ID_LENGTH:
            c.add("principal", f"at most {MAX_PRINCIPAL_ID_LENGTH} characters")
        c.done()
        created = self._access.create_key.execute(current_principal(), request.display_name, role or Role.SHOP_OWNER,
                                                  request.principal or None)
        return pb.CreateApiKeyResponse(api_key=api_key_to_proto(created.key), secret=created.secret)

    def RevokeApiKey(self, request: pb.RevokeApiKeyRequest, context: grpc.ServicerContext) -> pb.RevokeApiKeyResponse:
        c = Checks()
        match = _KEY_NAME.match(request.name)
        if match is None:
            c.add("name", "must look like apiKeys/{id}")
        c.done()
        key = self._access.revoke_key.execute(current_principal(), match.group(1).lower())
        return pb.RevokeApiKeyResponse(api_key=api_key_to_proto(key))
