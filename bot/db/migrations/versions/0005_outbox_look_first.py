"""outbox look-first flag; people remember their profile's Slack edit stamp

Revision ID: 0005_outbox_look_first
Revises: 0001_core
Create Date: 2026-12-02 02:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_outbox_look_first"
down_revision: str | Sequence[str] | None = "0001_core"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(
            sa.Column("look_first", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table("people") as batch:
        batch.add_column(sa.Column("profile_updated", sa.BigInteger(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("people") as batch:
        batch.drop_column("profile_updated")
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("look_first")
