"""Databases for the persistence tests: SQLite always, PostgreSQL when ERP_TEST_POSTGRES_URL is set.

Each PostgreSQL test session works in databases of its own (created here, dropped afterwards).
The schema always comes from the Alembic migrations, never from ``create_all``.
"""
from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import sessionmaker

from adapters.persistence.engine import make_engine, make_session_factory
from adapters.persistence.keyring import Keyring
from adapters.persistence.mappers import map_all
from adapters.persistence.migrate import upgrade
from adapters.persistence.uow import SqlAlchemyUnitOfWork

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@dataclass
class Database:
    url: str
    engine: Engine
    session_factory: sessionmaker
    keyring: Keyring

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    def uow(self) -> SqlAlchemyUnitOfWork:
        return SqlAlchemyUnitOfWork(self.session_factory, self.keyring)


class PostgresServer:
    """Creates throwaway databases on the test server."""

    def __init__(self, url: str) -> None:
        self._url = sa.make_url(url)
        self._admin = sa.create_engine(self._url, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)

    def create(self) -> str:
        name = f"erp_it_{uuid.uuid4().hex[:12]}"
        with self._admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        return self._url.set(database=name).render_as_string(hide_password=False)

    def drop(self, url: str) -> None:
        name = sa.make_url(url).database
        with self._admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def postgres_server() -> PostgresServer:
    url = os.environ.get("ERP_TEST_POSTGRES_URL")
    if not url:
        pytest.skip("ERP_TEST_POSTGRES_URL is not set")
    return PostgresServer(url)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file that each test copies (faster than migrating every time)."""
    path = tmp_path_factory.mktemp("template") / "erp.db"
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def postgres_migrated(postgres_server: PostgresServer) -> Iterator[Engine]:
    url = postgres_server.create()
    upgrade(url)
    engine = make_engine(url)
    yield engine
    engine.dispose()
    postgres_server.drop(url)


@pytest.fixture(params=BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A migrated, empty database of each backend."""
    map_all()
    if request.param == "sqlite":
        path = tmp_path / "erp.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        engine = make_engine(f"sqlite:///{path}")
    else:
        engine = request.getfixturevalue("postgres_migrated")
        _truncate_all(engine)
    yield Database(engine.url.render_as_string(hide_password=False), engine,
                   make_session_factory(engine), Keyring.generate("k1"))
    if request.param == "sqlite":
        engine.dispose()


@pytest.fixture(params=BACKENDS)
def empty_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database with no schema at all, for the migration tests."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    server = request.getfixturevalue("postgres_server")
    url = server.create()
    yield url
    server.drop(url)


def _truncate_all(engine: Engine) -> None:
    names = ", ".join(t.name for t in map_all().sorted_tables)
    with engine.begin() as conn:
        conn.exec_driver_sql(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
