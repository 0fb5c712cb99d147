"""Errors the domain raises; each carries words a person can read."""

from __future__ import annotations


class DomainError(Exception):
    """A rule said no. `message` is safe to show to the person who asked."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotAllowed(DomainError):
    """The person may not do this."""


class NotFound(DomainError):
    """The thing asked about does not exist (any more)."""


class AlreadyDone(DomainError):
    """The thing was done before; doing it again changes nothing."""


class InvalidInput(DomainError):
    """Some fields are wrong. `fields` maps a field name to what to fix."""

    def __init__(self, fields: dict[str, str]) -> None:
        # Where it is shown as one note (not on a form's fields), the words alone: a person
        # should never read an internal field name like "ask:".
        super().__init__(" ".join(v.strip() for v in fields.values()))
        self.fields = fields


class StorageUnavailable(DomainError):
    """The database did not answer; nothing was changed, and the person can try again."""

    def __init__(self) -> None:
        super().__init__(
            "I couldn't save that just now. Nothing is lost: please try again in a moment."
        )
