"""How much of an anonymous result can be shown without giving anyone's answer away.

Reaching the threshold is not enough. When everyone answered alike, a breakdown tells each
person what every other person said. When all but one answered alike, the one who answered
differently learns everyone else's answer the same way. So a breakdown (per-answer counts,
the average, a trend point) is shown only when no single person who answered could work out
the others' answers from it and their own; otherwise the result says how the team answered
in general, and never which answer it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum


class Shape(StrEnum):
    """What an anonymous result may show."""

    BREAKDOWN = "breakdown"  # counts per answer are safe to show
    ALIKE = "alike"  # every answer was the same
    ONE_SIDED = "one_sided"  # someone could infer everyone else's answer


def shape_of(counts: Sequence[int]) -> Shape:
    """The shape of a result with `counts` answers per choice.

    For each answer given, take that one answer away: if what is left falls on a single
    choice, the person who gave it would know every other answer, so no breakdown.
    """
    total = sum(counts)
    given = [n for n in counts if n > 0]
    if len(given) <= 1:
        return Shape.ALIKE
    for i, n in enumerate(counts):
        if n == 0:
            continue
        rest = [m - (1 if j == i else 0) for j, m in enumerate(counts)]
        if sum(1 for m in rest if m > 0) <= 1 and total > 1:
            return Shape.ONE_SIDED
    return Shape.BREAKDOWN
