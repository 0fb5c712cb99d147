#!/usr/bin/env python3
"""Check manifest.yml: valid against Slack's manifest schema, and in step with the code.

Usage: python scripts/check_manifest.py [manifest.yml]   (from the repository root)

Two checks, both offline and from this repository alone:
- the schema: Slack's published JSON schema, vendored in scripts/slack_manifest/;
- the code: every slash command a feature declares in bot/slack/<feature>/ids.py is in the
  manifest and back, and the bot events subscribed are exactly the ones handled.
Exit 0 when both pass; 1 with one line per problem otherwise.
"""

from __future__ import annotations

import importlib
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Any

import jsonschema
import yaml

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = Path(__file__).resolve().parent / "slack_manifest"


def schema_problems(manifest: dict[str, Any]) -> list[str]:
    major = (manifest.get("_metadata") or {}).get("major_version", 1)
    path = SCHEMAS / f"manifest.schema.{major}.0.0.json"
    if not path.exists():
        return [f"no vendored schema for manifest major version {major}"]
    validator = jsonschema.Draft7Validator(json.loads(path.read_text()))
    errors = sorted(validator.iter_errors(manifest), key=lambda e: list(e.path))
    return [f"{'/'.join(str(p) for p in e.path) or '(root)'}: {e.message}" for e in errors]


def command_ids() -> set[str]:
    """Every slash command a feature names in its `bot/slack/<feature>/ids.py`."""
    found: set[str] = set()
    for ids in sorted((ROOT / "bot" / "slack").glob("*/ids.py")):
        module = importlib.import_module(f"bot.slack.{ids.parent.name}.ids")
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, StrEnum) and value is not StrEnum:
                found.update(v for v in value if v.startswith("/"))
    return found


def code_problems(manifest: dict[str, Any]) -> list[str]:
    from bot.slack.ids import Event

    features = manifest.get("features") or {}
    declared = {c["command"] for c in features.get("slash_commands") or []}
    in_code = command_ids()
    problems = [f"command {c} is handled but not in the manifest" for c in in_code - declared]
    problems += [f"command {c} is in the manifest but not handled" for c in declared - in_code]
    settings = manifest.get("settings") or {}
    events = set((settings.get("event_subscriptions") or {}).get("bot_events") or [])
    handled = {e.value for e in Event}
    problems += [f"event {e} is handled but not subscribed" for e in handled - events]
    problems += [f"event {e} is subscribed but not handled" for e in events - handled]
    return sorted(problems)


def main(path: str) -> int:
    file = Path(path)
    if not file.exists():
        print(f"{path}: no such file")
        return 1
    manifest = yaml.safe_load(file.read_text())
    sys.path.insert(0, str(ROOT))
    problems = schema_problems(manifest) + code_problems(manifest)
    for problem in problems:
        print(f"{path}: {problem}")
    if not problems:
        print(f"{path}: valid against Slack's manifest schema and in step with the code")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "manifest.yml")))
