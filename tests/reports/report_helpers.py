"""Steps shared by the report tests: do things through the services, then export as CSV."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest

from bot import cli, cli_export
from bot.container import Container
from bot.domain.coachme.rules import AnswerForm, RequestForm
from bot.domain.kernel.clock import ManualClock
from tests.conftest import COACH, PEER, REP
from tests.payloads import TEAM_ID

DEAL = "Globex secret rollout"
REFLECTION = "We never met their finance lead"
FEEDBACK = "Ask for the budget owner in the first call"


def export(c: Container, capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, str]]:
    """Run `coachbot export ARGS` against `c`; the CSV rows, after checking its one header."""
    parsed = cli._parser().parse_args(["export", *args])
    assert cli_export.handle(parsed, c) == 0
    text = capsys.readouterr().out
    lines = text.splitlines()
    header = lines[0]
    assert header.split(",") == list(c.reports.build(parsed.report).columns)
    assert header not in lines[1:]  # exactly one header row
    return list(csv.DictReader(io.StringIO(text)))


def ask(
    c: Container, stage: str, reason: str, *, peers: tuple[str, ...] = (PEER,)
) -> tuple[int, dict[str, int]]:
    """REP asks COACH (and `peers`) about a lost deal; the request id and ask id per person."""
    form = RequestForm(
        deal_name=DEAL,
        amount="12000",
        stage=stage,
        loss_reason=reason,
        what_happened=REFLECTION,
        do_differently="Bring finance in before the proposal",
        help_with="How do I find the budget owner?",
        coach_user_id=COACH,
        peer_user_ids=peers,
    )
    req = c.feedback.create_request(TEAM_ID, REP, form)
    return req.id, {a.user_id: a.id for a in req.asks}


def answer(c: Container, ask_id: int, user: str) -> None:
    form = AnswerForm(
        selling_skills=FEEDBACK, customer_knowledge=None, our_org=None, try_next="Map the buyers"
    )
    c.feedback.submit_answer(TEAM_ID, ask_id, user, form)


def requests_done(c: Container, clock: ManualClock) -> dict[str, int]:
    """Three lost deals: two in March (one answered the next day, one declined), one in April
    that nobody answers. Returns the request ids by name."""
    first, asks = ask(c, "negotiation", "competitor")
    clock.advance(timedelta(days=1))
    answer(c, asks[COACH], COACH)
    second, asks2 = ask(c, "proposal", "price", peers=())
    c.feedback.decline(TEAM_ID, asks2[COACH], COACH)
    clock.advance(timedelta(days=35))
    third, _ = ask(c, "negotiation", "competitor")
    return {"answered": first, "declined": second, "open": third}
