"""SQLAlchemy persistence: tables, imperative mappings, the unit of work, the token vault and the
read side. Alembic (``migrations/``) is the only source of the schema."""
