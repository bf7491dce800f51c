"""Packages carry when the push worker looks at them next (tracking sync on a schedule, FUL-1/2).

Revision ID: 3b8e1f6c2a94
Revises: 9c4e7a2b5d13
Create Date: 2026-12-02 04:10:00

Packages in flight when this runs (audited, pushing, pushed, or labelled without their document)
are due at once: the sweep picks them up on its first round.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "3b8e1f6c2a94"
down_revision = "9c4e7a2b5d13"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("packages") as batch:
        batch.add_column(sa.Column("next_check_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("check_attempt", sa.Integer, nullable=False, server_default="0"))
    with op.batch_alter_table("packages") as batch:
        batch.alter_column("check_attempt", server_default=None)
    op.create_index("ix_packages_next_check_at", "packages", ["next_check_at"])
    packages = sa.table("packages", sa.column("state", sa.String), sa.column("label_id", sa.String),
                        sa.column("updated_at", sa.DateTime(timezone=True)),
                        sa.column("next_check_at", sa.DateTime(timezone=True)))
    op.execute(packages.update()
               .where(sa.or_(packages.c.state.in_(["AUDITED", "PUSHING", "PUSHED"]),
                             sa.and_(packages.c.state == "LABELLED", packages.c.label_id == "")))
               .values(next_check_at=packages.c.updated_at))


def downgrade() -> None:
    op.drop_index("ix_packages_next_check_at", table_name="packages")
    with op.batch_alter_table("packages") as batch:
        batch.drop_column("check_attempt")
        batch.drop_column("next_check_at")
