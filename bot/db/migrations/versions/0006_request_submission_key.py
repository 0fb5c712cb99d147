"""feedback requests remember the form submission that created them

Revision ID: 0006_request_submission_key
Revises: 0005_outbox_look_first
Create Date: 2026-12-02 03:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_request_submission_key"
down_revision: str | Sequence[str] | None = "0005_outbox_look_first"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("feedback_requests") as batch:
        batch.add_column(sa.Column("submission_key", sa.String(length=80), nullable=True))
        batch.create_unique_constraint(
            batch.f("uq_feedback_requests_submission_key"), ["submission_key"]
        )


def downgrade() -> None:
    with op.batch_alter_table("feedback_requests") as batch:
        batch.drop_constraint(batch.f("uq_feedback_requests_submission_key"), type_="unique")
        batch.drop_column("submission_key")
