"""manifest.yml, the registered listeners and the id enums never drift apart."""

from __future__ import annotations

import importlib
import subprocess
import sys
from enum import StrEnum
from pathlib import Path

import pytest
import yaml

from bot.slack.ids import Event
from tests.conftest import AppServer
from tests.payloads import slash_command

ROOT = Path(__file__).resolve().parents[2]
VALIDATOR = ROOT.parent / "shared" / "slack" / "validate_manifest.py"


def manifest() -> dict[str, object]:
    data = yaml.safe_load((ROOT / "manifest.yml").read_text())
    assert isinstance(data, dict)
    return data


def declared_commands() -> set[str]:
    features = manifest()["features"]
    assert isinstance(features, dict)
    return {c["command"] for c in features["slash_commands"]}


def command_ids() -> set[str]:
    """Every slash command a feature names in its `bot/slack/<feature>/ids.py`."""
    found: set[str] = set()
    for ids in sorted((ROOT / "bot" / "slack").glob("*/ids.py")):
        module = importlib.import_module(f"bot.slack.{ids.parent.name}.ids")
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, StrEnum) and value is not StrEnum:
                found.update(v for v in value if v.startswith("/"))
    return found


def test_every_command_id_is_in_the_manifest_and_back() -> None:
    assert command_ids() == declared_commands()


@pytest.mark.parametrize("command", sorted(declared_commands()))
def test_every_manifest_command_is_answered(server: AppServer, command: str) -> None:
    assert server.post(slash_command(command, "help")).status == 200
    server.settle()


def test_a_command_nobody_handles_is_not_answered(server: AppServer) -> None:
    # Shows the check above can fail: Bolt answers 404 when no listener takes a request.
    assert server.post(slash_command("/not-ours", "help")).status == 404


def test_manifest_events_are_exactly_the_handled_ones() -> None:
    settings = manifest()["settings"]
    assert isinstance(settings, dict)
    assert set(settings["event_subscriptions"]["bot_events"]) == {e.value for e in Event}


def test_interactivity_and_home_are_on() -> None:
    data = manifest()
    assert data["settings"]["interactivity"]["is_enabled"] is True  # type: ignore[index]
    assert data["features"]["app_home"]["home_tab_enabled"] is True  # type: ignore[index]


@pytest.mark.skipif(not VALIDATOR.exists(), reason="../shared is not beside this checkout")
def test_manifest_validates_against_slacks_schema() -> None:
    result = subprocess.run(
        [sys.executable, str(VALIDATOR), str(ROOT / "manifest.yml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
