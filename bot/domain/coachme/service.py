"""The /coachme loop: a rep asks for feedback on a lost deal; the people asked answer."""

from __future__ import annotations

from bot.domain.coachme.answering import Answering
from bot.domain.coachme.asking import Asking
from bot.domain.coachme.catchup import CatchingUp
from bot.domain.coachme.closing import Closing
from bot.domain.coachme.overview import Overviewing


class FeedbackService(Asking, Answering, Closing, CatchingUp, Overviewing):
    """Owns requests, asks and answers, and the messages they cause.

    One door for the handlers, jobs and outbox; each part lives in the module named for it.
    Every call runs in its own transaction and returns plain data.
    """
