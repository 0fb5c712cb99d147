"""Reports as typed tables, written as CSV: one header row, ISO dates, empty for unknown."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime

Cell = int | float | str | date | bool | None

FLOAT_PLACES = 3


@dataclass(frozen=True)
class ReportQuery:
    """What to report on: one workspace (or all), from a date on, as of `now`."""

    now: datetime
    team_id: str | None = None
    since: date | None = None


@dataclass(frozen=True)
class Table:
    """A report: named columns and rows of plain typed values, in column order."""

    name: str
    columns: tuple[str, ...]
    rows: list[tuple[Cell, ...]] = field(default_factory=list)

    def to_csv(self) -> str:
        """CSV text with exactly one header row (also when there are no rows)."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(self.columns)
        for row in self.rows:
            if len(row) != len(self.columns):
                raise ValueError(f"{self.name}: row has {len(row)} cells, not {len(self.columns)}")
            writer.writerow([cell_text(v) for v in row])
        return out.getvalue()


def cell_text(value: Cell) -> str:
    """One cell as CSV text: ISO dates, lower-case booleans, nothing at all for None."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return str(round(value, FLOAT_PLACES)) if value == value else ""
    return str(value)


def quarter_of(day: date) -> str:
    """The calendar quarter of `day`, like 2026-Q1."""
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def week_of(day: date) -> date:
    """The Monday of `day`'s week."""
    return date.fromordinal(day.toordinal() - day.weekday())


def rate(part: int, whole: int) -> float | None:
    """`part / whole`, or None when there is nothing to divide."""
    return part / whole if whole else None
