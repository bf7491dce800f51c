"""The carrier sandbox fixture of the packages tests."""
from tests.e2e.packages.conftest import carrier  # noqa: F401
