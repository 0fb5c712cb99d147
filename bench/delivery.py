"""How fast the outbox gets messages out, against the bare Web API client as a baseline.

Both sides post the same number of DMs to the same local fake Slack over HTTP, so the
difference is what coachbot adds per message: storing it, claiming it, rendering it and
recording the result. Run: `make bench` (or `python bench/delivery.py --messages 500`).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pydantic import SecretStr
from slack_sdk import WebClient

from bot.config import Settings
from bot.container import SENDERS, build_container
from bot.db.engine import make_engine
from bot.db.migrate import upgrade
from bot.domain.coachme.kinds import CoachmeKind
from bot.domain.kernel.clock import ManualClock
from bot.domain.kernel.outbox import Notice, enqueue
from bot.slack.delivery import Delivery
from bot.slack.gateway import Gateway
from bot.slack.pacing import Pacer
from tests.fakes.slack_api import FakeSlack


def baseline(fake: FakeSlack, n: int) -> float:
    client = WebClient(token="xoxb-bench", base_url=fake.base_url)
    start = time.perf_counter()
    for i in range(n):
        client.chat_postMessage(channel=f"DU{i % 50}", text="Thanks!", blocks=[])
    return time.perf_counter() - start


def through_outbox(fake: FakeSlack, n: int, db_url: str) -> tuple[float, float]:
    clock = ManualClock(datetime(2026, 3, 2, 15, tzinfo=UTC))
    engine = make_engine(db_url)
    upgrade(engine)
    settings = Settings(
        slack_bot_token=SecretStr("xoxb-bench"),
        slack_signing_secret=SecretStr("s"),
        slack_api_url=fake.base_url,
        database_url=db_url,
        _env_file=None,  # type: ignore[call-arg]
    )
    c = build_container(settings, clock=clock, engine=engine)
    # An unpaced gateway: measure our overhead, not the deliberate spacing between posts.
    delivery = Delivery(c.outbox, Gateway(c.gateway.client, Pacer(0.0)), c.people, SENDERS)
    start = time.perf_counter()
    with c.sessions.begin() as session:
        for i in range(n):
            enqueue(
                session,
                Notice(
                    f"bench:{i}",
                    "T0001",
                    f"DU{i % 50}",
                    CoachmeKind.FEEDBACK_THANKS,
                    f"bench:{i}",
                    {"rep_user_id": "U1", "deal_name": "Acme"},
                    clock.now(),
                ),
                clock.now(),
            )
    queued = time.perf_counter() - start
    start = time.perf_counter()
    while delivery.run(budget_seconds=60.0).sent:
        pass
    sent = time.perf_counter() - start
    c.close()
    return queued, sent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    n = args.messages
    base_times, queue_times, send_times = [], [], []
    with FakeSlack(require_token=False) as fake:
        for r in range(args.rounds):
            base_times.append(baseline(fake, n))
            with tempfile.TemporaryDirectory() as tmp:
                q, s = through_outbox(fake, n, f"sqlite:///{Path(tmp) / f'bench{r}.db'}")
            queue_times.append(q)
            send_times.append(s)
    base = statistics.median(base_times)
    queued = statistics.median(queue_times)
    sent = statistics.median(send_times)
    print(f"messages per round: {n}, rounds: {args.rounds} (medians shown)")
    print(f"baseline  WebClient.chat_postMessage : {base:7.3f}s  {n / base:8.1f} msg/s")
    print(f"coachbot  enqueue (one transaction)  : {queued:7.3f}s  {n / queued:8.1f} msg/s")
    print(f"coachbot  claim + render + send      : {sent:7.3f}s  {n / sent:8.1f} msg/s")
    print(f"overhead per message over baseline   : {(sent - base) / n * 1000:7.2f} ms")
    print(f"send time relative to baseline       : {sent / base:7.2f}x")


if __name__ == "__main__":
    main()
