"""What a bid prompt may look like, and the words people use to ask for one."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

SIZES = ("small", "medium", "large")
MOMENTS = ("before_session", "after_loss", "after_tough_feedback", "anytime")
OUTCOMES = ("toward", "away", "against", "too_soon")
TEXT_MAX = 200
KEY_MAX = 60
KEY_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

SIZE_LABELS = {"small": "Small", "medium": "Medium", "large": "Large"}
MOMENT_LABELS = {
    "before_session": "Before a coaching session",
    "after_loss": "After a lost deal",
    "after_tough_feedback": "After tough feedback",
    "anytime": "Anytime",
}
OUTCOME_LABELS = {
    "toward": "They turned toward it",
    "away": "They turned away",
    "against": "They turned against it",
    "too_soon": "Too soon to tell",
}

SIZE_ALIASES = {
    "small": "small",
    "s": "small",
    "tiny": "small",
    "easy": "small",
    "medium": "medium",
    "m": "medium",
    "med": "medium",
    "mid": "medium",
    "large": "large",
    "l": "large",
    "big": "large",
    "bold": "large",
}
MOMENT_ALIASES = {
    "before_session": "before_session",
    "before-session": "before_session",
    "before": "before_session",
    "session": "before_session",
    "1:1": "before_session",
    "1on1": "before_session",
    "one-on-one": "before_session",
    "prep": "before_session",
    "after_loss": "after_loss",
    "after-loss": "after_loss",
    "loss": "after_loss",
    "lost": "after_loss",
    "lost-deal": "after_loss",
    "after_tough_feedback": "after_tough_feedback",
    "after-tough-feedback": "after_tough_feedback",
    "after-feedback": "after_tough_feedback",
    "feedback": "after_tough_feedback",
    "tough": "after_tough_feedback",
    "tough-feedback": "after_tough_feedback",
    "anytime": "anytime",
    "any": "anytime",
    "any-time": "anytime",
}


@dataclass(frozen=True)
class BidAsk:
    """What `/bid …` asked for. `help` is True for help or words we don't understand."""

    size: str | None = None
    moment: str | None = None
    add: bool = False
    help: bool = False
    unknown: str | None = None


def parse_bid_text(text: str) -> BidAsk:
    """Read the words after `/bid`: a size, a moment, `add` or `help`, in any order."""
    words = text.strip().lower().split()
    if not words:
        return BidAsk()
    if words[0] in {"help", "?", "-h", "--help"}:
        return BidAsk(help=True)
    if words == ["add"] or words == ["new"]:
        return BidAsk(add=True)
    size = moment = None
    for word in words:
        if word in SIZE_ALIASES and size is None:
            size = SIZE_ALIASES[word]
        elif word in MOMENT_ALIASES and moment is None:
            moment = MOMENT_ALIASES[word]
        else:
            return BidAsk(help=True, unknown=word)
    return BidAsk(size=size, moment=moment)


@dataclass(frozen=True)
class PromptForm:
    """A prompt as someone typed it, before checks."""

    text: str | None
    size: str | None
    moments: tuple[str, ...]
    for_everyone: bool = False


@dataclass(frozen=True)
class CleanPrompt:
    text: str
    size: str
    moments: tuple[str, ...]


def sort_moments(given: Iterable[str]) -> tuple[tuple[str, ...], list[str]]:
    """The known moments in `given`, in their usual order, and the unknown ones as given."""
    given = list(given)
    return tuple(m for m in MOMENTS if m in given), [m for m in given if m not in MOMENTS]


def clean_prompt(form: PromptForm) -> tuple[CleanPrompt | None, dict[str, str]]:
    """Check a prompt; returns (clean, {}) or (None, {field: what to fix})."""
    errors: dict[str, str] = {}
    text = " ".join((form.text or "").split())
    if not text:
        errors["text"] = "Write the bid: what to say or do."
    elif len(text) > TEXT_MAX:
        errors["text"] = f"Keep it to {TEXT_MAX} characters (this is {len(text)})."
    if form.size not in SIZES:
        errors["size"] = "Pick small, medium or large."
    moments, unknown = sort_moments(form.moments)
    if unknown:
        errors["moments"] = f"Unknown moment {unknown[0]!r}; use {', '.join(MOMENTS)}."
    elif not moments:
        errors["moments"] = "Pick at least one moment it suits."
    if errors:
        return None, errors
    return CleanPrompt(text=text, size=str(form.size), moments=moments), {}


def slug(text: str, limit: int = 40) -> str:
    """A kebab-case key drawn from `text`."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    out = ""
    for word in words:
        candidate = f"{out}-{word}" if out else word
        if len(candidate) > limit:
            break
        out = candidate
    return out or "bid"
