"""The Discord bot: a ``commands.Bot`` whose cogs answer from the answering API, and the ``serve``/``sync`` code paths."""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import logging
import math
import signal
import time
from collections import deque
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import aiohttp
import discord
import yarl
from discord import app_commands
from discord.ext import commands
from discord.gateway import DiscordWebSocket
from discord.http import Route

from knowledge import KnowledgeError
from retrieval import RetrievalError

from .config import BotConfig
from .discord_reply import NO_MENTIONS, send_notice
from .replies import AnswererLike, BadInput, open_answerer

log = logging.getLogger(__name__)

COGS = ("bot.cogs.answers", "bot.cogs.info")
DEFER_AFTER = 1.0  # seconds: answer directly when ready by then, else defer (Discord allows 3)
ANSWER_TIMEOUT = 30.0  # seconds a single answer may take before the user is told to retry
AUTOCOMPLETE_TIMEOUT = 2.0

T = TypeVar("T")

TOKEN_REJECTED = (
    "Discord rejected DISCORD_TOKEN (401 Unauthorized): copy the token again from the Developer Portal "
    "(your application > Bot > Reset Token)."
)
TOKEN_MISSING = (
    "DISCORD_TOKEN is not set: put the bot token from the Developer Portal (your application > Bot) "
    "in the environment or in a .env file."
)
TOO_SLOW = "That took too long to answer; please try again in a moment."
FAILED = "Something went wrong on my side (it has been logged); please try again."
# Errors a person caused (bad input, unknown article or speaker): their message says what to do.
USER_ERRORS = (BadInput, RetrievalError, KnowledgeError)

INTENT_REFUSED = (
    "Discord refused the Message Content intent (close code 4014), which ONRECORD_ANSWER_CHANNELS needs: "
    "switch on 'Message Content Intent' in the Developer Portal (your application > Bot > Privileged Gateway "
    "Intents), or unset ONRECORD_ANSWER_CHANNELS."
)


class StartError(Exception):
    """The bot could not come up (bad token, refused intent, unreachable Discord); the message is one line."""


class AskingTooFast(app_commands.CheckFailure):
    """A user asked more often than the cooldown allows; ``retry_after`` is in seconds."""

    def __init__(self, retry_after: float) -> None:
        self.retry_after = retry_after
        super().__init__(cooldown_message(retry_after))


def cooldown_message(retry_after: float) -> str:
    """Return the note for someone asking too fast: when they can ask again."""
    seconds = max(1, math.ceil(retry_after))
    when = discord.utils.format_dt(discord.utils.utcnow() + datetime.timedelta(seconds=seconds), "R")
    return f"You're asking faster than I can keep up with: try again in {seconds} s ({when})."


class UserCooldown:
    """A per-user allowance of ``rate`` questions per ``per`` seconds (None: no limit), shared by commands and mentions."""

    def __init__(self, limit: tuple[int, float] | None) -> None:
        self.limit = limit
        self._asked: dict[int, deque[float]] = {}

    def hit(self, user_id: int, now: float | None = None) -> float | None:
        """Count one question from ``user_id``; return seconds to wait when over the limit (not counted), else None."""
        if self.limit is None:
            return None
        rate, per = self.limit
        now = time.monotonic() if now is None else now
        if len(self._asked) > 10_000:  # forget users whose window has passed
            self._asked = {k: q for k, q in self._asked.items() if q and now - q[-1] < per}
        asked = self._asked.setdefault(user_id, deque())
        while asked and now - asked[0] >= per:
            asked.popleft()
        if len(asked) >= rate:
            return asked[0] + per - now
        asked.append(now)
        return None


def check_cooldown(interaction: discord.Interaction) -> bool:
    """App-command check: raise AskingTooFast when the user is over the cooldown."""
    client = interaction.client
    if isinstance(client, OnrecordBot):
        retry_after = client.cooldown.hit(interaction.user.id)
        if retry_after:
            raise AskingTooFast(retry_after)
    return True


class OnrecordTree(app_commands.CommandTree):
    """The command tree with the one error handler for every app command."""

    async def on_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        """Log unexpected errors with their traceback; tell the user, ephemerally, in one short line."""
        original = getattr(error, "original", error)
        name = interaction.command.qualified_name if interaction.command else "?"
        if isinstance(error, AskingTooFast):
            message = str(error)
        elif isinstance(original, USER_ERRORS):
            log.info("command=%s refused: %s", name, type(original).__name__)
            message = str(original)
        elif isinstance(original, TimeoutError):  # asyncio.TimeoutError is TimeoutError since 3.11
            log.warning("command=%s timed out after %.0f s", name, ANSWER_TIMEOUT)
            message = TOO_SLOW
        elif isinstance(error, app_commands.CheckFailure):
            message = "You can't use that command here."
        else:
            log.error("command=%s failed", name, exc_info=original)
            message = FAILED
        await send_notice(interaction, message)


class OnrecordBot(commands.Bot):
    """The onrecord bot: intents and allowed mentions set once here; features in cogs loaded by ``setup_hook``.

    Intents: guilds and messages (mentions carry their content without any
    privileged intent); the privileged message-content intent only when answer
    channels are configured. With ``serving`` false (``onrecord sync``) nothing is
    answered: the answerer is not opened and only the commands are loaded.
    """

    def __init__(self, config: BotConfig, *, answerer: AnswererLike | None = None, serving: bool = True) -> None:
        # The bot never joins voice: no warnings about voice libraries it does not need.
        discord.VoiceClient.warn_nacl = False
        discord.VoiceClient.warn_dave = False
        intents = discord.Intents.none()
        intents.guilds = True
        intents.guild_messages = True
        intents.dm_messages = True
        intents.message_content = config.wants_message_content
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents,
            allowed_mentions=NO_MENTIONS,
            help_command=None,
            tree_cls=OnrecordTree,
        )
        self.config = config
        self.answerer = answerer
        self.serving = serving
        self.cooldown = UserCooldown(config.cooldown)

    async def setup_hook(self) -> None:
        """Open and warm the answerer off the event loop, load the cogs, sync to the dev guild if configured."""
        if self.serving:
            if self.answerer is None:
                log.info("opening the knowledge base (%s)", self.config.db or "default, bundled article")
                self.answerer = await asyncio.to_thread(open_answerer, db=self.config.db)
            warm_up = getattr(self.answerer, "warm_up", None)
            if warm_up is not None:
                started = time.perf_counter()
                await asyncio.to_thread(warm_up)
                log.info("answerer warm in %.0f ms", (time.perf_counter() - started) * 1000)
            articles = await asyncio.to_thread(self.answerer.articles)
            if not articles:
                log.warning(
                    "the knowledge base %s has no articles, so every question gets 'no articles yet': "
                    "add some with `onrecord ingest PATH --db %s`", self.config.db or "(default)", self.config.db or "FILE"
                )
        for name in COGS:
            await self.load_extension(name)
        if self.serving and self.config.dev_guild:
            guild = discord.Object(id=self.config.dev_guild)
            self.tree.copy_global_to(guild=guild)
            synced = await self.tree.sync(guild=guild)
            log.info("synced %d commands to the development guild %s", len(synced), self.config.dev_guild)

    async def on_ready(self) -> None:
        log.info("connected as %s (id %s) in %d guilds", self.user, self.user.id if self.user else "?", len(self.guilds))

    async def on_message(self, message: discord.Message) -> None:
        """Prefix commands are not used: mentions and answer channels are handled by the answers cog."""

    async def run_answering(self, func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run ``func`` (model work) in a thread with a timeout, so one slow question never stalls the others."""
        return await asyncio.wait_for(asyncio.to_thread(func, *args, **kwargs), ANSWER_TIMEOUT)

    async def answer_interaction(self, interaction: discord.Interaction, func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run ``func`` like ``run_answering``; if it is not done within ``DEFER_AFTER`` s, defer the interaction first.

        Quick answers (and quick errors, which must stay ephemeral) are sent as the
        interaction's response; slow ones as a follow-up to the deferral, well within
        Discord's 3-second deadline.
        """
        task = asyncio.ensure_future(self.run_answering(func, *args, **kwargs))
        done, _ = await asyncio.wait({task}, timeout=DEFER_AFTER)
        if not done and not interaction.response.is_done():
            await interaction.response.defer(thinking=True)
        return await task

    async def autocomplete(self, func: Callable[..., list[tuple[str, str]]], *args: Any) -> list[app_commands.Choice[str]]:
        """Return autocomplete choices from ``func`` (run in a thread); nothing when it fails or is slow."""
        if self.answerer is None:
            return []
        try:
            pairs = await asyncio.wait_for(asyncio.to_thread(func, self.answerer, *args), AUTOCOMPLETE_TIMEOUT)
        except Exception as error:  # autocomplete has no way to show an error; an empty list is honest
            log.warning("autocomplete failed: %s", error)
            return []
        return [app_commands.Choice(name=name, value=value) for name, value in pairs[:25]]


def log_answered(guild: discord.abc.Snowflake | None, command: str, started: float) -> None:
    """Log one line per answered question: guild, command and latency (never the question's text at INFO)."""
    log.info(
        "answered guild=%s command=%s latency_ms=%.0f",
        guild.id if guild else "dm",
        command,
        (time.perf_counter() - started) * 1000,
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


def explain_start_error(error: BaseException, config: BotConfig) -> str | None:
    """Return the one line that tells an admin why the bot could not come up, or None for a bug."""
    if isinstance(error, discord.LoginFailure):
        return TOKEN_REJECTED
    if isinstance(error, discord.PrivilegedIntentsRequired):
        return INTENT_REFUSED
    if isinstance(error, discord.ConnectionClosed) and error.code == 4004:  # authentication failed
        return TOKEN_REJECTED
    if isinstance(error, discord.ConnectionClosed):
        return f"Discord closed the gateway connection (code {error.code}): {error.reason or 'no reason given'}."
    if isinstance(error, discord.GatewayNotFound):
        return f"Cannot find Discord's gateway (from {config.api_base}); Discord may be down, or DISCORD_GATEWAY_URL is wrong."
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
    the cogs and, with ``config.dev_guild``, syncs the commands to that guild (a
    ``PUT`` of the guild's commands; never a global sync); then connect to the gateway
    and serve until stopped.

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
    with discord_endpoints(config.api_base, config.gateway_url):
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
    with discord_endpoints(config.api_base, config.gateway_url):
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
