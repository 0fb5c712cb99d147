"""Write a new Alembic revision by comparing the models with a freshly migrated database.

    python scripts/new_migration.py "what changed" 0002_bids --branch bids

A new feature starts its own branch off the core (down revision 0001_core); a later change to
the same feature revises that branch's head (`--head bids@head`, no `--branch`).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from alembic import command

from bot.db.engine import make_engine
from bot.db.migrate import alembic_config


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("message")
    parser.add_argument("rev_id")
    parser.add_argument("--branch", help="label for a new branch off the core")
    parser.add_argument("--head", default=None, help="revision to build on")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'gen.db'}")
        cfg = alembic_config(engine)
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "heads")
            head = args.head or ("0001_core" if args.branch else "heads")
            script = command.revision(
                cfg,
                message=args.message,
                autogenerate=True,
                rev_id=args.rev_id,
                branch_label=args.branch,
                head=head,
            )
    paths = [s.path for s in (script if isinstance(script, list) else [script]) if s]
    for path in paths:
        target = Path(path).with_name(f"{args.rev_id}.py")
        Path(path).rename(target)
        subprocess.run(
            [sys.executable, "-m", "ruff", "check", "-q", "--fix", str(target)], check=False
        )
        subprocess.run([sys.executable, "-m", "ruff", "format", "-q", str(target)], check=False)
        print(target)


if __name__ == "__main__":
    main()
