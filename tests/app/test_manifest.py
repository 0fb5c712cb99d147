"""manifest.yml, the registered listeners and the id enums never drift apart."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bot.slack.ids import Event
from tests.conftest import AppServer
from tests.payloads import slash_command

ROOT = Path(__file__).resolve().parents[2]
CHECK = ROOT / "scripts" / "check_manifest.py"


def manifest() -> dict[str, object]:
    data = yaml.safe_load((ROOT / "manifest.yml").read_text())
    assert isinstance(data, dict)
    return data


def declared_commands() -> set[str]:
    features = manifest()["features"]
    assert isinstance(features, dict)
    return {c["command"] for c in features["slash_commands"]}


def command_ids() -> set[str]:
    """Every slash command the features declare, as the manifest check reads them."""
    spec = importlib.util.spec_from_file_location("check_manifest", CHECK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    found: set[str] = module.command_ids()
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


def _check(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(CHECK), str(path)], capture_output=True, text=True, check=False
    )


def test_manifest_check_passes_from_the_repository_alone() -> None:
    result = _check(ROOT / "manifest.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_manifest_check_catches_a_schema_error_and_a_drifted_command(tmp_path: Path) -> None:
    data = manifest()
    data["features"]["slash_commands"].append(  # type: ignore[index]
        {"command": "/not-ours", "description": "nobody handles this"}
    )
    data["display_information"]["name"] = 42  # type: ignore[index]
    drifted = tmp_path / "manifest.yml"
    drifted.write_text(yaml.safe_dump(data))
    result = _check(drifted)
    assert result.returncode == 1
    assert "command /not-ours is in the manifest but not handled" in result.stdout
    assert "display_information/name" in result.stdout
