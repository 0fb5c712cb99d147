"""Reading and writing prompt files (YAML or CSV) for people who curate prompts by hand."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import yaml

from bot.domain.bids.dto import PromptRecord
from bot.domain.bids.rules import KEY_MAX, KEY_RE, MOMENTS, SIZES, TEXT_MAX, sort_moments

FORMATS = ("yaml", "csv")
STATUSES = ("active", "retired")
CSV_COLUMNS = ("key", "text", "size", "moments", "status")
REQUIRED = ("key", "text", "size", "moments")


def format_of(path: str, given: str | None = None) -> str:
    """The file format: as given, else from the file name (YAML unless it ends in .csv)."""
    if given:
        return given
    return "csv" if path.lower().endswith(".csv") else "yaml"


def dump(records: list[PromptRecord], fmt: str) -> str:
    """The records as a YAML file (the shape of bot/content/bids.yaml) or a CSV file."""
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for r in records:
            writer.writerow([r.key, r.text, r.size, " ".join(r.moments), r.status])
        return out.getvalue()
    items = [
        {
            "key": r.key,
            "text": r.text,
            "size": r.size,
            "moments": list(r.moments),
            "status": r.status,
        }
        for r in records
    ]
    return yaml.safe_dump(
        {"version": 1, "prompts": items}, sort_keys=False, allow_unicode=True, width=1000
    )


def parse(content: str, fmt: str) -> tuple[list[PromptRecord], list[str]]:
    """Every row of a file, checked. Returns (records, problems as "line N: …")."""
    raw, problems = _rows_csv(content) if fmt == "csv" else _rows_yaml(content)
    records: list[PromptRecord] = []
    first_line: dict[str, int] = {}
    for line, item in raw:
        record, row_problems = _check(line, item)
        problems.extend(row_problems)
        if record is None:
            continue
        if record.key in first_line:
            problems.append(
                f"line {line}: key {record.key!r} already used on line {first_line[record.key]}"
            )
            continue
        first_line[record.key] = line
        records.append(record)
    if not raw and not problems:
        problems.append("line 1: the file holds no prompts")
    problems.sort(key=lambda p: int(re.match(r"line (\d+)", p).group(1)))  # type: ignore[union-attr]
    return records, problems


def _rows_yaml(content: str) -> tuple[list[tuple[int, Any]], list[str]]:
    try:
        node = yaml.compose(content)
        data = yaml.safe_load(content)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        return [], [f"line {line}: this is not valid YAML ({getattr(exc, 'problem', exc)})"]
    items_node: Any = node
    items: Any = data
    if isinstance(node, yaml.MappingNode) and isinstance(data, dict):
        items_node = next(
            (v for k, v in node.value if getattr(k, "value", None) == "prompts"), None
        )
        items = data.get("prompts")
    if not isinstance(items_node, yaml.SequenceNode) or not isinstance(items, list):
        return [], ["line 1: expected a list of prompts (or a `prompts:` list)"]
    return [
        (n.start_mark.line + 1, item) for n, item in zip(items_node.value, items, strict=True)
    ], []


def _rows_csv(content: str) -> tuple[list[tuple[int, Any]], list[str]]:
    reader = csv.DictReader(io.StringIO(content))
    header = [h.strip().lower() for h in reader.fieldnames or []]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        return [], [f"line 1: the header needs the columns {', '.join(missing)}"]
    reader.fieldnames = header
    rows: list[tuple[int, Any]] = []
    try:
        for row in reader:
            item = dict(row)
            item["moments"] = _words(item.get("moments") or "")
            if not item.get("status"):
                item.pop("status", None)
            rows.append((reader.line_num, item))
    except csv.Error as exc:
        return rows, [f"line {reader.line_num}: {exc}"]
    return rows, []


def _words(raw: str) -> list[str]:
    """Moments written in one cell or string, split on spaces, commas, semicolons or bars."""
    return [m for m in re.split(r"[\s,;|]+", raw) if m]


def _check(line: int, item: Any) -> tuple[PromptRecord | None, list[str]]:
    # Deliberately parallel to rules.clean_prompt: the same limits, worded for someone fixing
    # a file by line number, and stricter (a file's text may not hold a line break).
    where = f"line {line}"
    if not isinstance(item, dict):
        return None, [f"{where}: each prompt needs key, text, size and moments"]
    problems: list[str] = []
    key = item.get("key")
    text = item.get("text")
    size = item.get("size")
    moments = item.get("moments")
    status = item.get("status", "active")
    if not isinstance(key, str) or not KEY_RE.match(key.strip()) or len(key.strip()) > KEY_MAX:
        problems.append(f"{where}: key must be lower-case words joined by dashes, like thank-them")
    if not isinstance(text, str) or not text.strip():
        problems.append(f"{where}: text is missing")
    elif "\n" in text.strip():
        problems.append(f"{where}: text must be one line")
    elif len(text.strip()) > TEXT_MAX:
        problems.append(f"{where}: text is {len(text.strip())} characters; keep it to {TEXT_MAX}")
    if size not in SIZES:
        problems.append(f"{where}: size must be small, medium or large (got {size!r})")
    if isinstance(moments, str):
        moments = _words(moments)
    ordered: tuple[str, ...] = ()
    if not isinstance(moments, list) or not moments:
        problems.append(f"{where}: moments needs at least one of {', '.join(MOMENTS)}")
    else:
        ordered, bad = sort_moments(moments)
        if bad:
            problems.append(f"{where}: unknown moment {bad[0]!r}; use {', '.join(MOMENTS)}")
    if status not in STATUSES:
        problems.append(f"{where}: status must be active or retired (got {status!r})")
    if problems:
        return None, problems
    assert isinstance(key, str)
    assert isinstance(text, str)
    return (
        PromptRecord(
            key=key.strip(),
            text=text.strip(),
            size=str(size),
            moments=ordered,
            status=str(status),
            line=line,
        ),
        [],
    )
