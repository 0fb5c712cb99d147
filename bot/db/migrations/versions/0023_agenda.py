"""a pair's shared agenda, carried forward until done

Revision ID: 0023_agenda
Revises: 0022_session_both_sides
Create Date: 2026-12-02 05:20:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0023_agenda"
down_revision: str | Sequence[str] | None = "0022_session_both_sides"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "coaching_agenda_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("pair_id", sa.Integer(), nullable=False),
        sa.Column("added_by", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["pair_id"],
            ["coaching_pairs.id"],
            name=op.f("fk_coaching_agenda_items_pair_id_coaching_pairs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coaching_agenda_items")),
    )
    with op.batch_alter_table("coaching_agenda_items") as batch:
        batch.create_index(batch.f("ix_coaching_agenda_items_team_id"), ["team_id"], unique=False)
        batch.create_index(batch.f("ix_coaching_agenda_items_pair_id"), ["pair_id"], unique=False)


def downgrade() -> None:
    op.drop_table("coaching_agenda_items")
