"""The workspace's pulse settings: the minimum answers for an anonymous result, and pooling."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from bot.db.models import PulseSettings
from bot.domain.kernel.errors import InvalidInput
from bot.domain.pulse.dto import SettingsView
from bot.domain.pulse.rules import DEFAULT_THRESHOLD, MIN_THRESHOLD, POOL_CHOICES, PulseField

MAX_THRESHOLD = 50


def read_settings(session: Session, team_id: str) -> SettingsView:
    """The workspace's pulse settings (defaults when never set)."""
    row = session.get(PulseSettings, team_id)
    if row is None:
        return SettingsView(DEFAULT_THRESHOLD, 0)
    return SettingsView(max(MIN_THRESHOLD, row.threshold), row.pool_runs)


def clean_settings(threshold: int | None, pool_runs: int | None) -> SettingsView:
    """The settings asked for, or InvalidInput: the threshold is never below MIN_THRESHOLD."""
    errors: dict[str, str] = {}
    if threshold is None or not MIN_THRESHOLD <= threshold <= MAX_THRESHOLD:
        errors[PulseField.THRESHOLD] = (
            f"Pick at least {MIN_THRESHOLD}; fewer would let people work out who said what."
        )
    if pool_runs not in POOL_CHOICES:
        errors[PulseField.POOL_RUNS] = "Choose how many runs to pool, or off."
    if errors or threshold is None or pool_runs is None:
        raise InvalidInput(errors)
    return SettingsView(threshold, pool_runs)


def save_settings(
    session: Session, team_id: str, user_id: str, wanted: SettingsView, now: datetime
) -> None:
    """Store checked settings for the workspace, noting who changed them."""
    row = session.get(PulseSettings, team_id)
    if row is None:
        row = PulseSettings(team_id=team_id)
        session.add(row)
    row.threshold = wanted.threshold
    row.pool_runs = wanted.pool_runs
    row.updated_by = user_id
    row.updated_at = now
