"""Domain errors read as words a person can act on."""

from __future__ import annotations

from bot.domain.kernel.errors import InvalidInput


def test_invalid_input_shown_as_a_note_reads_as_words_without_field_names() -> None:
    error = InvalidInput({"ask": "That button is out of date.", "until": "Pick a later date."})
    assert error.message == "That button is out of date. Pick a later date."
    assert "Please fix" not in error.message and "ask:" not in error.message
