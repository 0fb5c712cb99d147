"""Fixtures for the sandbox: a fresh sandbox per test, and a real headless Chromium.

Browser tests need Debian's `chromium` (`.ci/run` installs it) and the `playwright` package;
they never download a browser of their own. Without either they skip on a laptop, and fail
in CI, where they must run.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.sandbox.runner import Sandbox

# A Monday morning in New York, far from any daylight-saving change.
START = datetime(2026, 3, 2, 14, 0, tzinfo=UTC)
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "sandbox"
CHROMIUM_PATHS = ("/usr/bin/chromium", "/usr/bin/chromium-browser")


def _chromium() -> str | None:
    found = next((p for p in CHROMIUM_PATHS if Path(p).exists()), None)
    return found or shutil.which("chromium")


def _missing(why: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{why}; CI must run the browser tests (.ci/run installs chromium)")
    pytest.skip(why)


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[Sandbox]:
    box = Sandbox(tmp_path, 0, start=START)
    box.start()
    try:
        yield box
    finally:
        box.stop()


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("the playwright package is not installed")
    path = _chromium()
    if path is None:
        _missing("Chromium is not installed (apt-get install chromium)")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=path, args=["--no-sandbox"])
        yield browser
        browser.close()


class Shots:
    """Saves numbered screenshots of a test's page under artifacts/sandbox/."""

    def __init__(self, page: Any, name: str) -> None:
        self.page, self.name, self.n = page, name, 0
        ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def __call__(self, step: str) -> Path:
        self.n += 1
        path = ARTIFACTS / f"{self.name}-{self.n:02d}-{step}.png"
        self.page.screenshot(path=str(path))
        return path


@pytest.fixture
def page(chromium: Any, sandbox: Sandbox, request: pytest.FixtureRequest) -> Iterator[Any]:
    context = chromium.new_context(viewport={"width": 1280, "height": 860})
    context.set_default_timeout(10_000)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.goto(sandbox.url)
    pg.shots = Shots(pg, request.node.name.removeprefix("test_"))
    yield pg
    context.close()
    assert not errors, errors
