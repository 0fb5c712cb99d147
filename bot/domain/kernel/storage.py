"""Turns a database outage into a domain error a person can act on."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from sqlalchemy.exc import DBAPIError, OperationalError

from bot.domain.kernel.errors import StorageUnavailable

P = ParamSpec("P")
R = TypeVar("R")
log = logging.getLogger(__name__)


def guarded(fn: Callable[P, R]) -> Callable[P, R]:
    """Raise StorageUnavailable instead of a driver error when the database is unreachable."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except DBAPIError as exc:
            if not (isinstance(exc, OperationalError) or exc.connection_invalidated):
                raise
            log.error("database unavailable in %s: %s", fn.__qualname__, type(exc.orig).__name__)
            raise StorageUnavailable() from None

    return wrapper
