"""Wires settings, database, services and the Slack gateway together. Built, never imported."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from slack_bolt import App
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot.config import Settings
from bot.db.engine import make_engine, make_session_factory
from bot.domain.bids import kinds as bid_kinds
from bot.domain.bids import privacy as bids_privacy
from bot.domain.bids.service import BidService
from bot.domain.coaching import cadence as coaching_cadence
from bot.domain.coaching import kinds as coaching_kinds
from bot.domain.coaching import privacy as coaching_privacy
from bot.domain.coaching import report as coaching_report
from bot.domain.coaching.nudges import StoreBids
from bot.domain.coaching.service import CoachingService
from bot.domain.coachme import kinds as coachme_kinds
from bot.domain.coachme import privacy as coachme_privacy
from bot.domain.coachme import report as coachme_report
from bot.domain.coachme.kinds import CoachmeKind
from bot.domain.coachme.prep import SessionPrep
from bot.domain.coachme.service import FeedbackService
from bot.domain.digest import kinds as digest_kinds
from bot.domain.digest.service import DigestService
from bot.domain.kernel.admins import AdminService
from bot.domain.kernel.clock import Clock, SystemClock
from bot.domain.kernel.deps import Deps
from bot.domain.kernel.notifications import BACKOFF_KIND, Topic
from bot.domain.kernel.people import PeopleService
from bot.domain.kernel.preferences import NotificationService
from bot.domain.kernel.privacy import Forgetter, PrivacyService
from bot.domain.kernel.reports import ReportService, TableBuilder
from bot.domain.kernel.sending import OutboxService
from bot.domain.kernel.served import ServedWorkspaces
from bot.domain.kernel.workspace import WorkspaceService
from bot.domain.pulse import privacy as pulse_privacy
from bot.domain.pulse import report as pulse_report
from bot.domain.pulse.schedule import PulseScheduleService
from bot.domain.pulse.service import PulseService
from bot.slack.bids import senders as bid_senders
from bot.slack.coaching import senders as coaching_senders
from bot.slack.coachme import senders as coachme_senders
from bot.slack.delivery import Delivery, Sender
from bot.slack.digest import senders as digest_senders
from bot.slack.directory import SlackDirectory
from bot.slack.gateway import Gateway, make_client
from bot.slack.home.notifications import send_backoff
from bot.slack.installs import InstallStores, install_stores, installation_tokens
from bot.slack.kit import Listeners
from bot.slack.pacing import Pacer
from bot.slack.pulse import senders as pulse_senders
from bot.slack.reports import senders as report_senders
from bot.slack.tokens import SingleToken, TokenSource

# Every feature's outbound message kinds, by kind.
SENDERS: dict[str, Sender] = {
    **coachme_senders.SENDERS,
    **coaching_senders.SENDERS,
    **bid_senders.SENDERS,
    **pulse_senders.SENDERS,
    **digest_senders.SENDERS,
    BACKOFF_KIND: send_backoff,
}

# Which kinds are nudges a person may turn off or hold for quiet hours, by topic.
TOPICS: dict[str, Topic] = {
    **coachme_kinds.TOPICS,
    **coaching_kinds.TOPICS,
    **bid_kinds.TOPICS,
    **digest_kinds.TOPICS,
}

# Every report `coachbot export` and the admin's export buttons offer, by name.
REPORTS: dict[str, TableBuilder] = {
    "sessions": coaching_report.sessions_table,
    "requests": coachme_report.requests_table,
    "loss-reasons": coachme_report.loss_reasons_table,
    "pulses": pulse_report.pulses_table,
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
    notifications: NotificationService
    workspace: WorkspaceService
    digest: DigestService
    reports: ReportService
    # What each coaching cadence's lead time reads as, for the workspace settings form.
    leads: dict[str, str]
    served: ServedWorkspaces
    # Publishes a person's App Home; the Home's handlers set it when they register.
    refresh_home: Callable[[str, str], None] | None = None
    # OAuth mode only: where installations and OAuth state are kept.
    installs: InstallStores | None = None

    def listeners(self, app: App) -> Listeners:
        """The handler kit's registrar for `app`, wired to this container."""
        return Listeners(app, self.gateway, self.delivery, refresh=self._refresh)

    def _refresh(self, team_id: str, user_id: str) -> None:
        if self.refresh_home is not None:
            self.refresh_home(team_id, user_id)

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
    served = ServedWorkspaces(sessions, clock)
    installs = install_stores(settings, engine) if settings.oauth else None
    tokens: TokenSource
    if installs is not None:
        tokens = installation_tokens(settings, installs, served)
    else:
        tokens = SingleToken(make_client(settings.bot_token, settings.slack_api_url))
    gateway = Gateway(tokens, Pacer(0.05))
    people = PeopleService(sessions, clock, SlackDirectory(gateway))
    outbox = OutboxService(sessions, clock)
    admins = AdminService(sessions, people)
    deps = Deps(sessions, clock, people, admins)
    bids = BidService(deps)
    feedback = FeedbackService(deps, bids=bids)
    outbox.on_permanent_failure(CoachmeKind.FEEDBACK_ASK, feedback.ask_unreachable)
    notifications = NotificationService(deps)
    for kind, topic in TOPICS.items():
        notifications.classify(kind, topic, backs_off=kind in coaching_kinds.BACKS_OFF)
    reports = ReportService(deps, REPORTS)
    senders = {**SENDERS, **report_senders.senders(reports)}
    delivery = Delivery(outbox, gateway, people, senders, gate=notifications.verdict)
    pulses = PulseService(deps, outbox)
    coaching = CoachingService(deps, StoreBids(bids), SessionPrep(sessions))
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
        pulses=pulses,
        pulse_schedules=PulseScheduleService(deps),
        coaching=coaching,
        bids=bids,
        notifications=notifications,
        workspace=WorkspaceService(deps, coaching_cadence.LEADS),
        digest=DigestService(deps, notifications, coaching, feedback, pulses),
        leads=dict(coaching_cadence.LEADS),
        reports=reports,
        served=served,
        installs=installs,
    )
