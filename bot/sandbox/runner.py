"""The sandbox put together: the workspace on PORT, the bot behind it, the clock in between."""

from __future__ import annotations

import logging
import secrets
import threading
from datetime import datetime
from pathlib import Path
from typing import Any

from bot.config import load_settings
from bot.container import Container, build_container
from bot.db.migrate import upgrade
from bot.domain.kernel.clock import ManualClock
from bot.sandbox.agenda import next_due
from bot.sandbox.door import Door
from bot.sandbox.people import default_start
from bot.sandbox.seed import Seeder
from bot.sandbox.server import PageServer
from bot.sandbox.surfaces import Triggers
from bot.sandbox.webapi import WebApi
from bot.sandbox.workspace import Workspace
from bot.scheduler import tick

log = logging.getLogger(__name__)

DB_FILE = "coachbot-sandbox.db"
STATE_FILE = "coachbot-sandbox.json"


class Sandbox:
    """A local workspace on `port` (0: any free port) with the bot running against it."""

    def __init__(
        self, data_dir: Path, port: int, *, start: datetime | None = None, host: str = "127.0.0.1"
    ) -> None:
        self.data_dir = data_dir
        self._start = start
        self._lock = threading.RLock()
        data_dir.mkdir(parents=True, exist_ok=True)
        if not (data_dir / STATE_FILE).exists():
            (data_dir / DB_FILE).unlink(missing_ok=True)  # a database without its workspace
        self.ws = Workspace(data_dir / STATE_FILE, start or default_start())
        self.triggers = Triggers()
        self.page = PageServer(self, host, port)
        self.token = "xoxb-sandbox-" + secrets.token_hex(8)
        self.api = WebApi(self.ws, self.token, self.page.root_url, self.triggers)
        self.door = Door(self.ws, self.triggers, secrets.token_hex(16), self.page.root_url)
        self.c: Container | None = None
        self._bot_server: Any = None
        self._bot_thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return self.page.root_url

    # ------------------------------------------------------------------ the bot side

    def _start_bot(self) -> None:
        from waitress.server import create_server

        from bot.app import create_app
        from bot.db.engine import database_answers
        from bot.web import EVENTS_PATH, SlackWsgi

        settings = load_settings(
            slack_bot_token=self.token,
            slack_signing_secret=self.door.secret,
            slack_api_url=self.page.root_url + "api/",
            database_url=f"sqlite:///{self.data_dir / DB_FILE}",
            _env_file=None,
        )
        c = build_container(settings, clock=ManualClock(self.ws.now))
        upgrade(c.engine)
        app = create_app(c)
        wsgi = SlackWsgi(app, lambda: database_answers(c.engine))
        server = create_server(wsgi, host="127.0.0.1", port=0, threads=8, ident="coachbot")
        thread = threading.Thread(target=server.run, name="sandbox-bot", daemon=True)
        thread.start()
        port = server.effective_port  # type: ignore[union-attr]
        self.door.bot_url = f"http://127.0.0.1:{port}{EVENTS_PATH}"
        self.c, self._bot_server, self._bot_thread = c, server, thread

    def _stop_bot(self) -> None:
        server, thread = self._bot_server, self._bot_thread
        if server is not None and thread is not None:

            def close_all() -> None:  # in the server's own loop, which ends once all are closed
                for channel in list(server._map.values()):
                    if channel is not server and channel is not server.trigger:
                        channel.close()
                server.close()

            server.trigger.pull_trigger(close_all)
            thread.join(timeout=10)
            server.task_dispatcher.shutdown()
            self._bot_server = self._bot_thread = None
        if self.c is not None:
            self.c.close()
            self.c = None

    def _seed(self) -> None:
        if self.ws.data.get("seeded"):
            return
        Seeder(self.door, self.ws).run(self.ws.now)
        with self.ws as data:
            data["seeded"] = True
            data["note"] = "Welcome. The demo team is set up; pick who you are and try /coachme."

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> str:
        """Serve the page and the Web API, start the bot, seed a fresh workspace; the URL."""
        self.page.start()
        self._start_bot()
        self._seed()
        return self.url

    def stop(self) -> None:
        self._stop_bot()
        self.page.stop()

    def reset(self) -> None:
        """Forget everything, bot database included, and seed again."""
        with self._lock:
            self._stop_bot()
            (self.data_dir / DB_FILE).unlink(missing_ok=True)
            with self.ws as data:
                data.clear()
                data.update(Workspace._fresh(self._start or default_start()))
            self._start_bot()
            self._seed()

    # ------------------------------------------------------------------ the clock

    def next_nudge(self) -> str:
        """Move the clock to the next thing due, run the scheduler's tick once; what happened."""
        with self._lock:
            c = self.c
            assert c is not None
            tick(c)  # anything already due goes first
            due = next_due(c, c.clock.now())
            if due is None:
                note = "Nothing is scheduled yet. Set up coaching time or start a pulse."
                self.ws.set_clock(self.ws.now, note)
                return note
            assert isinstance(c.clock, ManualClock)
            c.clock.set(due.when)
            self.ws.set_clock(due.when, f"Jumped to the next nudge: {due.what}.")
            tick(c)
            return str(self.ws.data["note"])
