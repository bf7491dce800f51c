"""Alembic environment: compares migrations with ``map_all()`` metadata; batch mode for SQLite.

URL, first match wins: ``config.attributes["url"]`` (``adapters.persistence.migrate``),
``-x url=...``, ``ERP_DATABASE_URL``, ``sqlite:///var/erp.db``.
"""
from __future__ import annotations

from logging.config import fileConfig

from alembic import context

from adapters.persistence.engine import make_engine
from adapters.persistence.mappers import map_all
from bootstrap.settings import Settings

config = context.config
if config.config_file_name and config.attributes.get("configure_logger", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)

target_metadata = map_all()


def _url() -> str:
    return config.attributes.get("url") or context.get_x_argument(as_dictionary=True).get("url") or Settings.from_env().database_url


def _configure(**kw: object) -> None:
    context.configure(target_metadata=target_metadata, render_as_batch=True, compare_type=True, **kw)


def run_migrations_offline() -> None:
    _configure(url=_url(), literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    # NOTE: foreign keys off: SQLite batch operations recreate tables that others reference.
    engine = make_engine(_url(), foreign_keys=False)
    try:
        with engine.connect() as connection:
            _configure(connection=connection)
            with context.begin_transaction():
                context.run_migrations()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
