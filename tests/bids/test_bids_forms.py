"""The Slack side of the bid forms: modal values in, domain field names back to blocks."""

from __future__ import annotations

import pytest

from bot.domain.bids.rules import PromptForm, clean_prompt
from bot.slack.bids.blocks import add_modal, another_value
from bot.slack.bids.forms import FIELD_BLOCKS, another_of, prompt_form, refusal_block
from bot.slack.bids.ids import BidBlock
from tests import payloads as p


def test_every_field_the_domain_names_has_a_block_in_the_modal() -> None:
    _, errors = clean_prompt(PromptForm(text="", size="huge", moments=("someday",)))
    assert set(errors) == set(FIELD_BLOCKS)
    blocks = {b.get("block_id") for b in add_modal(can_share=True)["blocks"]}
    assert set(FIELD_BLOCKS.values()) <= blocks
    assert refusal_block(PromptForm("x", "small", ("anytime",), True)) in blocks


def test_the_modal_reads_back_as_a_prompt_form() -> None:
    values = {
        BidBlock.TEXT: {BidBlock.TEXT: p.plain("Say thanks.")},
        BidBlock.SIZE: {BidBlock.SIZE: p.static("medium")},
        BidBlock.MOMENTS: {BidBlock.MOMENTS: p.checkboxes(["anytime", "after_loss"])},
        BidBlock.AUDIENCE: {BidBlock.AUDIENCE: p.radio("everyone")},
    }
    assert prompt_form(values) == PromptForm(
        "Say thanks.", "medium", ("after_loss", "anytime"), for_everyone=True
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (another_value(7, "large", "after_loss"), (7, "large", "after_loss")),
        ('{"p": "7", "s": "huge", "m": "someday"}', (None, None, None)),
        ("not json", (None, None, None)),
        ("[1, 2]", (None, None, None)),
        (None, (None, None, None)),
    ],
)
def test_another_one_keeps_only_what_it_understands(
    raw: str | None, expected: tuple[int | None, str | None, str | None]
) -> None:
    assert another_of(raw) == expected
