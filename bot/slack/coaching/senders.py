"""How each kind of coaching message is rendered for delivery."""

from __future__ import annotations

from bot.domain.coaching.kinds import CoachingKind
from bot.domain.coaching.moves import Move
from bot.domain.coaching.nudges import AgendaLine, Reminder, SessionRef, StreakOffer
from bot.slack.coaching import attendance, nudges
from bot.slack.delivery import Sender, posting

SENDERS: dict[str, Sender] = {
    CoachingKind.REMINDER: posting(lambda p: nudges.manager_reminder(Reminder.from_payload(p))),
    CoachingKind.PREP: posting(
        lambda p: nudges.rep_prep(
            SessionRef(**p["ref"]),
            tuple(p.get("plans") or ()),
            tuple(AgendaLine(**a) for a in p.get("agenda") or ()),
        )
    ),
    CoachingKind.CHECK: posting(lambda p: nudges.check_dm(SessionRef(**p["ref"]))),
    CoachingKind.STREAK: posting(lambda p: nudges.streak_nudge(StreakOffer.from_payload(p))),
    CoachingKind.QUIET: posting(
        lambda p: nudges.quiet_note(p["rep_id"], p["days"], p["ever_held"])
    ),
    CoachingKind.MOVED: posting(lambda p: nudges.moved_note(Move(**p))),
    CoachingKind.REP_CHECK: posting(lambda p: attendance.rep_check_dm(SessionRef(**p["ref"]))),
}
