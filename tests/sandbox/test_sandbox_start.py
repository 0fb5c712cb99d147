"""`coachbot run` with no Slack settings starts the sandbox and prints where it is."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bot.sandbox.people import PEOPLE, TEAM_CHANNEL
from tests.app.test_startup import _pythonpath


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as resp:
        return str(resp.read().decode())


def test_run_without_slack_settings_prints_a_url_and_serves_the_sandbox(tmp_path: Path) -> None:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_"))}
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "run"],
        env={**env, **_pythonpath(), "PORT": str(port)},
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert proc.stdout is not None
        lines: list[str] = []
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not any("ready at" in ln for ln in lines):
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line)
        found = re.search(r"ready at (http://\S+)", "".join(lines))
        assert found, lines
        assert "no Slack settings" in "".join(lines)
        url = found.group(1)
        assert url == f"http://127.0.0.1:{port}/"
        page = _get(url)
        assert 'for="who">You are<' in page
        assert "https://" not in page  # no external assets
        state = json.loads(_get(url + "sandbox/state?user=" + PEOPLE[0].user_id))
        assert len(state["people"]) == len(PEOPLE)
        assert "Quick pulse" in state["messages"][TEAM_CHANNEL][0]["text"]
        assert (tmp_path / "coachbot-sandbox.db").exists()
        assert not (tmp_path / "coachbot.db").exists()  # a real install's database is untouched
    finally:
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=20) == 0
