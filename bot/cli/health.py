"""``onrecord health``: exit 0 when the running bot's heartbeat file is fresh, 1 otherwise (for a container HEALTHCHECK)."""

from __future__ import annotations

import argparse
import sys

from ..discord.config import BotConfig
from ..discord.heartbeat import STALE_AFTER, health_problem


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``health`` subcommand."""
    health = subparsers.add_parser(
        "health",
        help="check that the running bot is alive and connected (for a container HEALTHCHECK)",
        description=(
            "Exit 0 when the bot started by `onrecord serve` has touched its heartbeat file "
            "(ONRECORD_HEARTBEAT_FILE) recently, else print why on one line and exit 1. The bot "
            "touches it every few seconds while it is connected to Discord and its event loop turns."
        ),
    )
    health.add_argument(
        "--max-age",
        type=float,
        default=STALE_AFTER,
        metavar="SECONDS",
        help=f"how old the last heartbeat may be (default {STALE_AFTER:.0f})",
    )
    health.set_defaults(func=_health)


def _health(args: argparse.Namespace) -> int:
    config = BotConfig.from_env()
    problem = health_problem(config.heartbeat_file, args.max_age)
    if problem is not None:
        print(f"onrecord: unhealthy: {problem}", file=sys.stderr)
        return 1
    print("healthy")
    return 0
