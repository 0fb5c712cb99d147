"""Thousands of malformed requests, unsigned and correctly signed: every answer is a 4xx or a
success, never a 5xx, and no error escapes into the log.

The WSGI callable is driven in-process (no sockets between the fuzzer and the app), so the run
takes seconds; listeners still run in Bolt's pool after the ack and are waited for.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import logging
import random
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from enum import StrEnum
from typing import Any
from urllib.parse import parse_qsl, urlencode

import pytest

from bot.container import Container
from bot.slack import ids as kernel_ids
from bot.slack.bids import ids as bids_ids
from bot.slack.coaching import ids as coaching_ids
from bot.slack.coachme import ids as coachme_ids
from bot.slack.pulse import ids as pulse_ids
from bot.web import EVENTS_PATH, SlackWsgi
from tests.conftest import COACH, OUTSIDER, REP, SIGNING_SECRET, TrackingExecutor
from tests.fakes.slack_api import FakeSlack
from tests.payloads import (
    FORM_CONTENT_TYPE,
    JSON_CONTENT_TYPE,
    block_action,
    event_callback,
    plain,
    slash_command,
    static,
    url_verification,
    view_submission,
)

SEED = 20260302
REQUESTS = 3000
JSONDict = dict[str, Any]


def _values(*modules: Any) -> list[str]:
    found: list[str] = []
    for module in modules:
        for item in vars(module).values():
            if isinstance(item, type) and issubclass(item, StrEnum) and item is not StrEnum:
                found.extend(str(v) for v in item)
    return sorted(set(found))


IDS = _values(kernel_ids, bids_ids, coaching_ids, coachme_ids, pulse_ids)
COMMANDS = [i for i in IDS if i.startswith("/")] + ["/nope", ""]
NAMES = [i for i in IDS if not i.startswith("/")] + ["pulse_answer:3", "pulse_answer:x", "nope"]
EVENTS = [*(str(e) for e in kernel_ids.Event), "message", "nope", ""]
PEOPLE = [REP, COACH, OUTSIDER, "U_GONE", "U_NOBODY", ""]
CHANNELS = ["C_TEAM", "G_PRIV", "D_REP", "D_OTHER", "U_REP", "", "C\u00e9"]


# ---------------------------------------------------------------------------- junk


def _junk_text(rng: random.Random) -> str:
    pick = rng.randrange(9)
    if pick == 0:
        return ""
    if pick == 1:
        return "x" * rng.choice([300, 5_000, 60_000])
    if pick == 2:
        return "".join(chr(rng.randrange(0x20, 0x2FFF)) for _ in range(rng.randrange(1, 40)))
    if pick == 3:
        return "\U0001f600\u202e\u0000\ud7ff\ufeff"
    if pick == 4:
        return rng.choice(NAMES + COMMANDS + PEOPLE + CHANNELS)
    if pick == 5:
        return rng.choice(["{", "[]", "null", "1e999", '{"a":', "NaN", "\\u0000"])
    if pick == 6:
        return str(rng.choice([0, -1, 2**64, 10**30]))
    if pick == 7:
        return rng.choice(["1:2", "99999999999:1", ":", "-1", "1.5", "9" * 40])
    return "".join(rng.choice("abc:#/_ %&=+") for _ in range(rng.randrange(1, 20)))


def _junk(rng: random.Random, depth: int = 0) -> Any:
    pick = rng.randrange(10 if depth < 3 else 6)
    if pick == 0:
        return None
    if pick == 1:
        return rng.choice([0, -1, 1, 2**63, 3.5, float("1e300")])
    if pick == 2:
        return rng.choice([True, False])
    if pick in (3, 4, 5):
        return _junk_text(rng)
    if pick in (6, 7):
        return [_junk(rng, depth + 1) for _ in range(rng.randrange(4))]
    keys = ["id", "value", "state", "values", "type", "user", "channel", "view", "event"]
    return {rng.choice([*keys, _junk_text(rng)]): _junk(rng, depth + 1) for _ in range(3)}


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(node, dict):
        for key, child in node.items():
            yield (*prefix, key)
            yield from _paths(child, (*prefix, key))
    elif isinstance(node, list):
        for i, child in enumerate(node):
            yield (*prefix, i)
            yield from _paths(child, (*prefix, i))


def _mutate(rng: random.Random, doc: JSONDict, rounds: int) -> JSONDict:
    """`doc` with `rounds` random edits: keys dropped, values swapped for junk, types changed."""
    for _ in range(rounds):
        paths = list(_paths(doc))
        if not paths:
            return doc
        path = rng.choice(paths)
        parent: Any = doc
        for step in path[:-1]:
            parent = parent[step]
        last = path[-1]
        op = rng.randrange(5)
        if op == 0 and isinstance(parent, dict):
            del parent[last]
        elif op == 1:
            value = parent[last]
            parent[last] = {"v": value} if not isinstance(value, dict) else str(value)
        elif op == 2 and isinstance(parent, dict):
            parent[_junk_text(rng)] = _junk(rng)
        else:
            parent[last] = _junk(rng)
    return doc


# ---------------------------------------------------------------------------- valid seeds


def _person(rng: random.Random) -> str:
    return rng.choice([REP, COACH, OUTSIDER])


def _command(rng: random.Random) -> str:
    words = ["", "list", "stop", "stop #1", "settings", "schedule", "help", "log", "pause"]
    return slash_command(
        rng.choice(COMMANDS),
        rng.choice([*words, _junk_text(rng)]),
        user_id=_person(rng),
        channel_id=rng.choice(CHANNELS),
    )


def _action(rng: random.Random) -> str:
    in_view = rng.random() < 0.3
    return block_action(
        rng.choice(NAMES),
        rng.choice(["1", "1:2", "2:toward", "x", None, _junk_text(rng)]),
        user_id=_person(rng),
        channel_id=None if in_view else rng.choice(CHANNELS),
        message_ts=None if in_view else "1700000000.000100",
        view={"id": "V1", "private_metadata": _junk_text(rng)} if in_view else None,
    )


def _submission(rng: random.Random) -> str:
    blocks = rng.sample(NAMES, 4)
    values = {
        b: {b: rng.choice([plain(_junk_text(rng)), static("1"), static(None)])} for b in blocks
    }
    meta = rng.choice(['{"channel": "C_TEAM"}', '{"ask_id": 1}', "[1]", "{", "", _junk_text(rng)])
    return view_submission(rng.choice(NAMES), values, user_id=_person(rng), private_metadata=meta)


def _event(rng: random.Random) -> str:
    event: JSONDict = {
        "type": rng.choice(EVENTS),
        "user": rng.choice([_person(rng), {"id": REP, "deleted": True}]),
        "tab": "home",
        "event_ts": "1700000000.000200",
    }
    return event_callback(event)


SEEDS: list[Callable[[random.Random], str]] = [_command, _action, _submission, _event]


# ---------------------------------------------------------------------------- requests


def _signed_headers(body: bytes, content_type: str | None) -> dict[str, str]:
    now = int(time.time())
    # Signed over the raw bytes, so bodies that are not UTF-8 carry a valid signature too.
    digest = hmac.new(SIGNING_SECRET.encode(), b"v0:%d:%s" % (now, body), hashlib.sha256)
    headers = {
        "X-Slack-Request-Timestamp": str(now),
        "X-Slack-Signature": "v0=" + digest.hexdigest(),
    }
    if content_type is not None:
        headers["Content-Type"] = content_type
    return headers


def _mutated_body(rng: random.Random) -> tuple[bytes, str | None, str]:
    """A body built from a valid one and broken somewhere, its content type, and its kind."""
    raw = rng.choice(SEEDS)(rng)
    rounds = rng.randrange(1, 6)
    if raw.startswith("{"):
        doc = _mutate(rng, json.loads(raw), rounds)
        if rng.random() < 0.1:
            doc.pop("event", None)
        return json.dumps(doc).encode(), JSON_CONTENT_TYPE, "event"
    fields = dict(parse_qsl(raw, keep_blank_values=True))
    if "payload" in fields:
        pick = rng.randrange(10)
        if pick == 0:
            fields["payload"] = _junk_text(rng)
            return urlencode(fields).encode(), FORM_CONTENT_TYPE, "bad-payload-json"
        if pick == 1:
            text = json.dumps(_junk(rng))
            return urlencode({"payload": text}).encode(), FORM_CONTENT_TYPE, "payload-not-object"
        doc = _mutate(rng, json.loads(fields["payload"]), rounds)
        if pick == 2:
            view = doc.get("view")
            if isinstance(view, dict):
                view.pop("state", None)
        return urlencode({"payload": json.dumps(doc)}).encode(), FORM_CONTENT_TYPE, "interaction"
    for _ in range(rounds):
        key = rng.choice(list(fields) or ["x"])
        if rng.random() < 0.3:
            fields.pop(key, None)
        else:
            fields[key] = _junk_text(rng)
    return urlencode(fields).encode(), FORM_CONTENT_TYPE, "command"


def _broken_encoding(rng: random.Random) -> tuple[bytes, str | None, str]:
    body = rng.choice(
        [
            b"payload=%ZZ%",
            b"payload=" + bytes([0xFF, 0xFE]),
            b"command=%2Fpulse&command=%2Fbid&user_id=",
            b"&&&==&",
            b"payload=%7B%22type%22%3A%22block_actions%22%7D",
            b"payload=" + b"%5B" * 5_000,
            json.dumps([1, 2]).encode(),
            json.dumps({"type": "event_callback", "event": 5}).encode(),
            url_verification(_junk_text(rng)).encode(),
        ]
    )
    content_type = rng.choice([FORM_CONTENT_TYPE, JSON_CONTENT_TYPE, "text/plain", None, "x/y"])
    return body, content_type, "encoding"


def _environ(body: bytes, headers: dict[str, str], **extra: str) -> dict[str, Any]:
    environ: dict[str, Any] = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": EVENTS_PATH,
        "QUERY_STRING": "",
        "SERVER_NAME": "fuzz",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": io.StringIO(),
        "CONTENT_LENGTH": str(len(body)),
    }
    for name, value in headers.items():
        key = name.upper().replace("-", "_")
        environ[key if key == "CONTENT_TYPE" else f"HTTP_{key}"] = value
    environ.update(extra)
    return environ


def _odd_headers(rng: random.Random, headers: dict[str, str]) -> dict[str, str]:
    odd = dict(headers)
    pick = rng.randrange(7)
    if pick == 0:
        odd["X-Slack-Request-Timestamp"] = rng.choice(["", "abc", "1.5", "-5", "9" * 30, "\u0661"])
    elif pick == 1:
        odd["X-Slack-Signature"] = rng.choice(["", "v0=", "v1=abc", "v0=\u00e9\u00e9", "x" * 5000])
    elif pick == 2:
        odd.pop("X-Slack-Signature", None)
    elif pick == 3:
        odd.pop("X-Slack-Request-Timestamp", None)
    elif pick == 4:
        odd["X-Slack-Request-Timestamp"] = str(int(time.time()) - 10_000)
    elif pick == 5:
        odd["X-Slack-Retry-Num"] = _junk_text(rng)
    else:
        odd["Content-Type"] = rng.choice(["text/plain", "", "application/json; charset=x", "a"])
    return odd


def _request(rng: random.Random) -> tuple[dict[str, Any], str]:
    """One fuzzed request environ and a label saying what kind of damage it carries."""
    roll = rng.random()
    if roll < 0.1:
        body = bytes(rng.randrange(256) for _ in range(rng.randrange(200)))
        return _environ(body, {}), "unsigned-garbage"
    if roll < 0.15:
        body = b"payload=" + _junk_text(rng).encode()
        extra = rng.choice(
            [
                {"CONTENT_LENGTH": rng.choice(["-1", "abc", "99999999999", "", "1e3"])},
                {"REQUEST_METHOD": rng.choice(["GET", "PUT", "DELETE", "post"])},
                {"PATH_INFO": rng.choice(["/", "/slack/events/", "/SLACK/EVENTS", "/%00"])},
            ]
        )
        return _environ(body, {}, **extra), "bad-http"
    body, content_type, kind = _broken_encoding(rng) if roll < 0.25 else _mutated_body(rng)
    headers = _signed_headers(body, content_type)
    if rng.random() < 0.15:
        return _environ(body, _odd_headers(rng, headers)), "odd-headers"
    return _environ(body, headers), f"signed-{kind}"


# ---------------------------------------------------------------------------- the run


class _Errors(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def errors() -> Iterator[_Errors]:
    handler = _Errors()
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield handler
    finally:
        root.removeHandler(handler)


def _describe(record: logging.LogRecord) -> str:
    """The message, the exception and the innermost frame of the app's own code that raised."""
    if not record.exc_info or record.exc_info[1] is None:
        return f"{record.name}: {record.getMessage()}"
    error = record.exc_info[1]
    frames = [
        f"{frame.f_code.co_filename.rsplit('/', 2)[-2]}/{frame.f_code.co_name}:{line}"
        for frame, line in traceback.walk_tb(error.__traceback__)
        if "/bot/" in frame.f_code.co_filename or "/handlers/" in frame.f_code.co_filename
    ]
    where = " < ".join(reversed(frames[-3:]))
    return f"{record.name}: {record.getMessage()} {error!r} at {where}"


def _call(wsgi: SlackWsgi, environ: dict[str, Any]) -> int:
    statuses: list[str] = []

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> None:
        statuses.append(status)

    b"".join(wsgi(environ, start_response))
    return int(statuses[0].split()[0])


def test_malformed_requests_get_4xx_and_leave_no_error_behind(
    container: Container, slack: FakeSlack, errors: _Errors
) -> None:
    from bot.app import create_app

    executor = TrackingExecutor()
    wsgi = SlackWsgi(create_app(container, executor), lambda: True)
    rng = random.Random(SEED)
    statuses: Counter[tuple[str, int]] = Counter()
    server_errors: list[tuple[str, int, str]] = []
    try:
        for n in range(REQUESTS):
            environ, kind = _request(rng)
            body = environ["wsgi.input"].getvalue()
            status = _call(wsgi, environ)
            statuses[(kind, status)] += 1
            if status >= 500:
                server_errors.append((kind, n, body[:300].decode("utf-8", "replace")))
        executor.wait_idle(timeout=60)
    finally:
        executor.shutdown(wait=True)
    # Whatever the fake Slack was asked to do with forged ids is not its own failure.
    slack.handler_errors.clear()

    assert sum(statuses.values()) == REQUESTS
    assert not server_errors, server_errors[:5]
    escaped = [_describe(r) for r in errors.records]
    assert not escaped, "\n".join(f"{n} x {m}" for m, n in Counter(escaped).most_common(40))
    # The run has to reach the listeners, not only bounce off the signature check.
    assert sum(c for (kind, s), c in statuses.items() if kind.startswith("signed") and s == 200)
