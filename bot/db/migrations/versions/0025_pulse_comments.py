"""anonymous pulse comments, and the short-lived link that lets the owner reply

Revision ID: 0025_pulse_comments
Revises: 0020_pulse_monthly
Create Date: 2026-12-02 05:35:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0025_pulse_comments"
down_revision: str | Sequence[str] | None = "0020_pulse_monthly"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "pulse_comments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("pulse_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["pulse_id"],
            ["pulses.id"],
            name=op.f("fk_pulse_comments_pulse_id_pulses"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pulse_comments")),
    )
    with op.batch_alter_table("pulse_comments") as batch:
        batch.create_index(batch.f("ix_pulse_comments_team_id"), ["team_id"], unique=False)
        batch.create_index(batch.f("ix_pulse_comments_pulse_id"), ["pulse_id"], unique=False)
    op.create_table(
        "pulse_comment_links",
        sa.Column("comment_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("pulse_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("forget_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["comment_id"],
            ["pulse_comments.id"],
            name=op.f("fk_pulse_comment_links_comment_id_pulse_comments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("comment_id", name=op.f("pk_pulse_comment_links")),
        sa.UniqueConstraint(
            "pulse_id", "user_id", name=op.f("uq_pulse_comment_links_pulse_id_user_id")
        ),
    )
    with op.batch_alter_table("pulse_comment_links") as batch:
        batch.create_index(batch.f("ix_pulse_comment_links_team_id"), ["team_id"], unique=False)
        batch.create_index(batch.f("ix_pulse_comment_links_forget_at"), ["forget_at"], unique=False)


def downgrade() -> None:
    op.drop_table("pulse_comment_links")
    op.drop_table("pulse_comments")
