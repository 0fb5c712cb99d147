"""Uninstalling deletes the rows that make coaching stick, in the workspace and nowhere else:
plans, shared agendas, calendar feeds, both sides' answers, pulse comments and their links."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from bot.container import Container
from bot.db.models import (
    AgendaItem,
    CalendarFeed,
    CoachingPair,
    Commitment,
    FeedbackAnswer,
    FeedbackAsk,
    FeedbackRequest,
    Pulse,
    PulseComment,
    PulseCommentLink,
)
from tests.conftest import COACH, REP

NOW = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
NEW_TABLES = (Commitment, AgendaItem, CalendarFeed, PulseComment, PulseCommentLink)


def _fill(c: Container, team: str) -> None:
    with c.sessions.begin() as s:
        req = FeedbackRequest(
            team_id=team,
            rep_user_id=REP,
            deal_name="Acme",
            stage="demo",
            loss_reason="price",
            what_happened="x",
            do_differently="y",
            help_with="z",
            created_at=NOW,
            expires_at=NOW + timedelta(days=7),
        )
        s.add(req)
        s.flush()
        ask = FeedbackAsk(request_id=req.id, user_id=COACH, role="coach", status="answered")
        s.add(ask)
        s.flush()
        s.add(FeedbackAnswer(ask_id=ask.id, try_next="Ask who signs", created_at=NOW))
        s.add(
            Commitment(
                team_id=team,
                rep_id=REP,
                ask_id=ask.id,
                situation="a",
                action="b",
                revision=1,
                confirmed_at=NOW,
            )
        )
        pair = CoachingPair(
            team_id=team, manager_id=COACH, rep_id=REP, anchor=NOW.date(), created_at=NOW
        )
        s.add(pair)
        s.flush()
        s.add(
            AgendaItem(
                team_id=team, pair_id=pair.id, added_by=REP, kind="topic", text="t", created_at=NOW
            )
        )
        s.add(CalendarFeed(team_id=team, user_id=REP, token_hash=team * 8, created_at=NOW))
        pulse = Pulse(
            team_id=team,
            channel_id="C1",
            started_by=COACH,
            question_key="k",
            question_text="q",
            answer_type="yes_no",
            labels=["Yes", "No"],
            scale_labels=["", ""],
            anonymous=True,
            threshold=5,
            status="open",
            opened_at=NOW,
            closes_at=NOW,
            post_key=f"p{team}",
        )
        s.add(pulse)
        s.flush()
        comment = PulseComment(team_id=team, pulse_id=pulse.id, text="hi")
        s.add(comment)
        s.flush()
        s.add(
            PulseCommentLink(
                comment_id=comment.id, team_id=team, pulse_id=pulse.id, user_id=REP, forget_at=NOW
            )
        )


def _count(c: Container, model: type, team: str) -> int:
    with c.sessions() as s:
        return int(s.scalar(select(func.count()).select_from(model).where(model.team_id == team)))


def test_uninstall_deletes_the_new_rows_of_that_workspace_only(
    any_db_container: Container,
) -> None:
    c = any_db_container
    _fill(c, "T0001")
    _fill(c, "T0002")
    c.privacy.forget_team("T0001")
    for model in NEW_TABLES:
        assert _count(c, model, "T0001") == 0, model.__name__
        assert _count(c, model, "T0002") == 1, model.__name__
