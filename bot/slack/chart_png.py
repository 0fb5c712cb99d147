"""Any chart drawn as a PNG: the fallback where Slack's native chart block is not available."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt

from bot.slack.charts import Chart

COLOURS = ("#2e7d6b", "#7fb8a4", "#f2c14e", "#f08a5d", "#b83b5e", "#6c5b7b")
TITLE_MAX = 70


def chart_png(chart: Chart) -> bytes:
    """`chart` as a PNG: lines with markers, or bars grouped by category."""
    fig, ax = plt.subplots(figsize=(6, 3), dpi=100)
    try:
        x = list(range(len(chart.categories)))
        n = len(chart.series)
        for i, (name, values) in enumerate(chart.series.items()):
            colour = COLOURS[i % len(COLOURS)]
            if chart.kind == "line":
                ax.plot(x, list(values), marker="o", color=colour, label=name)
            else:
                width = 0.8 / n
                offsets = [p - 0.4 + width * (i + 0.5) for p in x]
                ax.bar(offsets, list(values), width=width, color=colour, label=name)
        ax.set_xticks(x, list(chart.categories))
        if chart.y_range is not None:
            ax.set_ylim(*chart.y_range)
        if chart.y_label:
            ax.set_ylabel(chart.y_label)
        if chart.x_label:
            ax.set_xlabel(chart.x_label)
        if n > 1:
            ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1, 1))
        title = chart.title if len(chart.title) <= TITLE_MAX else chart.title[: TITLE_MAX - 1] + "…"
        ax.set_title(title, fontsize=9)
        ax.tick_params(axis="x", labelsize=7, rotation=30)
        fig.tight_layout()
        buf = io.BytesIO()
        fig.savefig(buf, format="png")
        return buf.getvalue()
    finally:
        plt.close(fig)
