"""recurring pulses may run monthly

Revision ID: 0020_pulse_monthly
Revises: 0004_pulse
Create Date: 2026-12-02 05:10:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020_pulse_monthly"
down_revision: str | Sequence[str] | None = "0004_pulse"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("pulse_schedules") as batch:
        batch.add_column(
            sa.Column("every_months", sa.Integer(), server_default="0", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("pulse_schedules") as batch:
        batch.drop_column("every_months")
