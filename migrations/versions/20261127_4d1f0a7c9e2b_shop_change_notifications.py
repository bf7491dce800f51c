"""PostgreSQL tells listeners which shop changed: ``NOTIFY erp_shop_changes, '<shop id>'``.

The gRPC server keeps the shop rows it read in memory (``adapters/persistence/shop_cache.py``)
and drops one as soon as this notification for it arrives. Notifications are sent at commit,
only for committed changes; TRUNCATE sends an empty payload (every shop). SQLite needs nothing:
the cache there follows ``PRAGMA data_version``.

Revision ID: 4d1f0a7c9e2b
Revises: 5b2d0c7e4f31
Create Date: 2026-11-27 08:40:00
"""
from __future__ import annotations

from alembic import op

revision = "4d1f0a7c9e2b"
down_revision = "5b2d0c7e4f31"
branch_labels = None
depends_on = None

CHANNEL = "erp_shop_changes"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"""
        CREATE FUNCTION erp_notify_shop_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'TRUNCATE' THEN
                PERFORM pg_notify('{CHANNEL}', '');
            ELSIF TG_OP = 'DELETE' THEN
                PERFORM pg_notify('{CHANNEL}', OLD.id::text);
            ELSE
                PERFORM pg_notify('{CHANNEL}', NEW.id::text);
            END IF;
            RETURN NULL;
        END $$""")
    op.execute("CREATE TRIGGER shops_notify_changed AFTER INSERT OR UPDATE OR DELETE ON shops "
               "FOR EACH ROW EXECUTE FUNCTION erp_notify_shop_changed()")
    op.execute("CREATE TRIGGER shops_notify_truncated AFTER TRUNCATE ON shops "
               "FOR EACH STATEMENT EXECUTE FUNCTION erp_notify_shop_changed()")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER shops_notify_truncated ON shops")
    op.execute("DROP TRIGGER shops_notify_changed ON shops")
    op.execute("DROP FUNCTION erp_notify_shop_changed()")
