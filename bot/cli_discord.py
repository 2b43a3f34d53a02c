"""``onrecord serve``, ``onrecord sync`` and ``onrecord chat``: the Discord bot and its local harness."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from contextlib import nullcontext


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``serve``, ``sync`` and ``chat`` subcommands."""
    serve = subparsers.add_parser(
        "serve",
        help="run the Discord bot (configured by environment variables or .env)",
        description=(
            "Run the Discord bot until SIGINT/SIGTERM. Configuration comes from the environment "
            "(or a .env file): DISCORD_TOKEN (required), ONRECORD_DB, ONRECORD_ANSWER_CHANNELS, "
            "ONRECORD_DEV_GUILD, ONRECORD_COOLDOWN, ONRECORD_LOG_LEVEL, DISCORD_API_BASE, "
            "DISCORD_GATEWAY_URL; see the README."
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

    chat = subparsers.add_parser(
        "chat",
        help="try the bot in the terminal: type questions or slash commands, see what it would post",
        description=(
            "An interactive prompt where you type a question, or a slash command exactly as in Discord "
            "(/ask question:..., /quote speaker:Healey topic:talks, /speakers, /article, /help; /more and "
            "/back page), and see what the bot would post. Reads lines from --file, or from standard "
            "input when it is not a terminal, for scripted checks."
        ),
    )
    where = chat.add_mutually_exclusive_group()
    where.add_argument("--db", metavar="FILE", help="the knowledge base file (default: ONRECORD_DB, else the bundled article)")
    where.add_argument("--knowledge", nargs="+", metavar="PATH", help="answer from exactly these article files")
    chat.add_argument("--file", metavar="FILE", help="run the lines of FILE instead of prompting ('-' for stdin)")
    chat.add_argument("--no-echo", action="store_true", help="with --file, do not print each line before its reply")
    chat.set_defaults(func=_chat)


def _guild_id(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a guild id (a number)")
    return int(text)


def _load_config():
    from .cli import UserError
    from .config import BotConfig, ConfigError

    try:
        return BotConfig.from_env()
    except ConfigError as error:
        raise UserError(str(error)) from None


def _apply_log_level(config, args: argparse.Namespace) -> None:
    level = getattr(logging, config.log_level)
    if getattr(args, "verbose", False):
        level = min(level, logging.INFO)
    logging.getLogger().setLevel(level)
    _quiet_libraries(level)


def _quiet_libraries(level: int) -> None:
    """Show discord.py's and bm25s's INFO chatter (connecting, index building) only at DEBUG; warnings always."""
    # bm25s sets its own logger to DEBUG when imported; import it first so that the level set here sticks.
    try:
        import bm25s  # noqa: F401
    except ImportError:
        pass
    library_level = level if level <= logging.DEBUG else max(level, logging.WARNING)
    for name in ("discord", "bm25s"):
        logging.getLogger(name).setLevel(library_level)


def _serve(args: argparse.Namespace) -> int:
    from .cli import UserError
    from .discord_bot import TOKEN_MISSING, run_bot

    config = _load_config()
    if not config.token:
        raise UserError(TOKEN_MISSING)
    _apply_log_level(config, args)
    return asyncio.run(run_bot(config))


def _sync(args: argparse.Namespace) -> int:
    from .cli import UserError
    from .discord_bot import StartError, sync_commands

    config = _load_config()
    _apply_log_level(config, args)
    try:
        synced = asyncio.run(sync_commands(config, args.guild))
    except StartError as error:
        raise UserError(str(error)) from None
    names = ", ".join(f"/{c.name}" for c in synced)
    where = f"to guild {args.guild}" if args.guild else "globally (may take a while to reach every server)"
    print(f"Synced {len(synced)} command{'' if len(synced) == 1 else 's'} {where}: {names}")
    return 0


def _chat(args: argparse.Namespace) -> int:
    from rich.console import Console

    from .cli import UserError
    from .harness import Chat, run_interactive, run_script
    from .replies import open_answerer

    db = args.db
    if db is None and not args.knowledge:
        db = _load_config().db
    lines = None
    if args.file and args.file != "-":
        try:
            with open(args.file, encoding="utf-8") as handle:
                lines = handle.readlines()
        except (OSError, UnicodeDecodeError) as error:
            raise UserError(f"cannot read {args.file}: {getattr(error, 'strerror', None) or error}") from None
    elif args.file == "-" or not sys.stdin.isatty():
        lines = sys.stdin.readlines()

    _quiet_libraries(logging.getLogger().getEffectiveLevel())
    console = Console(highlight=False)
    status = Console(stderr=True)
    with status.status("Opening the knowledge base…", spinner="dots") if status.is_terminal else nullcontext():
        answerer = open_answerer(db=db, knowledge=args.knowledge)
    chat = Chat(answerer, console)
    if lines is not None:
        return run_script(chat, lines, echo=not args.no_echo)
    return run_interactive(chat)

