"""`coachbot export REPORT`: a report as CSV, on stdout or in a file. Needs no Slack settings."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from bot.container import REPORTS, Container

NAME = "export"
FORMATS = ("csv",)
EXIT_BAD_ARGS = 2


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; use YYYY-MM-DD") from None


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `export {sessions,requests,loss-reasons,pulses} [--format csv] [--team T] ...`."""
    export = sub.add_parser(
        NAME,
        help="write a report as CSV",
        description="Write a report as CSV: one header row, ISO dates, empty cells for unknown.",
    )
    export.add_argument("report", choices=tuple(REPORTS), help="which report")
    export.add_argument("--format", choices=FORMATS, default="csv", help="only csv for now")
    export.add_argument("--team", help="one workspace id (T…); default: every workspace")
    export.add_argument("--since", type=_day, help="only from this date on (YYYY-MM-DD)")
    export.add_argument("--output", "-o", help="file to write (default: stdout)")


def _refuse(message: str) -> int:
    print(f"coachbot export: {message}", file=sys.stderr)
    return EXIT_BAD_ARGS


def handle(args: argparse.Namespace, c: Container) -> int:
    """Build the report and write it."""
    today = c.clock.now().date()
    if args.since is not None and args.since > today:
        return _refuse(f"--since {args.since.isoformat()} is after today ({today.isoformat()})")
    if args.team:
        known = c.reports.known_teams()
        if args.team not in known:
            listed = ", ".join(known) if known else "none yet"
            return _refuse(f"no workspace {args.team} here (workspaces known: {listed})")
    text = c.reports.build(args.report, args.team, args.since).to_csv()
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as exc:
            return _refuse(f"cannot write {args.output}: {exc.strerror or exc}")
    else:
        sys.stdout.write(text)
    return 0
