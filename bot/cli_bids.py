"""`coachbot bids export|import`: curate bid prompts outside Slack, as YAML or CSV."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.container import Container
from bot.domain.bids import files as bid_files
from bot.domain.bids.curation import ImportRefused

NAME = "bids"
EXIT_BAD_FILE = 1
EXIT_BAD_ARGS = 2


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `bids export` and `bids import`."""
    bids = sub.add_parser(NAME, help="export or import bid-for-connection prompts")
    bids_sub = bids.add_subparsers(dest="bids_command", required=True)
    export = bids_sub.add_parser("export", help="write the prompts to a file or stdout")
    export.add_argument("--format", choices=bid_files.FORMATS, default=None)
    export.add_argument("--output", "-o", help="file to write (default: stdout)")
    export.add_argument("--team", help="workspace id (T…); default: the only one, else built-ins")
    imp = bids_sub.add_parser("import", help="add or update a workspace's shared prompts")
    imp.add_argument("file")
    imp.add_argument("--format", choices=bid_files.FORMATS, default=None)
    imp.add_argument("--team", help="workspace id (T…); needed when there are several")


def _team(args: argparse.Namespace, c: Container, *, required: bool) -> str | None:
    if args.team:
        return str(args.team)
    teams = c.bids.known_teams()
    if len(teams) == 1:
        return teams[0]
    if required:
        known = ", ".join(teams) if teams else "none yet"
        print(f"coachbot: pass --team (workspaces known: {known})", file=sys.stderr)
        raise SystemExit(EXIT_BAD_ARGS)
    return None


def handle(args: argparse.Namespace, c: Container) -> int:
    """Run `bids export` or `bids import`."""
    if args.bids_command == "export":
        fmt = bid_files.format_of(args.output or "", args.format)
        text = bid_files.dump(c.bids.export_records(_team(args, c, required=False)), fmt)
        if args.output:
            Path(args.output).write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
        return 0
    path = Path(args.file)
    try:
        content = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"coachbot: cannot read {path}: {exc}", file=sys.stderr)
        return EXIT_BAD_FILE
    records, problems = bid_files.parse(content, bid_files.format_of(str(path), args.format))
    team = _team(args, c, required=True)
    assert team is not None
    if not problems:
        try:
            count = c.bids.import_records(team, records, by=None)
        except ImportRefused as exc:
            problems = exc.problems
    if problems:
        print(f"{path}: nothing imported; fix these rows:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return EXIT_BAD_FILE
    print(f"Imported {count} prompt{'s' if count != 1 else ''} into {team}.")
    return 0
