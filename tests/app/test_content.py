"""Schema checks for the built-in coaching content shipped in bot/content."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

CONTENT_DIR = Path(__file__).resolve().parents[2] / "bot" / "content"

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

BID_SIZES = ("small", "medium", "large")
BID_MOMENTS = ("before_session", "after_loss", "after_tough_feedback", "anytime")
BID_MIN_PER_SIZE = {"small": 15, "medium": 12, "large": 8}
BID_MIN_PER_SIZE_AND_MOMENT = 2
BID_MAX_CHARS = 200
BID_MIN_COUNT = 48

PULSE_THEMES = ("customers", "self", "coach", "pipeline", "coaching_happened", "stretch")
PULSE_ANSWER_TYPES = ("scale", "yes_no", "options")
PULSE_MIN_COUNT = 24
PULSE_MIN_PER_THEME = 3
PULSE_MAX_CHARS = 150
OPTION_MAX_CHARS = 30
SCALE_LABEL_MAX_CHARS = 25

BUCKET_KEYS = ("selling_skills", "customer_knowledge", "our_org")
BUCKET_MIN_QUESTIONS = 8
QUESTION_MAX_CHARS = 150
TITLE_MAX_CHARS = 40
MANAGER_REFLECTION_COUNT = 5
LOSS_REFLECTION_MIN = 6


def _load(name: str) -> dict[str, Any]:
    path = CONTENT_DIR / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{name} must be a mapping at the top level"
    return data


def _assert_clean_text(text: object, max_chars: int, where: str) -> None:
    assert isinstance(text, str), f"{where}: text must be a string"
    assert text, f"{where}: text must not be empty"
    assert text == text.strip(), f"{where}: stray leading or trailing whitespace"
    assert "\n" not in text, f"{where}: text must be a single line"
    assert len(text) <= max_chars, f"{where}: {len(text)} chars > {max_chars}"
    symbols = [ch for ch in text if unicodedata.category(ch) == "So"]
    assert not symbols, f"{where}: no emoji or pictographs allowed, found {symbols}"


def _assert_unique(values: list[str], what: str) -> None:
    duplicates = [value for value, count in Counter(values).items() if count > 1]
    assert not duplicates, f"duplicate {what}: {duplicates}"


@pytest.fixture(scope="module")
def bids() -> dict[str, Any]:
    return _load("bids.yaml")


@pytest.fixture(scope="module")
def pulse() -> dict[str, Any]:
    return _load("pulse_questions.yaml")


@pytest.fixture(scope="module")
def coaching() -> dict[str, Any]:
    return _load("coaching_questions.yaml")


def test_package_marker_is_empty() -> None:
    init = CONTENT_DIR / "__init__.py"
    assert init.is_file()
    assert init.read_text(encoding="utf-8").strip() == ""


# ------------------------------------------------------------------ bids


def test_bids_top_level(bids: dict[str, Any]) -> None:
    assert bids.get("version") == 1
    assert isinstance(bids.get("prompts"), list)
    assert len(bids["prompts"]) >= BID_MIN_COUNT


def test_bids_items_follow_schema(bids: dict[str, Any]) -> None:
    for index, prompt in enumerate(bids["prompts"]):
        where = f"bids[{index}]"
        assert isinstance(prompt, dict), where
        assert set(prompt) == {"key", "text", "size", "moments"}, where
        assert isinstance(prompt["key"], str), where
        assert SLUG_RE.match(prompt["key"]), f"{where}: bad slug {prompt['key']!r}"
        _assert_clean_text(prompt["text"], BID_MAX_CHARS, f"{where} ({prompt['key']})")
        assert prompt["size"] in BID_SIZES, where
        moments = prompt["moments"]
        assert isinstance(moments, list), where
        assert moments, f"{where}: needs at least one moment"
        assert set(moments) <= set(BID_MOMENTS), f"{where}: unknown moment in {moments}"
        assert len(set(moments)) == len(moments), f"{where}: repeated moment"


def test_bids_keys_and_texts_unique(bids: dict[str, Any]) -> None:
    _assert_unique([p["key"] for p in bids["prompts"]], "bid keys")
    _assert_unique([p["text"].casefold() for p in bids["prompts"]], "bid texts")


def test_bids_size_distribution(bids: dict[str, Any]) -> None:
    sizes = Counter(p["size"] for p in bids["prompts"])
    for size, minimum in BID_MIN_PER_SIZE.items():
        assert sizes[size] >= minimum, f"only {sizes[size]} {size} bids, need {minimum}"


@pytest.mark.parametrize("size", BID_SIZES)
@pytest.mark.parametrize("moment", BID_MOMENTS)
def test_bids_every_moment_covered_per_size(bids: dict[str, Any], size: str, moment: str) -> None:
    count = sum(1 for p in bids["prompts"] if p["size"] == size and moment in p["moments"])
    assert count >= BID_MIN_PER_SIZE_AND_MOMENT, (
        f"{size} bids for {moment}: {count}, need {BID_MIN_PER_SIZE_AND_MOMENT}"
    )


# ----------------------------------------------------------------- pulse


def test_pulse_top_level(pulse: dict[str, Any]) -> None:
    assert pulse.get("version") == 1
    assert isinstance(pulse.get("questions"), list)
    assert len(pulse["questions"]) >= PULSE_MIN_COUNT


def test_pulse_items_follow_schema(pulse: dict[str, Any]) -> None:
    for index, question in enumerate(pulse["questions"]):
        where = f"pulse[{index}]"
        assert isinstance(question, dict), where
        assert isinstance(question.get("key"), str), where
        assert SLUG_RE.match(question["key"]), f"{where}: bad slug {question['key']!r}"
        where = f"{where} ({question['key']})"
        _assert_clean_text(question.get("text"), PULSE_MAX_CHARS, where)
        assert question.get("theme") in PULSE_THEMES, where
        answer_type = question.get("answer_type")
        assert answer_type in PULSE_ANSWER_TYPES, where

        expected = {"key", "text", "theme", "answer_type"}
        if answer_type == "options":
            expected.add("options")
            options = question.get("options")
            assert isinstance(options, list), f"{where}: options must be a list"
            assert 3 <= len(options) <= 5, f"{where}: needs 3-5 options"
            for option in options:
                _assert_clean_text(option, OPTION_MAX_CHARS, f"{where} option")
            _assert_unique(options, f"options in {where}")
        elif answer_type == "scale":
            expected.add("scale_labels")
            labels = question.get("scale_labels")
            assert isinstance(labels, list), f"{where}: scale_labels must be a list"
            assert len(labels) == 2, f"{where}: needs exactly two scale labels"
            for label in labels:
                _assert_clean_text(label, SCALE_LABEL_MAX_CHARS, f"{where} label")
        assert set(question) == expected, (
            f"{where}: fields {sorted(question)} != {sorted(expected)}"
        )


def test_pulse_keys_unique(pulse: dict[str, Any]) -> None:
    _assert_unique([q["key"] for q in pulse["questions"]], "pulse keys")
    _assert_unique([q["text"].casefold() for q in pulse["questions"]], "pulse texts")


@pytest.mark.parametrize("theme", PULSE_THEMES)
def test_pulse_theme_coverage(pulse: dict[str, Any], theme: str) -> None:
    count = sum(1 for q in pulse["questions"] if q["theme"] == theme)
    assert count >= PULSE_MIN_PER_THEME, f"theme {theme}: {count} questions"


# -------------------------------------------------------------- coaching


def test_coaching_top_level(coaching: dict[str, Any]) -> None:
    assert coaching.get("version") == 1
    assert set(coaching) == {
        "version",
        "buckets",
        "manager_reflection",
        "loss_reflection",
    }
    assert isinstance(coaching["buckets"], dict)
    assert set(coaching["buckets"]) == set(BUCKET_KEYS)


@pytest.mark.parametrize("bucket_key", BUCKET_KEYS)
def test_coaching_bucket_schema(coaching: dict[str, Any], bucket_key: str) -> None:
    bucket = coaching["buckets"][bucket_key]
    assert isinstance(bucket, dict)
    assert set(bucket) == {"title", "help", "questions"}
    _assert_clean_text(bucket["title"], TITLE_MAX_CHARS, f"{bucket_key} title")
    help_text = bucket["help"]
    _assert_clean_text(help_text, 300, f"{bucket_key} help")
    assert help_text.endswith("."), f"{bucket_key}: help should be one full sentence"
    assert ". " not in help_text, f"{bucket_key}: help should be a single sentence"
    questions = bucket["questions"]
    assert isinstance(questions, list)
    assert len(questions) >= BUCKET_MIN_QUESTIONS
    for index, question in enumerate(questions):
        _assert_clean_text(question, QUESTION_MAX_CHARS, f"{bucket_key}[{index}]")
    _assert_unique(questions, f"questions in {bucket_key}")


def test_coaching_questions_unique_across_buckets(coaching: dict[str, Any]) -> None:
    every = [q for b in coaching["buckets"].values() for q in b["questions"]]
    every += coaching["manager_reflection"] + coaching["loss_reflection"]
    _assert_unique([q.casefold() for q in every], "coaching questions")


def test_manager_reflection(coaching: dict[str, Any]) -> None:
    questions = coaching["manager_reflection"]
    assert isinstance(questions, list)
    assert len(questions) == MANAGER_REFLECTION_COUNT
    for index, question in enumerate(questions):
        _assert_clean_text(question, QUESTION_MAX_CHARS, f"manager_reflection[{index}]")


def test_loss_reflection(coaching: dict[str, Any]) -> None:
    questions = coaching["loss_reflection"]
    assert isinstance(questions, list)
    assert len(questions) >= LOSS_REFLECTION_MIN
    for index, question in enumerate(questions):
        _assert_clean_text(question, QUESTION_MAX_CHARS, f"loss_reflection[{index}]")
