"""manifest.yml, the registered listeners and the id enums never drift apart."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bot.slack.ids import Event
from tests.conftest import AppServer

ROOT = Path(__file__).resolve().parents[2]
VALIDATOR = ROOT.parent / "shared" / "slack" / "validate_manifest.py"


def manifest() -> dict[str, object]:
    data = yaml.safe_load((ROOT / "manifest.yml").read_text())
    assert isinstance(data, dict)
    return data


def registered(server: AppServer, kind: str) -> set[str]:
    found: set[str] = set()
    for listener in server.app._listeners:
        for matcher in listener.matchers:
            for cell in getattr(getattr(matcher, "func", None), "__closure__", None) or ():
                value = cell.cell_contents
                if isinstance(value, str) and value.startswith("/") and kind == "command":
                    found.add(value)
    return found


def test_every_manifest_command_is_registered_and_back(server: AppServer) -> None:
    features = manifest()["features"]
    assert isinstance(features, dict)
    declared = {c["command"] for c in features["slash_commands"]}
    assert registered(server, "command") == declared


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
