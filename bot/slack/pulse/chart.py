"""The trend of a pulse question across published runs, as a chart with its numbers in words."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.domain.pulse.dto import PulseView
from bot.slack.charts import POINTS_MAX, Chart, unique_labels


def _day(text: str) -> str:
    day = date.fromisoformat(text)
    return f"{day.day} {day:%b}"


def trend_chart(p: PulseView, points: list[dict[str, Any]]) -> Chart:
    """Averages over runs for a 1-5 scale (a line); otherwise each answer's share (bars).
    The newest runs only, as many as Slack draws."""
    points = points[-POINTS_MAX:]
    dates = unique_labels([_day(str(pt["date"])) for pt in points])
    if p.answer_type == "scale":
        averages = [float(pt["average"] or 0) for pt in points]
        return Chart(
            kind="line",
            title=p.question_text,
            categories=dates,
            series={"Average (1-5)": averages},
            x_label="Run",
            y_label="Average (1-5)",
            y_range=(1, 5),
        )
    shares: dict[str, list[float]] = {}
    for i, label in enumerate(p.labels):
        shares[label] = [
            100 * pt["counts"][i] / pt["total"] if pt["total"] else 0.0 for pt in points
        ]
    return Chart(
        kind="bar",
        title=p.question_text,
        categories=dates,
        series=shares,
        x_label="Run",
        y_label="% of answers",
        unit="%",
        y_range=(0, 100),
    )
