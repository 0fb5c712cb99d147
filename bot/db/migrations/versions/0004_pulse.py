"""pulse check-ins

Revision ID: 0004_pulse
Revises: 0001_core
Create Date: 2026-11-22 15:46:13.971719
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_pulse"
down_revision: str | Sequence[str] | None = "0001_core"
branch_labels: str | Sequence[str] | None = ("pulse",)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "pulse_schedules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("channel_id", sa.String(length=32), nullable=False),
        sa.Column("created_by", sa.String(length=32), nullable=False),
        sa.Column("question_key", sa.String(length=80), nullable=False),
        sa.Column("question_text", sa.String(length=300), nullable=False),
        sa.Column("answer_type", sa.String(length=8), nullable=False),
        sa.Column("labels", sa.JSON(), nullable=False),
        sa.Column("scale_labels", sa.JSON(), nullable=False),
        sa.Column("anonymous", sa.Boolean(), nullable=False),
        sa.Column("open_hours", sa.Integer(), nullable=False),
        sa.Column("every_weeks", sa.Integer(), nullable=False),
        sa.Column("weekday", sa.Integer(), nullable=False),
        sa.Column("local_time", sa.String(length=5), nullable=False),
        sa.Column("tz", sa.String(length=64), nullable=False),
        sa.Column("first_date", sa.Date(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pulse_schedules")),
    )
    with op.batch_alter_table("pulse_schedules", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pulse_schedules_active"), ["active"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_pulse_schedules_channel_id"), ["channel_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_pulse_schedules_team_id"), ["team_id"], unique=False)

    op.create_table(
        "pulse_settings",
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("threshold", sa.Integer(), nullable=False),
        sa.Column("pool_runs", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.String(length=32), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("team_id", name=op.f("pk_pulse_settings")),
    )
    op.create_table(
        "pulses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("channel_id", sa.String(length=32), nullable=False),
        sa.Column("started_by", sa.String(length=32), nullable=False),
        sa.Column("schedule_id", sa.Integer(), nullable=True),
        sa.Column("question_key", sa.String(length=80), nullable=False),
        sa.Column("question_text", sa.String(length=300), nullable=False),
        sa.Column("answer_type", sa.String(length=8), nullable=False),
        sa.Column("labels", sa.JSON(), nullable=False),
        sa.Column("scale_labels", sa.JSON(), nullable=False),
        sa.Column("anonymous", sa.Boolean(), nullable=False),
        sa.Column("threshold", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closes_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("remind_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("post_key", sa.String(length=200), nullable=False),
        sa.Column("salt", sa.String(length=64), nullable=True),
        sa.Column("result_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["schedule_id"],
            ["pulse_schedules.id"],
            name=op.f("fk_pulses_schedule_id_pulse_schedules"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pulses")),
    )
    with op.batch_alter_table("pulses", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pulses_channel_id"), ["channel_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_pulses_closes_at"), ["closes_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_pulses_question_key"), ["question_key"], unique=False)
        batch_op.create_index(batch_op.f("ix_pulses_remind_at"), ["remind_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_pulses_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_pulses_team_id"), ["team_id"], unique=False)

    op.create_table(
        "pulse_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("pulse_id", sa.Integer(), nullable=False),
        sa.Column("choice", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=True),
        sa.Column("voter_hash", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["pulse_id"],
            ["pulses.id"],
            name=op.f("fk_pulse_answers_pulse_id_pulses"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pulse_answers")),
        sa.UniqueConstraint("pulse_id", "user_id", name=op.f("uq_pulse_answers_pulse_id_user_id")),
        sa.UniqueConstraint(
            "pulse_id", "voter_hash", name=op.f("uq_pulse_answers_pulse_id_voter_hash")
        ),
    )
    with op.batch_alter_table("pulse_answers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pulse_answers_pulse_id"), ["pulse_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_pulse_answers_team_id"), ["team_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("pulse_answers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pulse_answers_team_id"))
        batch_op.drop_index(batch_op.f("ix_pulse_answers_pulse_id"))

    op.drop_table("pulse_answers")
    with op.batch_alter_table("pulses", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pulses_team_id"))
        batch_op.drop_index(batch_op.f("ix_pulses_status"))
        batch_op.drop_index(batch_op.f("ix_pulses_remind_at"))
        batch_op.drop_index(batch_op.f("ix_pulses_question_key"))
        batch_op.drop_index(batch_op.f("ix_pulses_closes_at"))
        batch_op.drop_index(batch_op.f("ix_pulses_channel_id"))

    op.drop_table("pulses")
    op.drop_table("pulse_settings")
    with op.batch_alter_table("pulse_schedules", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pulse_schedules_team_id"))
        batch_op.drop_index(batch_op.f("ix_pulse_schedules_channel_id"))
        batch_op.drop_index(batch_op.f("ix_pulse_schedules_active"))

    op.drop_table("pulse_schedules")
