"""``onrecord serve`` and ``onrecord sync``: run the Discord bot, or register its slash commands.

discord.py is imported only when one of these commands runs, so that the other
commands start without it.
"""

from __future__ import annotations

import argparse
import asyncio

from ..discord.config import BotConfig
from ..errors import UserError
from .log_levels import apply_log_level


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``serve`` and ``sync`` subcommands."""
    serve = subparsers.add_parser(
        "serve",
        help="run the Discord bot (configured by environment variables or .env)",
        description=(
            "Run the Discord bot until SIGINT/SIGTERM. Configuration comes from the environment "
            "(or a .env file): DISCORD_TOKEN (required), ONRECORD_DB, ONRECORD_ANSWER_CHANNELS, "
            "ONRECORD_DEV_GUILD, ONRECORD_COOLDOWN, ONRECORD_LOG_LEVEL, ONRECORD_MODEL_THREADS, "
            "ONRECORD_MODEL_QUEUE, ONRECORD_HEARTBEAT_FILE, DISCORD_API_BASE, DISCORD_GATEWAY_URL; see the README."
        ),
    )
    serve.set_defaults(func=_serve)

    sync = subparsers.add_parser(
        "sync",
        help="register the slash commands with Discord (globally, or in one guild), then exit",
        description=(
            "Log in with DISCORD_TOKEN, register the slash commands and exit. Run it once after "
            "installing or upgrading; a guild sync (--guild) takes effect at once, a global one can "
            "take a while to reach every server."
        ),
    )
    sync.add_argument("--guild", type=_guild_id, metavar="ID", help="sync to this guild only (its id)")
    sync.set_defaults(func=_sync)


def _guild_id(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a guild id (a number)")
    return int(text)


def _serve(args: argparse.Namespace) -> int:
    from ..discord.launcher import TOKEN_MISSING, run_bot

    config = BotConfig.from_env()
    if not config.token:
        raise UserError(TOKEN_MISSING)
    apply_log_level(config.log_level, verbose=args.verbose)
    return asyncio.run(run_bot(config))


def _sync(args: argparse.Namespace) -> int:
    from ..discord.launcher import sync_commands

    config = BotConfig.from_env()
    apply_log_level(config.log_level, verbose=args.verbose)
    synced = asyncio.run(sync_commands(config, args.guild))
    names = ", ".join(f"/{c.name}" for c in synced)
    where = f"to guild {args.guild}" if args.guild else "globally (may take a while to reach every server)"
    print(f"Synced {len(synced)} command{'' if len(synced) == 1 else 's'} {where}: {names}")
    return 0
