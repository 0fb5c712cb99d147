"""Operator commands that never talk to Slack run with no Slack settings and never migrate."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.container import REPORTS
from tests.app.test_startup import _pythonpath, run_cli


def _env(db: Path) -> dict[str, str]:
    return {"DATABASE_URL": f"sqlite:///{db}", **_pythonpath()}  # and no SLACK_* at all


def _tables(db: Path) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {r[0] for r in conn.execute("select name from sqlite_master where type='table'")}


def test_version(tmp_path: Path) -> None:
    result = run_cli(["--version"], _pythonpath(), tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith("coachbot ")


def test_offline_commands_refuse_a_database_that_is_behind_and_leave_it_alone(
    tmp_path: Path,
) -> None:
    db = tmp_path / "c.db"
    for args in (["export", "sessions"], ["schedule", "preview"], ["bids", "export"]):
        result = run_cli(args, _env(db), tmp_path)
        assert result.returncode == 2, result.stderr
        assert "run `coachbot db upgrade`" in result.stderr
        assert "SLACK" not in result.stderr
    assert "alembic_version" not in _tables(db)


@pytest.fixture(scope="module")
def upgraded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("cli") / "c.db"
    result = run_cli(["db", "upgrade"], _env(db), db.parent)
    assert result.returncode == 0, result.stderr
    assert "up to date" in result.stdout
    return db


@pytest.mark.parametrize("report", list(REPORTS))
def test_export_runs_without_slack_settings(upgraded: Path, report: str) -> None:
    out = upgraded.parent / f"{report}.csv"
    result = run_cli(
        ["export", report, "--format", "csv", "-o", str(out)], _env(upgraded), upgraded.parent
    )
    assert result.returncode == 0, result.stderr
    lines = out.read_text().splitlines()
    assert lines[0].startswith("workspace,")
    assert len(lines) == 1  # nothing done yet: the header alone


def test_schedule_preview_and_bids_run_without_slack_settings(upgraded: Path) -> None:
    preview = run_cli(["schedule", "preview", "--days", "1"], _env(upgraded), upgraded.parent)
    assert preview.returncode == 0, preview.stderr
    assert preview.stdout.strip() == "No coaching nudges in the next 1 day."
    bids = run_cli(["bids", "export", "--format", "yaml"], _env(upgraded), upgraded.parent)
    assert bids.returncode == 0, bids.stderr
    assert bids.stdout.strip()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["schedule", "preview", "--days", "0"], "between 1 and 90"),
        (["schedule", "preview", "--days", "365"], "between 1 and 90"),
        (["schedule", "preview", "--days", "many"], "not a whole number"),
        (["export", "sessions", "--since", "2026-02-30"], "not a date"),
        (["export", "sessions", "--since", "2999-01-01"], "after today"),
        (["export", "sessions", "--team", "T_NOPE"], "no workspace T_NOPE"),
        (["export", "sessions", "--format", "xlsx"], "invalid choice"),
        (["export", "everything"], "invalid choice"),
    ],
)
def test_bad_arguments_are_errors_not_clamped(
    upgraded: Path, args: list[str], expected: str
) -> None:
    result = run_cli(args, _env(upgraded), upgraded.parent)
    assert result.returncode == 2
    assert expected in result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr


def test_serving_slack_still_needs_the_slack_settings(upgraded: Path) -> None:
    result = run_cli(["web"], _env(upgraded), upgraded.parent)
    assert result.returncode == 2
    assert "SLACK_BOT_TOKEN is missing" in result.stderr
    assert "SLACK_SIGNING_SECRET is missing" in result.stderr


def test_bids_import_without_a_workspace_to_name_is_an_argument_error(upgraded: Path) -> None:
    prompts = upgraded.parent / "prompts.yaml"
    prompts.write_text("[]\n")
    result = run_cli(["bids", "import", str(prompts)], _env(upgraded), upgraded.parent)
    assert result.returncode == 2
    assert "pass --team" in result.stderr
