"""each side of a coaching session says whether it happened

Revision ID: 0022_session_both_sides
Revises: 0011_reminder_ignored
Create Date: 2026-12-02 05:10:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0022_session_both_sides"
down_revision: str | Sequence[str] | None = "0011_reminder_ignored"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("coaching_sessions") as batch:
        batch.add_column(sa.Column("manager_says", sa.String(length=4), nullable=True))
        batch.add_column(sa.Column("rep_says", sa.String(length=4), nullable=True))
    # What managers marked so far is their answer.
    op.execute("UPDATE coaching_sessions SET manager_says = 'yes' WHERE status = 'held'")
    op.execute("UPDATE coaching_sessions SET manager_says = 'no' WHERE status = 'skipped'")


def downgrade() -> None:
    with op.batch_alter_table("coaching_sessions") as batch:
        batch.drop_column("rep_says")
        batch.drop_column("manager_says")
