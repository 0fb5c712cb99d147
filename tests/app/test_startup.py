"""Start-up as an operator meets it: clear one-line errors, and a real process serving Slack."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import SIGNING_SECRET
from tests.fakes.slack_api import FakeSlack, Reply
from tests.payloads import sign, slash_command

SECRET_TOKEN = "xoxb-very-secret-token-value"


def run_cli(
    args: list[str], env: dict[str, str], cwd: Path, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_"))}
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        env={**base, **env},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    return tmp_path


def _pythonpath() -> dict[str, str]:
    return {"PYTHONPATH": str(Path(__file__).resolve().parents[2])}


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        # Some Slack settings but not all is a mistake, not a wish for the sandbox.
        ({"SLACK_SIGNING_SECRET": "s"}, "SLACK_BOT_TOKEN is missing"),
        ({"SLACK_BOT_TOKEN": "xoxp-user-token"}, "SLACK_BOT_TOKEN is invalid"),
        (
            {"SLACK_BOT_TOKEN": SECRET_TOKEN, "SLACK_SIGNING_SECRET": "s", "PORT": "eighty"},
            "PORT is invalid",
        ),
        (
            {
                "SLACK_BOT_TOKEN": SECRET_TOKEN,
                "SLACK_SIGNING_SECRET": "s",
                "SLACK_APP_TOKEN": "xoxb-wrong",
            },
            "SLACK_APP_TOKEN is invalid",
        ),
        (
            {
                "SLACK_BOT_TOKEN": SECRET_TOKEN,
                "SLACK_SIGNING_SECRET": "s",
                "DATABASE_URL": "not a url",
            },
            "DATABASE_URL is invalid",
        ),
    ],
)
def test_bad_settings_stop_start_up_with_one_clear_line(
    workdir: Path, env: dict[str, str], expected: str
) -> None:
    result = run_cli(["run"], {**env, **_pythonpath()}, workdir)
    assert result.returncode == 2
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    assert SECRET_TOKEN not in result.stderr + result.stdout


@pytest.mark.parametrize("command", ["web", "scheduler"])
def test_serving_slack_alone_needs_the_slack_settings(workdir: Path, command: str) -> None:
    result = run_cli([command], _pythonpath(), workdir)
    assert result.returncode == 2
    assert "SLACK_BOT_TOKEN is missing" in result.stderr


def test_missing_signing_secret_names_where_to_find_it(workdir: Path) -> None:
    result = run_cli(["run"], {"SLACK_BOT_TOKEN": SECRET_TOKEN, **_pythonpath()}, workdir)
    assert result.returncode == 2
    assert "SLACK_SIGNING_SECRET is missing" in result.stderr
    assert "Basic Information" in result.stderr


def test_unreachable_database_is_one_clear_line(workdir: Path) -> None:
    env = {
        "SLACK_BOT_TOKEN": SECRET_TOKEN,
        "SLACK_SIGNING_SECRET": "s",
        "DATABASE_URL": "postgresql+psycopg://postgres:hunter2@127.0.0.1:1/x",
        **_pythonpath(),
    }
    result = run_cli(["db", "upgrade"], env, workdir)
    assert result.returncode == 2
    assert "DATABASE_URL could not be used" in result.stderr
    assert "hunter2" not in result.stderr
    assert "Traceback" not in result.stderr


def test_refused_token_is_reported_without_leaking_it(workdir: Path) -> None:
    with FakeSlack() as slack:
        slack.script("auth.test", Reply.error("invalid_auth"))
        env = {
            "SLACK_BOT_TOKEN": SECRET_TOKEN,
            "SLACK_SIGNING_SECRET": "s",
            "SLACK_API_URL": slack.base_url,
            **_pythonpath(),
        }
        result = run_cli(["run"], env, workdir)
    assert result.returncode == 2
    assert "SLACK_BOT_TOKEN was refused by Slack (invalid_auth)" in result.stderr
    assert SECRET_TOKEN not in result.stderr


def test_socket_mode_that_cannot_connect_is_one_clear_line(workdir: Path) -> None:
    with FakeSlack() as slack:
        slack.script("apps.connections.open", Reply.error("invalid_auth"))
        env = {
            "SLACK_BOT_TOKEN": SECRET_TOKEN,
            "SLACK_SIGNING_SECRET": "s",
            "SLACK_APP_TOKEN": "xapp-1-secret-app-token",
            "SLACK_API_URL": slack.base_url,
            "PORT": str(_free_port()),
            **_pythonpath(),
        }
        result = run_cli(["run"], env, workdir)
    assert result.returncode == 2
    assert "SLACK_APP_TOKEN could not open a Socket Mode connection (invalid_auth)" in result.stderr
    assert "xapp-1-secret-app-token" not in result.stderr + result.stdout
    assert "Traceback" not in result.stderr


def test_db_upgrade_creates_the_schema_in_the_working_directory(workdir: Path) -> None:
    env = {"SLACK_BOT_TOKEN": SECRET_TOKEN, "SLACK_SIGNING_SECRET": "s", **_pythonpath()}
    result = run_cli(["db", "upgrade"], env, workdir)
    assert result.returncode == 0, result.stderr
    assert (workdir / "coachbot.db").exists()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(command: str, slack: FakeSlack, workdir: Path, **settings: str) -> Iterator[int]:
    """`coachbot <command>` running against `slack` until the block ends; yields its port.
    On the way out, what it printed must hold no secret it was given."""
    port = _free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("SLACK_")},
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": slack.base_url,
        "PORT": str(port),
        **settings,
        **_pythonpath(),
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", command],
        env=env,
        cwd=workdir,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(proc.stdout.read() if proc.stdout else "") from None
                time.sleep(0.2)
        yield port
    finally:
        proc.terminate()
        output = proc.communicate(timeout=20)[0]
        for secret in (SIGNING_SECRET, *settings.values()):
            if "secret" in secret or secret.startswith("xox"):
                assert secret not in output
        assert "Traceback" not in output


@pytest.fixture
def running_bot(workdir: Path) -> Iterator[tuple[int, FakeSlack]]:
    with FakeSlack() as slack, serving("run", slack, workdir, SLACK_BOT_TOKEN=SECRET_TOKEN) as port:
        yield port, slack


def test_coachbot_run_serves_signed_slack_requests(running_bot: tuple[int, FakeSlack]) -> None:
    port, slack = running_bot
    body = slash_command("/coachme", "Globex expansion")
    req = urllib.request.Request(
        f"http://127.0.0.1:{port}/slack/events",
        data=body.encode(),
        headers=sign(body, SIGNING_SECRET),
        method="POST",
    )
    with urllib.request.urlopen(req, timeout=5) as resp:
        assert resp.status == 200
    opened = slack.wait_for("views.open")
    assert opened[0]["view"]["blocks"][1]["element"]["initial_value"] == "Globex expansion"
    bad = urllib.request.Request(
        f"http://127.0.0.1:{port}/slack/events",
        data=body.encode(),
        headers=sign(body, "wrong"),
        method="POST",
    )
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(bad, timeout=5)
    assert err.value.code == 401


def test_a_schema_left_behind_is_refused_when_migrations_are_a_separate_step(
    workdir: Path,
) -> None:
    env = {
        "SLACK_BOT_TOKEN": SECRET_TOKEN,
        "SLACK_SIGNING_SECRET": "s",
        "MIGRATE_ON_START": "false",
        **_pythonpath(),
    }
    refused = run_cli(["schedule", "preview"], env, workdir)
    assert refused.returncode == 2
    assert "run `coachbot db upgrade` first" in refused.stderr
    assert run_cli(["db", "upgrade"], env, workdir).returncode == 0
    assert run_cli(["schedule", "preview"], env, workdir).returncode == 0


def test_oauth_settings_start_without_a_bot_token_and_serve_the_install_link(
    workdir: Path,
) -> None:
    with (
        FakeSlack() as slack,
        serving(
            "web",
            slack,
            workdir,
            SLACK_CLIENT_ID="1111.2222",
            SLACK_CLIENT_SECRET="client-secret-value",
        ) as port,
    ):
        consent = f"{slack.root_url}oauth/v2/authorize?"
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        conn.request("GET", "/slack/install")
        resp = conn.getresponse()
        location = resp.getheader("Location") or ""
        conn.close()
    assert resp.status == 302
    assert location.startswith(consent)
    assert "client_id=1111.2222" in location
    assert "client-secret-value" not in location
