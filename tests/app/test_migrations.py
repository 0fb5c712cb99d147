"""Migrations and models agree, and migrations go both ways, on each database."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect

from bot.db.base import Base
from bot.db.migrate import downgrade, upgrade


def test_models_match_the_migrated_schema(db_engine: Engine) -> None:
    with db_engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": False})
        diff = compare_metadata(ctx, Base.metadata)
    assert diff == []


def test_downgrade_then_upgrade(db_engine: Engine) -> None:
    downgrade(db_engine, "base")
    assert set(inspect(db_engine).get_table_names()) <= {"alembic_version"}
    upgrade(db_engine)
    tables = set(inspect(db_engine).get_table_names())
    assert {t.name for t in Base.metadata.sorted_tables} <= tables
