"""What the domain services are built from, handed over as one value."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from bot.domain.kernel.admins import AdminService
from bot.domain.kernel.clock import Clock
from bot.domain.kernel.people import PeopleService


@dataclass(frozen=True)
class Deps:
    """The database, the time, who people are and who the admins are."""

    sessions: sessionmaker[Session]
    clock: Clock
    people: PeopleService
    admins: AdminService


class Part:
    """A domain service (or a part of one) built from the shared `Deps`."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps
        self._sessions = deps.sessions
        self._clock = deps.clock
        self._people = deps.people
        self._admins = deps.admins
