"""The provider directories (``ProviderDirectories``): a Goodcang or an FBA client per account,
chosen by the kind of its credentials."""
from __future__ import annotations

from adapters.fba.directory import FbaDirectory
from adapters.threepl.goodcang_directory import GoodcangDirectory
from application.ports.provider_directory import ProviderDirectory
from application.ports.providers import GoodcangCredentials, ProviderCredentials


class ProviderDirectoryGateway:
    def connect(self, credentials: ProviderCredentials) -> ProviderDirectory:
        if isinstance(credentials, GoodcangCredentials):
            return GoodcangDirectory(credentials)
        return FbaDirectory(credentials)
