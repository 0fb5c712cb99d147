"""What a pulse question may be: the built-in bank, custom questions, and the form rules."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any, Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.content.loader import load

ANSWER_TYPES = {"scale": "1 to 5 scale", "yes_no": "Yes or no", "options": "A few options"}
DURATIONS = {
    2: "2 hours",
    4: "4 hours",
    8: "8 hours",
    24: "1 day",
    48: "2 days",
    72: "3 days",
    168: "1 week",
}
DEFAULT_DURATION = 24
QUESTION_MAX = 150
OPTION_MAX = 30
MIN_OPTIONS, MAX_OPTIONS = 2, 5
MIN_THRESHOLD = 3
DEFAULT_THRESHOLD = 5
POOL_CHOICES = (0, 2, 3, 4, 6)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DEFAULT_SCALE_LABELS = ("Low", "High")


class PulseField(StrEnum):
    """What a pulse form error is about; the Slack layer maps each to the input it names."""

    QUESTION = "question"
    QUESTION_TEXT = "question_text"
    ANSWER_TYPE = "answer_type"
    OPTIONS = "options"
    DURATION = "duration"
    CHANNEL = "channel"
    EVERY_WEEKS = "every_weeks"
    WEEKDAY = "weekday"
    TIME = "time"
    TZ = "tz"
    THRESHOLD = "threshold"
    POOL_RUNS = "pool_runs"


class QuestionColumns(Protocol):
    """A stored row that carries a question: a pulse or a recurring schedule."""

    @property
    def question_key(self) -> str: ...
    @property
    def question_text(self) -> str: ...
    @property
    def answer_type(self) -> str: ...
    @property
    def labels(self) -> list[Any]: ...
    @property
    def scale_labels(self) -> list[Any]: ...


@dataclass(frozen=True)
class Question:
    """A question and how it is answered. `labels` is one label per button, in order."""

    key: str
    text: str
    answer_type: str
    labels: tuple[str, ...]
    scale_labels: tuple[str, str]
    theme: str = "custom"

    def columns(self) -> dict[str, Any]:
        """The question's columns, as both a pulse and a recurring schedule store them."""
        return {
            "question_key": self.key,
            "question_text": self.text,
            "answer_type": self.answer_type,
            "labels": list(self.labels),
            "scale_labels": list(self.scale_labels),
        }

    @classmethod
    def from_columns(cls, row: QuestionColumns) -> Question:
        """The question a stored row carries (the inverse of `columns`)."""
        scale = row.scale_labels
        return cls(
            key=row.question_key,
            text=row.question_text,
            answer_type=row.answer_type,
            labels=tuple(str(x) for x in row.labels),
            scale_labels=(str(scale[0]), str(scale[1])),
        )


def _labels_for(answer_type: str, options: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    if answer_type == "scale":
        return ("1", "2", "3", "4", "5")
    if answer_type == "yes_no":
        return ("Yes", "No")
    return tuple(options)


@cache
def bank() -> dict[str, Question]:
    """The built-in questions, by key, in file order."""
    out: dict[str, Question] = {}
    for q in load("pulse_questions.yaml")["questions"]:
        scale = tuple(q.get("scale_labels") or DEFAULT_SCALE_LABELS)
        out[q["key"]] = Question(
            key=q["key"],
            text=q["text"],
            answer_type=q["answer_type"],
            labels=_labels_for(q["answer_type"], q.get("options") or ()),
            scale_labels=(str(scale[0]), str(scale[1])),
            theme=q["theme"],
        )
    return out


@dataclass(frozen=True)
class PulseForm:
    """What the /pulse modal sends, unchecked."""

    bank_key: str | None = None
    custom_text: str | None = None
    answer_type: str | None = None
    options_text: str | None = None
    anonymous: bool = True
    duration_hours: int | None = None


@dataclass(frozen=True)
class ScheduleForm:
    """What the /pulse schedule modal sends, unchecked."""

    pulse: PulseForm
    every_weeks: int | None = None
    weekday: int | None = None
    local_time: str | None = None
    tz: str | None = None
    monthly: bool = False  # the first `weekday` of each month, instead of every_weeks


def custom_key(text: str, answer_type: str, labels: tuple[str, ...]) -> str:
    """A stable key for a custom question, so its runs in a channel form one trend."""
    norm = " ".join(text.lower().split()) + "|" + answer_type + "|" + "|".join(labels)
    return "custom:" + hashlib.sha256(norm.encode()).hexdigest()[:24]


def clean_question(form: PulseForm) -> tuple[Question | None, dict[str, str]]:
    """The question the form describes, or errors keyed by `PulseField`."""
    errors: dict[str, str] = {}
    text = (form.custom_text or "").strip()
    if form.bank_key and text:
        errors[PulseField.QUESTION_TEXT] = (
            "Pick a question from the list or write your own, not both."
        )
        return None, errors
    if form.bank_key:
        q = bank().get(form.bank_key)
        if q is None:
            errors[PulseField.QUESTION] = "That question is no longer in the list; pick another."
        return q, errors
    if not text:
        errors[PulseField.QUESTION] = "Pick a question, or write your own below."
        return None, errors
    if len(text) > QUESTION_MAX:
        errors[PulseField.QUESTION_TEXT] = f"Keep it under {QUESTION_MAX} characters."
    answer_type = form.answer_type or ""
    if answer_type not in ANSWER_TYPES:
        errors[PulseField.ANSWER_TYPE] = "Choose how people answer your question."
        return None, errors
    options: list[str] = []
    if answer_type == "options":
        options = [o.strip() for o in (form.options_text or "").splitlines() if o.strip()]
        if not MIN_OPTIONS <= len(options) <= MAX_OPTIONS:
            errors[PulseField.OPTIONS] = (
                f"Give {MIN_OPTIONS} to {MAX_OPTIONS} options, one per line."
            )
        elif any(len(o) > OPTION_MAX for o in options):
            errors[PulseField.OPTIONS] = f"Keep each option under {OPTION_MAX} characters."
        elif len({o.lower() for o in options}) != len(options):
            errors[PulseField.OPTIONS] = "Each option needs to be different."
    if errors:
        return None, errors
    labels = _labels_for(answer_type, options)
    return (
        Question(
            key=custom_key(text, answer_type, labels),
            text=text,
            answer_type=answer_type,
            labels=labels,
            scale_labels=DEFAULT_SCALE_LABELS,
        ),
        errors,
    )


def clean_duration(hours: int | None, errors: dict[str, str]) -> int:
    """Hours a pulse stays open; an unknown choice is an error."""
    if hours is None:
        return DEFAULT_DURATION
    if hours not in DURATIONS:
        errors[PulseField.DURATION] = "Choose how long it stays open."
    return hours


def clean_pulse(
    form: PulseForm, channel_id: str, what: str = "Pulses"
) -> tuple[Question | None, int, dict[str, str]]:
    """The question and open hours of a form sent from `channel_id`, and what is wrong with it."""
    errors: dict[str, str] = {}
    if not channel_id.startswith(("C", "G")):
        # First: a form refused for its channel has nothing else worth fixing first.
        errors[PulseField.CHANNEL] = f"{what} go in a channel; run /pulse there."
    question, question_errors = clean_question(form)
    errors.update(question_errors)
    hours = clean_duration(form.duration_hours, errors)
    return question, hours, errors


def valid_zone(name: str | None) -> bool:
    """True when `name` is an IANA time zone."""
    if not name or ("/" not in name and name != "UTC"):
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True
