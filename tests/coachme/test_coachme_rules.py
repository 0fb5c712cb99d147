"""What a request and an answer may contain; each error names the form field it is about."""

from __future__ import annotations

from dataclasses import fields, replace
from typing import Any

import pytest

from bot.domain.coachme.rules import AnswerForm, RequestForm, clean_answer, clean_request

REP = "U_REP"
REQUEST = RequestForm(
    "Acme", "25,000", "demo", "price", "Lost.", "Call sooner.", "Pricing", "U_COACH", ("U_PEER",)
)
ANSWER = AnswerForm("Good discovery.", None, None, "Ask who signs.")


def test_the_valid_forms_pass() -> None:
    assert clean_request(REQUEST, REP)[1] == {}
    assert clean_answer(ANSWER)[1] == {}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"deal_name": ""}, "deal_name"),
        ({"amount": "lots"}, "amount"),
        ({"stage": "won"}, "stage"),
        ({"loss_reason": None}, "loss_reason"),
        ({"what_happened": "  "}, "what_happened"),
        ({"do_differently": "x" * 2001}, "do_differently"),
        ({"help_with": None}, "help_with"),
        ({"coach_user_id": REP}, "coach_user_id"),
        ({"coach_user_id": None, "peer_user_ids": ()}, "coach_user_id"),
        ({"peer_user_ids": (REP,)}, "peer_user_ids"),
        ({"peer_user_ids": ("U1", "U2", "U3", "U4")}, "peer_user_ids"),
        ({"followup_months": 5}, "followup_months"),
    ],
)
def test_each_request_error_names_its_form_field(changes: dict[str, Any], field: str) -> None:
    clean, errors = clean_request(replace(REQUEST, **changes), REP)
    assert clean is None
    assert set(errors) == {field}
    assert field in {f.name for f in fields(RequestForm)}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"selling_skills": "x" * 1501}, "selling_skills"),
        ({"customer_knowledge": "x" * 1501}, "customer_knowledge"),
        ({"our_org": "x" * 1501}, "our_org"),
        ({"try_next": " "}, "try_next"),
        ({"selling_skills": None}, "selling_skills"),  # no thought in any of the three areas
    ],
)
def test_each_answer_error_names_its_form_field(changes: dict[str, Any], field: str) -> None:
    clean, errors = clean_answer(replace(ANSWER, **changes))
    assert clean is None
    assert set(errors) == {field}
    assert field in {f.name for f in fields(AnswerForm)}
