"""A database of each backend and the scene around the real worker process (``worker_harness``)."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.crash.worker_harness import Scene, database_url, scene as build_scene
from tests.integration.persistence.conftest import BACKENDS, postgres_server  # noqa: F401  (fixture)

pytestmark = [pytest.mark.redis, pytest.mark.slow]


@pytest.fixture(params=BACKENDS)
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    yield from database_url(request, tmp_path)


@pytest.fixture
def scene(database: str, tmp_path: Path) -> Iterator[Scene]:
    yield from build_scene(database, tmp_path)
