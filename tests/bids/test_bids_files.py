"""`coachbot bids export|import`: YAML and CSV, every bad row reported, all or nothing."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
import yaml

from bot import cli_bids
from bot.container import Container
from bot.domain.bids import files as bid_files
from tests.bids.bids_helpers import LIBRARY, T
from tests.conftest import REP


def _run(c: Container, *argv: str) -> int:
    parser = argparse.ArgumentParser()
    cli_bids.add_parser(parser.add_subparsers(dest="command"))
    return cli_bids.handle(parser.parse_args([cli_bids.NAME, *argv]), c)


def test_yaml_rows_are_checked_with_their_line_numbers() -> None:
    content = """\
version: 1
prompts:
  - key: fine-one
    text: Say hello.
    size: small
    moments: [anytime]
  - key: Bad Key
    text: Fine words.
    size: huge
    moments: [anytime]
  - key: fine-one
    text: Again.
    size: small
    moments: [someday]
"""
    records, problems = bid_files.parse(content, "yaml")
    assert [r.key for r in records] == ["fine-one"]
    assert problems[0].startswith("line 7: key")
    assert problems[1].startswith("line 7: size")
    assert problems[2] == (
        "line 11: unknown moment 'someday'; use before_session, after_loss, "
        "after_tough_feedback, anytime"
    )


def test_csv_rows_are_checked_with_their_line_numbers() -> None:
    content = (
        "key,text,size,moments,status\n"
        "ok-one,Say hi.,small,anytime;after_loss,active\n"
        "no-text,,small,anytime,\n"
        "bad-status,Words.,large,anytime,gone\n"
    )
    records, problems = bid_files.parse(content, "csv")
    assert [(r.key, r.moments) for r in records] == [("ok-one", ("after_loss", "anytime"))]
    assert problems == [
        "line 3: text is missing",
        "line 4: status must be active or retired (got 'gone')",
    ]
    assert bid_files.parse("key,text\n", "csv")[1] == [
        "line 1: the header needs the columns size, moments"
    ]
    assert bid_files.parse("prompts: [\n", "yaml")[1][0].startswith("line ")


@pytest.mark.parametrize("fmt", ["yaml", "csv"])
def test_export_then_import_round_trips(
    any_db_container: Container, tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    c = any_db_container
    c.people.get(T, REP)  # the install knows one workspace, so --team is optional
    out = tmp_path / f"bids.{fmt}"
    assert _run(c, "export", "--output", str(out)) == 0
    text = out.read_text(encoding="utf-8")
    if fmt == "yaml":
        assert len(yaml.safe_load(text)["prompts"]) == len(LIBRARY)
    else:
        assert len(text.splitlines()) == len(LIBRARY) + 1
    if fmt == "csv":
        # retire the first built-in and add a prompt of the workspace's own
        edited = text.replace(",active\n", ",retired\n", 1)
        edited += "team-lunch,Invite them to the team lunch.,medium,anytime,active\n"
    else:
        data = yaml.safe_load(text)
        data["prompts"][0]["status"] = "retired"
        data["prompts"].append(
            {
                "key": "team-lunch",
                "text": "Invite them to lunch.",
                "size": "medium",
                "moments": ["anytime"],
            }
        )
        edited = yaml.safe_dump(data)
    out.write_text(edited, encoding="utf-8")
    assert _run(c, "import", str(out)) == 0
    assert f"Imported {len(LIBRARY) + 1} prompts into {T}" in capsys.readouterr().out
    exported = {r.key: r for r in c.bids.export_records(T)}
    assert exported["team-lunch"].size == "medium"
    assert exported[LIBRARY[0]["key"]].status == "retired"
    assert sum(r.status == "retired" for r in exported.values()) == 1


def test_a_bad_file_is_refused_with_line_numbers_and_nothing_changes(
    any_db_container: Container, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    c = any_db_container
    before = c.bids.export_records(T)
    bad = tmp_path / "bids.csv"
    bad.write_text(
        "key,text,size,moments\n"
        "new-one,A good new prompt.,small,anytime\n"
        f"{LIBRARY[0]['key']},Reworded built-in.,small,anytime\n"
        "another,Fine.,enormous,anytime\n",
        encoding="utf-8",
    )
    assert _run(c, "import", str(bad), "--team", T) == 1
    err = capsys.readouterr().err
    assert "nothing imported" in err
    assert "line 4: size" in err
    assert c.bids.export_records(T) == before  # row 2 was fine, and still not added
    bad.write_text(
        "key,text,size,moments\n"
        "new-one,A good new prompt.,small,anytime\n"
        f"{LIBRARY[0]['key']},Reworded built-in.,small,anytime\n",
        encoding="utf-8",
    )
    assert _run(c, "import", str(bad), "--team", T) == 1
    assert "line 3:" in capsys.readouterr().err
    assert c.bids.export_records(T) == before
