"""coaching sessions remember which manager they were with

Revision ID: 0007_session_manager
Revises: 0002_coaching
Create Date: 2026-12-02 03:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_session_manager"
down_revision: str | Sequence[str] | None = "0002_coaching"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("coaching_sessions") as batch:
        batch.add_column(sa.Column("manager_id", sa.String(length=32), nullable=True))
    op.execute(
        "UPDATE coaching_sessions SET manager_id = (SELECT manager_id FROM coaching_pairs "
        "WHERE coaching_pairs.id = coaching_sessions.pair_id)"
    )


def downgrade() -> None:
    with op.batch_alter_table("coaching_sessions") as batch:
        batch.drop_column("manager_id")
