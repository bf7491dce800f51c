"""Alembic is the only source of the schema: every step reverses, and the result matches the code."""
from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from adapters.persistence.engine import make_engine
from adapters.persistence.mappers import map_all
from adapters.persistence.migrate import alembic_config, downgrade, upgrade


def revisions_oldest_first() -> list[tuple[str, str]]:
    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    return [(r.revision, r.down_revision or "base") for r in reversed(list(script.walk_revisions()))]


def test_the_migrations_form_one_line_of_at_least_two_revisions():
    revisions = revisions_oldest_first()
    assert len(revisions) >= 2
    assert [down for _, down in revisions[1:]] == [rev for rev, _ in revisions[:-1]]


def test_every_revision_upgrades_downgrades_and_upgrades_again(empty_database_url):
    for revision, down_revision in revisions_oldest_first():
        upgrade(empty_database_url, revision)
        downgrade(empty_database_url, down_revision)
        upgrade(empty_database_url, revision)


def test_the_migrated_schema_matches_the_mapped_tables_exactly(empty_database_url):
    upgrade(empty_database_url)
    engine = make_engine(empty_database_url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(context, map_all()) == []
    finally:
        engine.dispose()
