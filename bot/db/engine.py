"""Engine and session factory; nothing here runs at import time."""

from __future__ import annotations

import threading
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.orm import Session, sessionmaker

# A database that does not answer must fail a request, a tick or a start-up quickly, never
# hang it: connecting, each statement, and data the server never acknowledges all time out.
CONNECT_SECONDS = 5
POOL_WAIT_SECONDS = 5
HEALTH_SECONDS = 2.0
POSTGRES_TIMEOUTS: dict[str, Any] = {
    "connect_timeout": CONNECT_SECONDS,
    "options": "-c statement_timeout=15000 -c lock_timeout=10000",
    "tcp_user_timeout": 10_000,  # ms: a partitioned server is noticed mid-query
    "keepalives": 1,
    "keepalives_idle": 10,
    "keepalives_interval": 5,
    "keepalives_count": 3,
}


def make_engine(url: str, **kwargs: Any) -> Engine:
    """Build an engine with settings suited to each backend."""
    if url.startswith("sqlite"):
        connect_args = {"check_same_thread": False, "timeout": 30}
        engine = create_engine(url, connect_args=connect_args, **kwargs)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            if ":memory:" not in url:
                cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        return engine
    options: dict[str, Any] = {
        "pool_pre_ping": True,
        "pool_size": 10,
        "max_overflow": 10,
        "pool_timeout": POOL_WAIT_SECONDS,
    }
    if url.startswith("postgresql"):
        options["connect_args"] = POSTGRES_TIMEOUTS
    options.update(kwargs)
    return create_engine(url, **options)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded values after commit, so services can return plain data."""
    return sessionmaker(engine, expire_on_commit=False)


def database_answers(engine: Engine, within: float = HEALTH_SECONDS) -> bool:
    """True when a trivial query succeeds within `within` seconds; used by the health check.

    The query runs on its own thread so that a silent database makes the answer "no" on time
    instead of holding the health check for as long as the driver waits.
    """
    result: list[bool] = []

    def probe() -> None:
        try:
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            result.append(True)
        except Exception:  # any driver error means "not healthy"
            result.append(False)

    worker = threading.Thread(target=probe, name="db-health", daemon=True)
    worker.start()
    worker.join(within)
    return bool(result and result[0])
