"""The handler kit: what every listener shares, written once.

A listener is ack -> parse -> one service call -> render -> send. The kit supplies the rest:
readers of Bolt's request body, the registrar that reports errors on the right surface and
delivers the messages this request produced (and only those) after the ack, and `submit`,
which turns a modal's domain errors into inline field errors.
"""

from __future__ import annotations

import functools
import inspect
import logging
import time
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from slack_bolt import Ack, App

from bot.domain.kernel.errors import DomainError, InvalidInput
from bot.domain.kernel.outbox import collecting
from bot.slack.delivery import Delivery
from bot.slack.errors import report
from bot.slack.forms import int_value
from bot.slack.gateway import Gateway
from bot.slack.requestlog import log_handled

log = logging.getLogger(__name__)
T = TypeVar("T")
Listener = Callable[..., None]
# Publishes a person's App Home again (team, user): the Home shows what just changed.
Refresh = Callable[[str, str], None]
ERROR_MAX = 150  # Slack shows at most this much of an inline field error


class StaleButton(DomainError):
    """A click whose button no longer carries anything coachbot can act on."""

    def __init__(self) -> None:
        super().__init__(
            "That button is from an older message, so I can't act on it. "
            "The newest message from me has one that works."
        )


def button_id(body: dict[str, Any]) -> int:
    """The positive id a clicked button carries; a stale or forged one is told so kindly."""
    found = int_value(action_value(body))
    if found is None:
        raise StaleButton()
    return found


class Listeners:
    """Registers a feature's listeners on the Bolt app through Bolt's public decorators.

    Each listener is wrapped so that an error becomes a clear private note (Bolt would drop a
    failure raised after ack()), the outbox messages its service call enqueued are sent
    right after it returns, without waiting for the scheduler and without touching anything
    else that is due, and one INFO line says what was handled and how long it took.
    """

    def __init__(
        self, app: App, gateway: Gateway, delivery: Delivery, refresh: Refresh | None = None
    ) -> None:
        self._app = app
        self._gateway = gateway
        self._delivery = delivery
        self._refresh = refresh

    def command(self, name: str) -> Callable[[Listener], Listener]:
        """Register a slash command listener."""
        return self._register(self._app.command(name))

    def action(self, constraint: Any, *, refresh: bool = True) -> Callable[[Listener], Listener]:
        """Register a block action listener (an action_id or a compiled pattern). A click
        may change something, so the person's App Home is published again afterwards
        (unless `refresh` is False)."""
        return self._register(self._app.action(constraint), refresh)

    def view(self, callback_id: str, *, refresh: bool = True) -> Callable[[Listener], Listener]:
        """Register a view submission listener; the App Home is refreshed afterwards."""
        return self._register(self._app.view(callback_id), refresh)

    def event(self, name: str) -> Callable[[Listener], Listener]:
        """Register an Events API listener."""
        return self._register(self._app.event(name))

    def _register(
        self, bolt: Callable[[Listener], Any], refresh: bool = False
    ) -> Callable[[Listener], Listener]:
        def decorate(fn: Listener) -> Listener:
            bolt(self._wrap(fn, refresh))
            return fn

        return decorate

    def _wrap(self, fn: Listener, refresh: bool = False) -> Listener:
        wanted = inspect.getfullargspec(inspect.unwrap(fn)).args

        def run(**kwargs: Any) -> None:
            found = kwargs.get("body")
            body = found if isinstance(found, dict) else {}
            context = kwargs.get("context")
            team = (context.team_id if context is not None else None) or team_of(body)
            token = context.bot_token if context is not None else None
            changed = refresh
            started, failed = time.monotonic(), False
            # Every call the listener makes is for its own workspace, with its own token.
            with self._gateway.acting_for(team, token):
                with collecting() as produced:
                    try:
                        fn(**{name: kwargs[name] for name in wanted if name in kwargs})
                    except Exception as exc:  # reported here: nothing may escape a listener
                        changed, failed = False, True
                        report(self._gateway, exc, body)
                if produced:
                    try:
                        self._delivery.run_keys(produced)
                    except Exception:  # the outbox keeps what failed; the scheduler retries it
                        log.exception("delivering a listener's messages failed")
                if changed and self._refresh is not None:
                    self._refresh_home(body)
            log_handled(body, time.monotonic() - started, failed)

        # Bolt passes a listener the arguments its signature names: `fn`'s own, plus the
        # body and context the kit needs to answer in the right workspace.
        functools.update_wrapper(run, fn)
        del run.__wrapped__  # type: ignore[attr-defined]
        names = dict.fromkeys([*wanted, "body", "context"])
        run.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
            [inspect.Parameter(name, inspect.Parameter.POSITIONAL_OR_KEYWORD) for name in names]
        )
        return run

    def _refresh_home(self, body: dict[str, Any]) -> None:
        team, user = team_of(body), user_of(body)
        if not (team and user and self._refresh):
            return
        try:
            self._refresh(team, user)
        except Exception:  # the Home catches up the next time it is opened
            log.exception("refreshing the App Home failed")


def submit(
    ack: Ack,
    fallback_block: str,
    call: Callable[[], T],
    *,
    blocks: Mapping[str, str] | None = None,
    quiet: tuple[type[DomainError], ...] = (),
) -> T | None:
    """Run a submission's one service call.

    On InvalidInput each field's message goes on its block (`blocks` maps domain field names
    to block ids where they differ); any other domain error goes on `fallback_block`, so the
    person's words stay in the modal. Errors of a `quiet` type just close the modal. Returns
    None when the modal was answered here; the caller acks on success.
    """
    try:
        return call()
    except quiet:
        ack()
    except InvalidInput as exc:
        known = blocks or {}
        errors: dict[str, str] = {}
        for name, message in exc.fields.items():
            errors.setdefault(str(known.get(name, name)), message[:ERROR_MAX])
        ack(response_action="errors", errors=errors)
    except DomainError as exc:
        ack(response_action="errors", errors={fallback_block: exc.message[:ERROR_MAX]})
    return None


def _part(body: dict[str, Any], key: str) -> dict[str, Any]:
    # Slack sends objects here; a forged body may not, and reads as if the part were missing.
    part = body.get(key)
    return part if isinstance(part, dict) else {}


def _text(*candidates: Any) -> str:
    """The first candidate that is a non-empty string ("" when none is)."""
    return next((c for c in candidates if isinstance(c, str) and c), "")


def team_of(body: dict[str, Any]) -> str:
    """The workspace a request came from."""
    view = _part(body, "view")
    return _text(
        _part(body, "team").get("id"),
        body.get("team_id"),
        view.get("app_installed_team_id"),
        view.get("team_id"),
    )


def user_of(body: dict[str, Any]) -> str:
    """The person who acted."""
    user = body.get("user")
    if isinstance(user, dict):
        return _text(user.get("id"))
    return _text(body.get("user_id"))


def channel_of(body: dict[str, Any]) -> str:
    """The conversation a command was typed in or a button was clicked in."""
    channel = body.get("channel")
    if isinstance(channel, dict):
        return _text(channel.get("id"))
    return _text(body.get("channel_id"), _part(body, "container").get("channel_id"))


def action_value(body: dict[str, Any]) -> str | None:
    """The value of the first action in a block_actions payload."""
    acts = body.get("actions")
    if isinstance(acts, list) and acts and isinstance(acts[0], dict):
        value = acts[0].get("value")
        return str(value) if isinstance(value, str | int) else None
    return None


def message_ref(body: dict[str, Any]) -> tuple[str, str] | None:
    """(channel, ts) of the message a button sits on, when there is one."""
    container = _part(body, "container")
    channel = _text(_part(body, "channel").get("id"), container.get("channel_id"))
    ts = _text(_part(body, "message").get("ts"), container.get("message_ts"))
    return (channel, ts) if channel and ts else None


def view_of(body: dict[str, Any]) -> dict[str, Any]:
    """The modal a submission or click came from (empty when there is none)."""
    return _part(body, "view")


def values_of(body: dict[str, Any]) -> dict[str, Any]:
    """A submitted modal's `state.values` (empty when missing or malformed)."""
    state = view_of(body).get("state")
    values = state.get("values") if isinstance(state, dict) else None
    return values if isinstance(values, dict) else {}


def trigger_of(body: dict[str, Any]) -> str:
    """The trigger id a modal is opened with."""
    trigger = body.get("trigger_id")
    return trigger if isinstance(trigger, str) else ""
