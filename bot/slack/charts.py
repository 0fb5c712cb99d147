"""Slack's native chart block (line and bar), with the numbers in words for everyone else.

The block is Slack's `data_visualization` block
(https://docs.slack.dev/reference/block-kit/blocks/data-visualization-block): a title of at
most 50 characters and a `chart` of type `line` or `bar` holding at most 6 named series of
labelled values and an `axis_config` with the x-axis categories and axis titles. A workspace
whose Slack does not take the block answers `invalid_blocks`; the caller then falls back to a
PNG. Every chart also says its numbers in text (`alt_text`), for screen readers,
notifications and anyone who cannot see the picture.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bot.slack.blockkit import clip

TITLE_MAX = 50
LABEL_MAX = 20
SERIES_MAX = 6
POINTS_MAX = 20
MIN_POINTS = 2  # one point is a number, not a trend: no chart for it


@dataclass(frozen=True)
class Chart:
    """A line or bar chart: categories along x, one list of values per named series."""

    kind: str  # "line" | "bar"
    title: str
    categories: tuple[str, ...]
    series: Mapping[str, Sequence[float]]
    x_label: str = ""
    y_label: str = ""
    unit: str = ""  # appended to each number in the alt text, e.g. "%"
    y_range: tuple[float, float] | None = None  # fixed y-axis for the PNG, e.g. (1, 5)

    @property
    def drawable(self) -> bool:
        """Enough points to show a trend, and no more series than Slack draws."""
        return (
            MIN_POINTS <= len(self.categories) <= POINTS_MAX
            and 0 < len(self.series) <= SERIES_MAX
            and all(len(v) == len(self.categories) for v in self.series.values())
        )


def unique_labels(labels: Sequence[str]) -> tuple[str, ...]:
    """Labels clipped to Slack's length, made unique (a second "2 Mar" becomes "2 Mar #2")."""
    out: list[str] = []
    for label in labels:
        base = clip(label, LABEL_MAX)
        candidate, n = base, 1
        while candidate in out:
            n += 1
            suffix = f" #{n}"
            candidate = clip(base, LABEL_MAX - len(suffix)) + suffix
        out.append(candidate)
    return tuple(out)


def _number(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def alt_text(chart: Chart) -> str:
    """The chart's numbers in words: "Average (1-5): 2 Mar 3.8, 9 Mar 4.1."."""
    if len(chart.series) == 1:
        [(name, values)] = chart.series.items()
        points = ", ".join(
            f"{c} {_number(v)}{chart.unit}" for c, v in zip(chart.categories, values, strict=True)
        )
        return f"{chart.title}. {name}: {points}."
    runs = []
    for i, category in enumerate(chart.categories):
        shares = ", ".join(
            f"{name} {_number(v[i])}{chart.unit}" for name, v in chart.series.items()
        )
        runs.append(f"{category}: {shares}")
    return f"{chart.title}. " + "; ".join(runs) + "."


def chart_block(chart: Chart) -> dict[str, Any]:
    """Slack's native chart block for `chart` (check `chart.drawable` first)."""
    names = unique_labels(list(chart.series))
    series = [
        {
            "name": name,
            "data": [
                {"label": c, "value": round(float(v), 2)}
                for c, v in zip(chart.categories, values, strict=True)
            ],
        }
        for name, values in zip(names, chart.series.values(), strict=True)
    ]
    axis: dict[str, Any] = {"categories": list(chart.categories)}
    if chart.x_label:
        axis["x_label"] = clip(chart.x_label, TITLE_MAX)
    if chart.y_label:
        axis["y_label"] = clip(chart.y_label, TITLE_MAX)
    return {
        "type": "data_visualization",
        "title": clip(chart.title, TITLE_MAX),
        "chart": {"type": chart.kind, "series": series, "axis_config": axis},
    }
