"""The trend chart of a pulse question across runs, drawn as a PNG."""

from __future__ import annotations

import io
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt

from bot.domain.pulse.dto import PulseView

COLOURS = ("#2e7d6b", "#7fb8a4", "#f2c14e", "#f08a5d", "#b83b5e")


def trend_png(p: PulseView, points: list[dict[str, Any]]) -> bytes:
    """A chart of published results, oldest first: averages for a scale, shares otherwise."""
    dates = [str(pt["date"]) for pt in points]
    fig, ax = plt.subplots(figsize=(6, 3), dpi=100)
    try:
        if p.answer_type == "scale":
            averages = [pt["average"] or 0 for pt in points]
            ax.plot(dates, averages, marker="o", color=COLOURS[0])
            ax.set_ylim(1, 5)
            ax.set_ylabel("Average (1-5)")
        else:
            bottoms = [0.0] * len(points)
            for i, label in enumerate(p.labels):
                shares = [
                    100 * pt["counts"][i] / pt["total"] if pt["total"] else 0 for pt in points
                ]
                ax.bar(dates, shares, bottom=bottoms, label=label, color=COLOURS[i % len(COLOURS)])
                bottoms = [b + s for b, s in zip(bottoms, shares, strict=True)]
            ax.set_ylim(0, 100)
            ax.set_ylabel("% of answers")
            ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1, 1))
        title = p.question_text if len(p.question_text) <= 70 else p.question_text[:69] + "…"
        ax.set_title(title, fontsize=9)
        ax.tick_params(axis="x", labelsize=7, rotation=30)
        fig.tight_layout()
        buf = io.BytesIO()
        fig.savefig(buf, format="png")
        return buf.getvalue()
    finally:
        plt.close(fig)
