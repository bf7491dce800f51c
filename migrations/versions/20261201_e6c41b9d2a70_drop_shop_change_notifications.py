"""Shops no longer send ``NOTIFY erp_shop_changes``: nothing listens since GetShop reads its row.

Revision ID: e6c41b9d2a70
Revises: 4d1f0a7c9e2b
Create Date: 2026-12-01 22:10:00
"""
from __future__ import annotations

from alembic import op

revision = "e6c41b9d2a70"
down_revision = "c3e81f2a9d04"
branch_labels = None
depends_on = None

CHANNEL = "erp_shop_changes"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER shops_notify_truncated ON shops")
    op.execute("DROP TRIGGER shops_notify_changed ON shops")
    op.execute("DROP FUNCTION erp_notify_shop_changed()")


def downgrade() -> None:
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
