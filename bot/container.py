"""Wires settings, database, services and the Slack gateway together. Built, never imported."""

from __future__ import annotations

from dataclasses import dataclass

from slack_bolt import App
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot.config import Settings
from bot.db.engine import make_engine, make_session_factory
from bot.domain.bids import privacy as bids_privacy
from bot.domain.bids.service import BidService
from bot.domain.coaching import privacy as coaching_privacy
from bot.domain.coaching.nudges import StoreBids
from bot.domain.coaching.service import CoachingService
from bot.domain.coachme import privacy as coachme_privacy
from bot.domain.coachme.kinds import CoachmeKind
from bot.domain.coachme.prep import SessionPrep
from bot.domain.coachme.service import FeedbackService
from bot.domain.kernel.admins import AdminService
from bot.domain.kernel.clock import Clock, SystemClock
from bot.domain.kernel.deps import Deps
from bot.domain.kernel.people import PeopleService
from bot.domain.kernel.privacy import Forgetter, PrivacyService
from bot.domain.kernel.sending import OutboxService
from bot.domain.kernel.workspaces import WorkspaceService
from bot.domain.pulse import privacy as pulse_privacy
from bot.domain.pulse.schedule import PulseScheduleService
from bot.domain.pulse.service import PulseService
from bot.slack.bids import senders as bid_senders
from bot.slack.coaching import senders as coaching_senders
from bot.slack.coachme import senders as coachme_senders
from bot.slack.delivery import Delivery, Sender
from bot.slack.directory import SlackDirectory
from bot.slack.gateway import Gateway, make_client
from bot.slack.installs import InstallStores, install_stores, installation_tokens
from bot.slack.kit import Listeners
from bot.slack.pacing import Pacer
from bot.slack.pulse import senders as pulse_senders
from bot.slack.tokens import SingleToken, TokenSource

# Every feature's outbound message kinds, by kind.
SENDERS: dict[str, Sender] = {
    **coachme_senders.SENDERS,
    **coaching_senders.SENDERS,
    **bid_senders.SENDERS,
    **pulse_senders.SENDERS,
}

# Every feature's part of forgetting a person, run in this order in one transaction.
FORGETTERS: tuple[Forgetter, ...] = (
    coachme_privacy.forget_user,
    coaching_privacy.forget_user,
    pulse_privacy.forget_user,
    bids_privacy.forget_user,
)


@dataclass
class Container:
    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    clock: Clock
    gateway: Gateway
    people: PeopleService
    outbox: OutboxService
    feedback: FeedbackService
    delivery: Delivery
    privacy: PrivacyService
    admins: AdminService
    deps: Deps
    pulses: PulseService
    pulse_schedules: PulseScheduleService
    coaching: CoachingService
    bids: BidService
    workspaces: WorkspaceService
    # OAuth mode only: where installations and OAuth state are kept.
    installs: InstallStores | None = None

    def listeners(self, app: App) -> Listeners:
        """The handler kit's registrar for `app`, wired to this container."""
        return Listeners(app, self.gateway, self.delivery)

    def close(self) -> None:
        """Release database connections."""
        self.engine.dispose()


def build_container(
    settings: Settings, clock: Clock | None = None, engine: Engine | None = None
) -> Container:
    """Everything the handlers and jobs need, built from `settings`."""
    clock = clock or SystemClock()
    engine = engine or make_engine(settings.database_url)
    sessions = make_session_factory(engine)
    workspaces = WorkspaceService(sessions, clock)
    installs = install_stores(settings, engine) if settings.oauth else None
    tokens: TokenSource
    if installs is not None:
        tokens = installation_tokens(settings, installs, workspaces)
    else:
        token = settings.slack_bot_token.get_secret_value() if settings.slack_bot_token else ""
        tokens = SingleToken(make_client(token, settings.slack_api_url))
    gateway = Gateway(tokens, Pacer(0.05))
    people = PeopleService(sessions, clock, SlackDirectory(gateway))
    outbox = OutboxService(sessions, clock)
    admins = AdminService(sessions, people)
    deps = Deps(sessions, clock, people, admins)
    bids = BidService(deps)
    feedback = FeedbackService(deps, bids=bids)
    outbox.on_permanent_failure(CoachmeKind.FEEDBACK_ASK, feedback.ask_unreachable)
    delivery = Delivery(outbox, gateway, people, SENDERS)
    return Container(
        settings=settings,
        engine=engine,
        sessions=sessions,
        clock=clock,
        gateway=gateway,
        people=people,
        outbox=outbox,
        feedback=feedback,
        delivery=delivery,
        privacy=PrivacyService(sessions, FORGETTERS),
        admins=admins,
        deps=deps,
        pulses=PulseService(deps, outbox),
        pulse_schedules=PulseScheduleService(deps),
        coaching=CoachingService(deps, StoreBids(bids), SessionPrep(sessions)),
        bids=bids,
        workspaces=workspaces,
        installs=installs,
    )
