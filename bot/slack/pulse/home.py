"""A manager's team pulse trends on the App Home: published results only, totals only."""

from __future__ import annotations

from bot.domain.pulse.trends import TeamTrend, TrendPoint
from bot.slack.blockkit import Blocks, context, escape, header, section
from bot.slack.pulse.ids import PulseCommand


def _point(point: TrendPoint) -> str:
    if point.average is not None:
        return f"{point.average:.1f}"
    return escape(point.top_label)


def trend_blocks(trends: list[TeamTrend]) -> Blocks:
    """Each question's recent results, oldest first, with how many answered the latest."""
    blocks: Blocks = [header("Your team's pulse")]
    if not trends:
        blocks.append(
            context(
                f"No team pulse yet. Run `{PulseCommand.PULSE}` in your team's channel; results "
                "show here once enough people answer to keep answers anonymous."
            )
        )
        return blocks
    for trend in trends:
        steps = " → ".join(_point(p) for p in trend.points)
        scale = " (of 5)" if trend.answer_type == "scale" else " (most chosen)"
        latest = trend.points[-1]
        blocks.append(
            section(
                f"*{escape(trend.question)}* in <#{trend.channel_id}>\n{steps}{scale}, "
                f"{latest.total} answers last time"
            )
        )
    return blocks
