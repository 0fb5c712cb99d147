"""a rep's if-then plans made from feedback

Revision ID: 0021_commitments
Revises: 0010_notification_prefs
Create Date: 2026-12-02 05:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0021_commitments"
down_revision: str | Sequence[str] | None = "0010_notification_prefs"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "commitments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("rep_id", sa.String(length=32), nullable=False),
        sa.Column("ask_id", sa.Integer(), nullable=False),
        sa.Column("situation", sa.Text(), nullable=False),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(length=12), nullable=True),
        sa.Column("share_thanks", sa.Boolean(), nullable=True),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["ask_id"],
            ["feedback_asks.id"],
            name=op.f("fk_commitments_ask_id_feedback_asks"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commitments")),
        sa.UniqueConstraint("ask_id", name=op.f("uq_commitments_ask_id")),
    )
    with op.batch_alter_table("commitments") as batch:
        batch.create_index(batch.f("ix_commitments_team_id"), ["team_id"], unique=False)
        batch.create_index(batch.f("ix_commitments_rep_id"), ["rep_id"], unique=False)
        batch.create_index(batch.f("ix_commitments_outcome"), ["outcome"], unique=False)


def downgrade() -> None:
    op.drop_table("commitments")
