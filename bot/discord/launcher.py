"""Starts and stops the bot as a process: ``onrecord serve`` (run until a signal) and ``onrecord sync`` (register commands, exit).

Kept apart from the bot class: this module points discord.py at its endpoints,
installs the signal handlers and turns a failure to come up into one line for an admin.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
from collections.abc import Iterator

import aiohttp
import discord
import yarl
from discord import app_commands
from discord.gateway import DiscordWebSocket
from discord.http import Route

from knowledge import KnowledgeError
from retrieval import RetrievalError

from ..errors import StartError
from ..replies import AnswererLike
from .bot import OnrecordBot
from .config import BotConfig
from .log_privacy import private_discord_logs

log = logging.getLogger(__name__)

TOKEN_REJECTED = (
    "Discord rejected DISCORD_TOKEN (401 Unauthorized): copy the token again from the Developer Portal "
    "(your application > Bot > Reset Token)."
)
TOKEN_MISSING = (
    "DISCORD_TOKEN is not set: put the bot token from the Developer Portal (your application > Bot) "
    "in the environment or in a .env file."
)
LOOP_SWITCH_INTERVAL = 0.0005  # seconds

SHARDING_REQUIRED = (
    "Discord requires more shards (close code 4011): the bot is in too many servers for this many gateway "
    "connections. Unset ONRECORD_SHARDS to use the count Discord recommends, or raise it (and give each "
    "process its ONRECORD_SHARD_IDS)."
)

INTENT_REFUSED = (
    "Discord refused the Message Content intent (close code 4014), which ONRECORD_ANSWER_CHANNELS needs: "
    "switch on 'Message Content Intent' in the Developer Portal (your application > Bot > Privileged Gateway "
    "Intents), or unset ONRECORD_ANSWER_CHANNELS."
)


@contextlib.contextmanager
def discord_endpoints(api_base: str, gateway_url: str | None) -> Iterator[None]:
    """Point discord.py at the configured REST base and gateway for the duration of the block.

    discord.py 2.7 has no per-client setting for these: every REST request (including
    interaction callbacks and webhook follow-ups) builds its URL from the class
    attribute ``discord.http.Route.BASE``, and the non-sharded client opens its first
    gateway connection at ``DiscordWebSocket.DEFAULT_GATEWAY`` (it does not ask
    ``GET /gateway/bot``; that default is the URL Discord's /gateway/bot returns).
    Later reconnects go to the ``resume_gateway_url`` the gateway sent in READY. So
    both class attributes are set here and restored on exit, which keeps tests that
    run bots one after another independent. ``gateway_url`` None keeps the default.
    """
    saved_base, saved_gateway = Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
    Route.BASE = api_base.rstrip("/")
    if gateway_url:
        DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway_url)
    try:
        yield
    finally:
        Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = saved_base, saved_gateway


@contextlib.contextmanager
def loop_first() -> Iterator[None]:
    """Make model threads hand the interpreter back to the event loop within ``LOOP_SWITCH_INTERVAL`` for the block.

    Model work holds the GIL for long stretches of pure Python; with the default 5 ms
    switch interval the event loop waits that long for every socket it reads, which
    in a burst adds up to seconds before an interaction is acknowledged.
    """
    saved = sys.getswitchinterval()
    sys.setswitchinterval(LOOP_SWITCH_INTERVAL)
    try:
        yield
    finally:
        sys.setswitchinterval(saved)


def explain_start_error(error: BaseException, config: BotConfig) -> str | None:
    """Return the one line that tells an admin why the bot could not come up, or None for a bug."""
    if isinstance(error, discord.LoginFailure):
        return TOKEN_REJECTED
    if isinstance(error, discord.PrivilegedIntentsRequired):
        return INTENT_REFUSED
    if isinstance(error, discord.ConnectionClosed) and error.code == 4004:  # authentication failed
        return TOKEN_REJECTED
    if isinstance(error, discord.ConnectionClosed) and error.code == 4011:
        return SHARDING_REQUIRED
    if isinstance(error, discord.ConnectionClosed) and error.code == 4010:
        return (
            "Discord refused the shard (close code 4010, invalid shard): ONRECORD_SHARD_IDS must be below "
            "ONRECORD_SHARDS, and every process must use the same ONRECORD_SHARDS."
        )
    if isinstance(error, discord.ConnectionClosed):
        return f"Discord closed the gateway connection (code {error.code}): {error.reason or 'no reason given'}."
    if isinstance(error, discord.GatewayNotFound):
        return f"Cannot find Discord's gateway (from {config.api_base}); Discord may be down, or DISCORD_GATEWAY_URL is wrong."
    if isinstance(error, discord.RateLimited):
        return f"Discord is rate-limiting the bot for {error.retry_after:.0f} s: try again after that."
    if isinstance(error, discord.HTTPException):
        return f"Discord answered {error.status} to the bot's login: {error.text or error}"
    if isinstance(error, (aiohttp.ClientError, OSError, asyncio.TimeoutError)):
        return f"Cannot reach Discord at {config.api_base} ({type(error).__name__}: {error}); check the network or DISCORD_API_BASE."
    if isinstance(error, (KnowledgeError, RetrievalError)):
        return f"Cannot open the knowledge base: {error}"
    return None


async def run_bot(config: BotConfig, *, answerer: AnswererLike | None = None) -> int:
    """Run the bot until it is stopped; return the process exit code. This is all of ``onrecord serve``.

    In order: check the token; point discord.py at ``config.api_base`` and
    ``config.gateway_url`` (see ``discord_endpoints``); log in (``GET /users/@me``,
    ``GET /oauth2/applications/@me``); ``setup_hook`` opens the answerer (``answerer``
    when given, else ``Answerer.open(db=config.db)``) and warms it up in a thread, loads
    the cogs; then connect to the gateway and serve until stopped. With
    ``config.dev_guild`` the commands are synced to that guild in the background after
    READY (a ``PUT`` of the guild's commands; never a global sync), so a rate-limited
    sync never keeps the bot offline.

    Stopping: SIGINT or SIGTERM (handlers installed while it runs, when on the main
    thread) stops the gateway loop, closes the connection with code 1000 and returns
    0; cancelling the task does the same and re-raises CancelledError. Failing to come up logs one ERROR line and returns 1:
    no token, a rejected token (401 -> LoginFailure), close code 4014 (the message
    content intent is not switched on; the line says where to switch it on), Discord
    unreachable, a knowledge base that cannot be opened. The token is never logged.
    """
    if not config.token:
        log.error(TOKEN_MISSING)
        return 1
    with discord_endpoints(config.api_base, config.gateway_url), loop_first(), private_discord_logs():
        bot = OnrecordBot(config, answerer=answerer)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        installed = []
        for signum in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.add_signal_handler(signum, _request_stop, stop, signum)
                installed.append(signum)
            except (NotImplementedError, RuntimeError, ValueError):  # not the main thread, or no signals here
                pass
        try:
            async with bot:  # on the way out: bot.close(), gateway closed with 1000
                await _serve_until(bot, config.token, stop)
        except Exception as error:
            reason = explain_start_error(error, config)
            if reason is None:
                log.exception("the bot stopped on an unexpected error")
                return 1
            log.error(reason)
            return 1
        finally:
            for signum in installed:
                loop.remove_signal_handler(signum)
    log.info("stopped cleanly")
    return 0


async def _serve_until(bot: OnrecordBot, token: str, stop: asyncio.Event) -> None:
    """Run ``bot.start`` until it ends by itself (re-raising its error) or ``stop`` is set.

    On ``stop`` the gateway loop is cancelled rather than the bot closed under it: a
    ``Client.close()`` while the loop is reading makes discord.py close the socket with
    4000 (resumable, so Discord keeps the bot online for a while), whereas closing it
    after the loop has stopped sends 1000, a clean goodbye.
    """
    runner = asyncio.create_task(bot.start(token, reconnect=True), name="onrecord-gateway")
    stopper = asyncio.create_task(stop.wait())
    try:
        await asyncio.wait({runner, stopper}, return_when=asyncio.FIRST_COMPLETED)
        if runner.done():
            runner.result()
    finally:
        stopper.cancel()
        if not runner.done():
            runner.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await runner


def _request_stop(stop: asyncio.Event, signum: int) -> None:
    log.info("received %s: shutting down", signal.Signals(signum).name)
    stop.set()


async def sync_commands(config: BotConfig, guild_id: int | None = None) -> list[app_commands.AppCommand]:
    """Log in, register the slash commands with Discord (globally, or in one guild), log out; return them.

    A global sync can take a while to reach every guild; a guild sync is immediate,
    which is what development guilds are for. Raises StartError with one line when
    the bot cannot log in.
    """
    if not config.token:
        raise StartError(TOKEN_MISSING)
    with discord_endpoints(config.api_base, config.gateway_url), private_discord_logs():
        bot = OnrecordBot(config, serving=False)
        try:
            async with bot:
                await bot.login(config.token)
                if guild_id is None:
                    return await bot.tree.sync()
                guild = discord.Object(id=guild_id)
                bot.tree.copy_global_to(guild=guild)
                return await bot.tree.sync(guild=guild)
        except Exception as error:
            reason = explain_start_error(error, config)
            if reason is None:
                raise
            raise StartError(reason) from error
