"""Reads the built-in content files that ship with the package."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed YAML file `name` (for example "bids.yaml") from this package."""
    text = resources.files("bot.content").joinpath(name).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ValueError(f"{name} must hold a mapping at the top")
    return data


def loss_reflection_questions() -> list[str]:
    """Questions that help a rep look back at a lost deal."""
    return list(load("coaching_questions.yaml")["loss_reflection"])


def bucket(key: str) -> dict[str, Any]:
    """One coaching bucket: title, help and questions."""
    return dict(load("coaching_questions.yaml")["buckets"][key])
