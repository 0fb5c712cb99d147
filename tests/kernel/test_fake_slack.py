"""Tests of the fake Slack Web API (tests/fakes/slack_api.py) and tests/payloads.py.

Everything goes through a real ``slack_sdk.WebClient`` over real HTTP.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.request
from collections.abc import Iterator, Sequence
from types import SimpleNamespace
from typing import Any
from urllib.error import HTTPError
from urllib.parse import parse_qs

import pytest
from slack_bolt import Ack, App, BoltRequest, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry import builtin_handlers
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from slack_sdk.signature import SignatureVerifier

from tests import payloads
from tests.fakes.slack_api import Call, FakeSlack, Reply

SECRET = "shhh-signing-secret"
BLOCKS: list[dict[str, Any]] = [
    {"type": "section", "text": {"type": "mrkdwn", "text": "*hello*"}},
    {"type": "actions", "elements": [{"type": "button", "action_id": "go", "value": "1"}]},
]


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    with FakeSlack() as server:
        yield server
    assert server.handler_errors == []


@pytest.fixture
def client(fake: FakeSlack) -> WebClient:
    return WebClient(token="xoxb-test", base_url=fake.base_url, timeout=5)


def _raw_request(
    url: str, data: bytes | None, headers: dict[str, str], method: str = "POST"
) -> tuple[int, dict[str, Any]]:
    req = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(req, timeout=5) as resp:
            return int(resp.status), json.loads(resp.read())
    except HTTPError as err:
        return err.code, json.loads(err.read())


# ---------------------------------------------------------------------------- recording


def test_records_json_body_with_blocks_and_bearer_token(fake: FakeSlack, client: WebClient) -> None:
    resp = client.chat_postMessage(channel="C1", text="hi", blocks=BLOCKS, unfurl_links=False)

    assert resp["ok"] is True
    assert resp["channel"] == "C1"
    assert resp["message"]["blocks"] == BLOCKS
    assert fake.calls == [
        Call(
            method="chat.postMessage",
            params={"channel": "C1", "text": "hi", "blocks": BLOCKS, "unfurl_links": False},
            token="xoxb-test",
            http_status=200,
        )
    ]


def test_form_values_holding_json_are_parsed_others_stay_str(
    fake: FakeSlack, client: WebClient
) -> None:
    client.api_call(
        "chat.postMessage",
        params={
            "channel": "C1",
            "text": "[not json",
            "blocks": json.dumps(BLOCKS),
            "attachments": json.dumps([{"text": "a"}]),
            "unfurl_links": False,
            "count": 3,
        },
    )

    (params,) = fake.calls_to("chat.postMessage")
    assert params == {
        "channel": "C1",
        "text": "[not json",
        "blocks": BLOCKS,
        "attachments": [{"text": "a"}],
        "unfurl_links": "0",  # slack_sdk turns bools into "1"/"0" in form bodies
        "count": "3",
    }


def test_plain_get_with_query_params_is_understood(fake: FakeSlack) -> None:
    fake.add_user("U1", "ann")

    status, body = _raw_request(
        f"{fake.base_url}users.info?user=U1",
        None,
        {"Authorization": "Bearer xoxb-get"},
        method="GET",
    )

    assert (status, body["user"]["id"]) == (200, "U1")
    assert fake.calls[-1] == Call("users.info", {"user": "U1"}, "xoxb-get", 200)


def test_params_only_methods_arrive_as_form_posts(fake: FakeSlack, client: WebClient) -> None:
    fake.add_user("U1")
    client.users_info(user="U1")  # declared http_verb="GET", but slack_sdk always POSTs a form
    client.auth_test()  # no params at all: empty body (with a JSON content type)

    assert fake.calls_to("users.info") == [{"user": "U1"}]
    assert fake.calls_to("auth.test") == [{}]


def test_token_in_form_body_is_used_and_not_kept_in_params(fake: FakeSlack) -> None:
    status, body = _raw_request(
        f"{fake.base_url}auth.test",
        b"token=xoxb-form&foo=bar",
        {"Content-Type": "application/x-www-form-urlencoded"},
    )

    assert (status, body["ok"]) == (200, True)
    assert fake.calls[-1] == Call("auth.test", {"foo": "bar"}, "xoxb-form", 200)


def test_missing_token_is_not_authed(fake: FakeSlack) -> None:
    anonymous = WebClient(base_url=fake.base_url)

    with pytest.raises(SlackApiError) as err:
        anonymous.auth_test()

    assert err.value.response["error"] == "not_authed"
    assert fake.calls[-1].token is None


def test_bad_json_is_400_and_recorded(fake: FakeSlack) -> None:
    status, body = _raw_request(
        f"{fake.base_url}chat.postMessage",
        b"{nope",
        {"Content-Type": "application/json", "Authorization": "Bearer xoxb-test"},
    )

    assert (status, body) == (400, {"ok": False, "error": "invalid_json"})
    assert fake.calls == [Call("chat.postMessage", {}, "xoxb-test", 400)]


def test_unknown_methods_are_ok_and_recorded(fake: FakeSlack, client: WebClient) -> None:
    resp = client.api_call("reactions.add", params={"name": "tada", "channel": "C1"})

    assert resp.data == {"ok": True}
    assert fake.calls_to("reactions.add") == [{"name": "tada", "channel": "C1"}]


def test_wait_for_and_reset_calls(fake: FakeSlack, client: WebClient) -> None:
    def post_later() -> None:
        time.sleep(0.05)
        client.chat_postMessage(channel="C1", text="later")

    worker = threading.Thread(target=post_later)
    worker.start()
    assert fake.wait_for("chat.postMessage", timeout=2)[0]["text"] == "later"
    worker.join()

    with pytest.raises(AssertionError, match=r"chat\.delete.*\['chat\.postMessage'\]"):
        fake.wait_for("chat.delete", timeout=0.05)

    fake.reset_calls()
    assert fake.calls == []


def test_concurrent_posts_get_unique_increasing_ts(fake: FakeSlack, client: WebClient) -> None:
    results: list[str] = []
    lock = threading.Lock()

    def post(i: int) -> None:
        ts = client.chat_postMessage(channel="C1", text=str(i))["ts"]
        with lock:
            results.append(ts)

    threads = [threading.Thread(target=post, args=(i,)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert len(set(results)) == 20
    recorded = [c for c in fake.calls if c.method == "chat.postMessage"]
    assert len(recorded) == 20
    assert sorted(results, key=float)[0] == "1700000000.000100"
    first, second = (client.chat_postMessage(channel="C1", text=t)["ts"] for t in "ab")
    assert float(first) < float(second)


# ---------------------------------------------------------------------------- users & channels


def test_users_info_known_unknown_and_deleted(client: WebClient, fake: FakeSlack) -> None:
    fake.add_user("U1", "ann", tz="Europe/London", is_admin=True)
    fake.add_user("U2", "bob", deleted=True)

    user = client.users_info(user="U1")["user"]
    assert user["id"] == "U1"
    assert user["name"] == "ann"
    assert user["team_id"] == "T0001"
    assert user["tz"] == "Europe/London"
    assert user["tz_offset"] in (0, 3600)
    assert user["tz_label"] in ("Greenwich Mean Time", "British Summer Time")
    assert user["is_admin"] is True
    assert user["is_bot"] is False
    assert user["profile"]["display_name"] == "ann"

    assert client.users_info(user="U2")["user"]["deleted"] is True

    with pytest.raises(SlackApiError) as err:
        client.users_info(user="U404")
    assert err.value.response["error"] == "user_not_found"


def test_ny_user_offset_is_computed_from_zoneinfo(client: WebClient, fake: FakeSlack) -> None:
    fake.add_user("U1")
    user = client.users_info(user="U1")["user"]
    assert user["tz_offset"] in (-5 * 3600, -4 * 3600)
    assert user["name"] == "u1"


def test_dm_open_and_post_rules(client: WebClient, fake: FakeSlack) -> None:
    fake.add_user("U1")
    fake.add_user("U2", deleted=True)

    assert client.conversations_open(users="U1")["channel"]["id"] == "DU1"
    for users, error in (("U404", "user_not_found"), ("U2", "user_disabled")):
        with pytest.raises(SlackApiError) as err:
            client.conversations_open(users=users)
        assert err.value.response["error"] == error

    with pytest.raises(SlackApiError) as err:
        client.chat_postMessage(channel="DU2", text="hi")
    assert err.value.response["error"] == "account_inactive"


def test_not_in_channel_members_and_join(client: WebClient, fake: FakeSlack) -> None:
    fake.set_not_in_channel("C9")
    fake.set_channel_members("C9", 42)

    info = client.conversations_info(channel="C9")["channel"]
    assert (info["id"], info["is_member"], info["num_members"]) == ("C9", False, 42)
    assert client.conversations_info(channel="C1")["channel"]["num_members"] == 5
    with pytest.raises(SlackApiError) as err:
        client.chat_postMessage(channel="C9", text="hi")
    assert err.value.response["error"] == "not_in_channel"

    client.conversations_join(channel="C9")
    assert client.conversations_info(channel="C9")["channel"]["is_member"] is True
    assert client.chat_postMessage(channel="C9", text="hi")["ok"] is True


def test_other_defaults(client: WebClient) -> None:
    auth = client.auth_test()
    assert (auth["user_id"], auth["bot_id"], auth["team_id"]) == ("UBOT", "BBOT", "T0001")
    assert client.team_info()["team"] == {"id": "T0001", "name": "Fake Team", "domain": "fake-team"}
    assert client.users_conversations()["channels"] == []
    assert client.chat_postEphemeral(channel="C1", user="U1", text="psst")["message_ts"]
    updated = client.chat_update(channel="C1", ts="1.2", text="new", blocks=BLOCKS)
    assert (updated["ts"], updated["message"]["blocks"]) == ("1.2", BLOCKS)
    assert client.chat_delete(channel="C1", ts="1.2")["ok"] is True


def test_views_echo_the_view_with_an_id(client: WebClient, fake: FakeSlack) -> None:
    view: dict[str, Any] = {
        "type": "modal",
        "callback_id": "log_session",
        "title": {"type": "plain_text", "text": "Log"},
        "blocks": BLOCKS,
    }

    opened = client.views_open(trigger_id="trig.1", view=view)["view"]
    assert opened["id"] == "V1"
    assert (opened["callback_id"], opened["blocks"]) == ("log_session", BLOCKS)
    pushed = client.views_push(trigger_id="trig.1", view=view)["view"]
    assert pushed["id"] == "V2"
    updated = client.views_update(view_id="V1", view=view)["view"]
    assert updated["id"] == "V1"
    home = {"type": "home", "blocks": BLOCKS}
    assert client.views_publish(user_id="U1", view=home)["view"]["type"] == "home"
    assert fake.calls_to("views.open")[0]["view"] == view


# ---------------------------------------------------------------------------- scripting & errors


def test_scripted_replies_are_consumed_in_order(client: WebClient, fake: FakeSlack) -> None:
    fake.script(
        "chat.postMessage",
        Reply.error("channel_not_found"),
        {"channel": "C1", "ts": "99.000001"},
    )

    with pytest.raises(SlackApiError) as err:
        client.chat_postMessage(channel="C1", text="a")
    assert err.value.response["error"] == "channel_not_found"
    assert client.chat_postMessage(channel="C1", text="b")["ts"] == "99.000001"
    assert fake.unconsumed_scripts() == {}
    assert client.chat_postMessage(channel="C1", text="c")["ts"] == "1700000000.000100"
    assert [c.params["text"] for c in fake.calls] == ["a", "b", "c"]


def test_fail_always_until_cleared(client: WebClient, fake: FakeSlack) -> None:
    fake.fail_always("users.info", "fatal_error")
    for _ in range(2):
        with pytest.raises(SlackApiError) as err:
            client.users_info(user="U1")
        assert err.value.response["error"] == "fatal_error"

    fake.clear_failures("users.info")
    fake.add_user("U1")
    assert client.users_info(user="U1")["ok"] is True


def test_rate_limit_is_retried_transparently(
    fake: FakeSlack, monkeypatch: pytest.MonkeyPatch
) -> None:
    slept: list[float] = []
    # The handler sleeps Retry-After + random(); record the sleep instead of taking it.
    monkeypatch.setattr(builtin_handlers, "time", SimpleNamespace(sleep=slept.append))
    retrying = WebClient(
        token="xoxb-test",
        base_url=fake.base_url,
        retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=1)],
    )
    fake.script("chat.postMessage", Reply.rate_limited(retry_after=1))

    resp = retrying.chat_postMessage(channel="C1", text="hi")

    assert resp["ok"] is True
    assert [c.http_status for c in fake.calls] == [429, 200]
    assert len(slept) == 1
    assert 1 <= slept[0] < 2


def test_rate_limit_without_retry_handler_surfaces(client: WebClient, fake: FakeSlack) -> None:
    fake.script("chat.postMessage", Reply.rate_limited(retry_after=7))

    with pytest.raises(SlackApiError) as err:
        client.chat_postMessage(channel="C1", text="hi")

    assert err.value.response.status_code == 429
    assert err.value.response["error"] == "ratelimited"
    assert err.value.response.headers["Retry-After"] == "7"


def test_server_error_surfaces(client: WebClient, fake: FakeSlack) -> None:
    fake.script("views.open", Reply.server_error())

    with pytest.raises(SlackApiError) as err:
        client.views_open(trigger_id="t", view={"type": "modal"})

    assert err.value.response.status_code == 500
    assert err.value.response["error"] == "internal_error"
    assert fake.calls[-1].http_status == 500


# ---------------------------------------------------------------------------- files & hooks


def test_files_upload_v2_round_trip(client: WebClient, fake: FakeSlack) -> None:
    content = b"\x89PNG\r\n\x1a\nnot-really-a-png\x00\xff"

    resp = client.files_upload_v2(channel="C1", content=content, filename="x.png", title="x")

    assert resp["file"]["id"] == "F1"
    assert resp["file"]["title"] == "x"
    assert fake.uploads == {"F1": content}
    (get_url,) = fake.calls_to("files.getUploadURLExternal")
    assert get_url == {"filename": "x.png", "length": str(len(content))}
    (complete,) = fake.calls_to("files.completeUploadExternal")
    assert complete["files"] == [{"id": "F1", "title": "x"}]
    assert complete["channel_id"] == "C1"


def test_response_url_posts_are_recorded(fake: FakeSlack) -> None:
    body = json.dumps({"text": "done", "response_type": "ephemeral"}).encode()
    req = urllib.request.Request(
        fake.hook_url(), data=body, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(req, timeout=5) as resp:
        assert resp.read() == b"ok"

    (post,) = fake.wait_for_hook()
    assert (post.path, post.body["text"]) == ("commands/1", "done")


# ---------------------------------------------------------------------------- payloads


def test_sign_verifies_and_tampering_fails() -> None:
    body = payloads.slash_command("/coach", "log 3")
    headers = payloads.sign(body, SECRET)
    verifier = SignatureVerifier(SECRET)

    assert headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert verifier.is_valid_request(body, headers)
    assert not verifier.is_valid_request(body + "&text=evil", headers)
    assert not SignatureVerifier("other-secret").is_valid_request(body, headers)
    stale = payloads.sign(body, SECRET, timestamp=int(time.time()) - 3600)
    assert not verifier.is_valid_request(body, stale)

    event_body = payloads.event_callback({"type": "app_home_opened", "user": "U1"})
    json_headers = payloads.sign_json(event_body, SECRET)
    assert json_headers["Content-Type"] == "application/json"
    assert verifier.is_valid_request(event_body, json_headers)


def test_slash_command_body_fields() -> None:
    fields = {k: v[0] for k, v in parse_qs(payloads.slash_command("/coach", "help")).items()}
    assert fields["command"] == "/coach"
    assert fields["text"] == "help"
    assert fields["user_id"] == "U_REP"
    assert fields["channel_name"] == "general"
    assert fields["response_url"] == "https://hooks.slack.test/commands/1"
    assert fields["api_app_id"] == "A0001"


def _bolt_app(fake: FakeSlack) -> App:
    return App(
        signing_secret=SECRET,
        client=WebClient(token="xoxb-test", base_url=fake.base_url),
    )


def _signed(body: str, json_body: bool = False) -> BoltRequest:
    signed = (payloads.sign_json if json_body else payloads.sign)(body, SECRET)
    # BoltRequest wants dict[str, str | Sequence[str]]; dict is invariant, so re-type it.
    headers: dict[str, str | Sequence[str]] = dict(signed)
    return BoltRequest(body=body, headers=headers)


def _dispatch(app: App, body: str, json_body: bool = False) -> int:
    return app.dispatch(_signed(body, json_body)).status


def test_payloads_drive_a_real_bolt_app(fake: FakeSlack) -> None:
    app = _bolt_app(fake)
    seen: dict[str, Any] = {}

    @app.command("/coach")
    def on_command(ack: Ack, command: dict[str, Any], respond: Respond) -> None:
        ack()
        seen["command"] = command["text"]
        respond("on it")

    @app.action("pick")
    def on_pick(ack: Ack, body: dict[str, Any], action: dict[str, Any]) -> None:
        ack()
        seen["pick"] = (action["selected_option"]["value"], body["channel"]["id"])

    @app.action("go")
    def on_go(ack: Ack, body: dict[str, Any], action: dict[str, Any]) -> None:
        ack()
        seen["go"] = (action["value"], body["view"]["id"], body["container"]["type"])

    @app.view("log_session")
    def on_submit(ack: Ack, view: dict[str, Any]) -> None:
        ack()
        seen["submit"] = (view["state"]["values"], view["private_metadata"])

    @app.event("app_home_opened")
    def on_home(event: dict[str, Any]) -> None:
        seen["home"] = event["user"]

    command = payloads.slash_command("/coach", "log", response_url=fake.hook_url())
    assert _dispatch(app, command) == 200
    option = {"value": "weekly", "text": {"type": "plain_text", "text": "Weekly"}}
    assert _dispatch(app, payloads.block_action("pick", selected_option=option)) == 200
    in_modal = payloads.block_action(
        "go", "1", view={"id": "V7", "type": "modal"}, channel_id=None, message_ts=None
    )
    assert _dispatch(app, in_modal) == 200
    values = {
        "who": {"u": payloads.users(["U1", "U2"])},
        "score": {"s": payloads.number(4)},
        "notes": {"n": payloads.plain("good call")},
        "when": {"d": payloads.date("2024-05-01")},
        "kind": {"k": payloads.static(None)},
    }
    submission = payloads.view_submission("log_session", values, private_metadata="m")
    assert _dispatch(app, submission) == 200
    home = payloads.event_callback({"type": "app_home_opened", "user": "U1", "tab": "home"})
    assert _dispatch(app, home, json_body=True) == 200
    challenge = app.dispatch(_signed(payloads.url_verification("c-1"), json_body=True))
    assert json.loads(challenge.body) == {"challenge": "c-1"}

    (hook,) = fake.wait_for_hook()
    assert hook.body["text"] == "on it"
    deadline = time.monotonic() + 2
    while "home" not in seen and time.monotonic() < deadline:
        time.sleep(0.01)  # lazy/async event listeners run on Bolt's thread pool
    assert seen == {
        "command": "log",
        "pick": ("weekly", "D_X"),
        "go": ("1", "V7", "view"),
        "submit": (values, "m"),
        "home": "U1",
    }
    assert fake.methods_called() == ["auth.test"]


def test_state_value_helpers() -> None:
    assert payloads.plain(None) == {"type": "plain_text_input", "value": None}
    assert payloads.static("a")["selected_option"]["value"] == "a"
    assert payloads.user("U1") == {"type": "users_select", "selected_user": "U1"}
    assert payloads.checkboxes(["x", "y"])["selected_options"][1]["value"] == "y"
    assert payloads.radio("r")["selected_option"]["value"] == "r"
    assert payloads.radio(None)["selected_option"] is None
    assert payloads.number(2.5) == {"type": "number_input", "value": "2.5"}
    assert payloads.date("2024-01-02") == {"type": "datepicker", "selected_date": "2024-01-02"}


def test_reset_forgets_state_but_keeps_serving(client: WebClient, fake: FakeSlack) -> None:
    fake.add_user("U1")
    fake.fail_always("auth.test", "invalid_auth")
    fake.script("chat.postMessage", Reply.error("x"))
    calls = fake.calls
    client.users_info(user="U1")

    fake.reset()

    assert calls == []
    assert fake.unconsumed_scripts() == {}
    assert client.auth_test()["ok"] is True
    with pytest.raises(SlackApiError):
        client.users_info(user="U1")
    assert client.chat_postMessage(channel="C1", text="x")["ts"] == "1700000000.000100"
