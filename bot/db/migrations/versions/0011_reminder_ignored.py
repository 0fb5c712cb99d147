"""coaching sessions remember a reminder the manager let go by

Revision ID: 0011_reminder_ignored
Revises: 0007_session_manager
Create Date: 2026-12-02 05:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011_reminder_ignored"
down_revision: str | Sequence[str] | None = "0007_session_manager"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("coaching_sessions") as batch:
        batch.add_column(
            sa.Column("reminder_ignored", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("coaching_sessions") as batch:
        batch.drop_column("reminder_ignored")
