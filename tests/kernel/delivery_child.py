"""A delivery process to kill: `python -m tests.kernel.delivery_child` with Slack settings in
the environment. It sends what is due until the outbox is empty, then exits."""

from __future__ import annotations

from bot.config import load_settings
from bot.container import build_container


def main() -> None:
    c = build_container(load_settings())
    while c.delivery.run().sent:
        pass
    c.close()


if __name__ == "__main__":
    main()
