"""private calendar feeds, and which session a moved one replaces

Revision ID: 0024_calendar
Revises: 0023_agenda
Create Date: 2026-12-02 05:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0024_calendar"
down_revision: str | Sequence[str] | None = "0023_agenda"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "calendar_feeds",
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("team_id", "user_id", name=op.f("pk_calendar_feeds")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_calendar_feeds_token_hash")),
    )
    with op.batch_alter_table("coaching_sessions") as batch:
        batch.add_column(sa.Column("replaces_id", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("coaching_sessions") as batch:
        batch.drop_column("replaces_id")
    op.drop_table("calendar_feeds")
