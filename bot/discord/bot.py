"""The Discord bot: a ``commands.Bot`` whose cogs answer from the answering API, with one error reply and one cooldown."""

from __future__ import annotations

import asyncio
import datetime
import logging
import math
import time
from collections.abc import Callable
from typing import Any, TypeVar

import discord
from discord import app_commands
from discord.ext import commands

from knowledge import KnowledgeError
from retrieval import RetrievalError

from ..errors import BadInput
from ..fetching import FetchError
from ..replies import AnswererLike, open_answerer
from .channel_access import ChannelAccess
from .config import BotConfig
from .heartbeat import keep_beating
from .model_work import ModelBusy, ModelWork
from .sending import NO_MENTIONS, Pager, send_notice

log = logging.getLogger(__name__)

COGS = ("bot.discord.cogs.answers", "bot.discord.cogs.info", "bot.discord.cogs.admin")
# Discord shows "This interaction failed" unless an interaction is acknowledged within 3 s of its
# creation (the time in its snowflake id). An answer ready within DEFER_AFTER of that goes out as
# the response itself; otherwise the bot defers. An interaction older than TOO_OLD on arrival
# cannot be acknowledged in time on a loaded network, so it is dropped without running the model.
DEFER_AFTER = 1.0
TOO_OLD = 2.5
# A rate limit longer than this raises discord.RateLimited instead of sleeping (30 s is
# discord.py's minimum): a reply that cannot go out for minutes is better given up.
MAX_RATELIMIT_WAIT = 30.0
CHANNEL_CAP = (10, 60.0)  # questions per seconds answered in one answer channel without a mention
ANSWER_TIMEOUT = 30.0  # seconds a single answer may take, waiting included, before the user is told to retry
AUTOCOMPLETE_TIMEOUT = 2.0

T = TypeVar("T")

TOO_SLOW = "That took too long to answer; please try again in a moment."
FAILED = "Something went wrong on my side (it has been logged); please try again."
NOT_HERE = "You can't use that command here."
BUSY = "I'm answering a lot of questions right now: please try again in a moment."
RESTARTING = "I'm restarting and could not finish this answer: please ask again in a minute."
SHUTDOWN_NOTICES = 3.0  # seconds at most for telling waiting users and switching off pagers at shutdown
# Errors a person caused (bad input, unknown article or speaker, a file or page that is no article): their message says what to do.
USER_ERRORS = (BadInput, RetrievalError, KnowledgeError, FetchError)


def cooldown_message(retry_after: float) -> str:
    """Return the note for someone asking too fast: when they can ask again."""
    seconds = max(1, math.ceil(retry_after))
    when = discord.utils.format_dt(discord.utils.utcnow() + datetime.timedelta(seconds=seconds), "R")
    return f"You're asking faster than I can keep up with: try again in {seconds} s ({when})."


def error_reply(error: BaseException, source: str) -> str:
    """Return the one line to tell the person whose command or message (``source``) failed with ``error``.

    Asking too fast says when to ask again; a person's own mistake is its message
    (logged by type only, never with the question); a timeout asks them to retry;
    anything else is a bug, logged with its traceback, and the person gets a short note.
    """
    original = getattr(error, "original", error)
    if isinstance(error, app_commands.CommandOnCooldown):
        return cooldown_message(error.retry_after)
    if isinstance(original, USER_ERRORS):
        log.info("%s refused: %s", source, type(original).__name__)
        return str(original)
    if isinstance(original, ModelBusy):
        log.info("%s refused: busy (%s)", source, original)
        return BUSY
    if isinstance(original, TimeoutError):  # asyncio.TimeoutError is TimeoutError since 3.11
        log.warning("%s timed out after %.0f s", source, ANSWER_TIMEOUT)
        return TOO_SLOW
    if isinstance(error, app_commands.CheckFailure):
        return NOT_HERE
    log.error("%s failed", source, exc_info=original)
    return FAILED


def question_cooldown(limit: tuple[int, float] | None) -> commands.CooldownMapping | None:
    """Return discord.py's cooldown mapping for ``limit`` = (questions, seconds) per user; None for no limit.

    The bucket key is the asking user's id: ``BucketType.user`` reads a message's
    ``author``, which an interaction does not have, so both paths pass the user.
    """
    if limit is None:
        return None
    rate, per = limit
    return commands.CooldownMapping.from_cooldown(rate, per, _user_id)


def _user_id(user: discord.abc.Snowflake) -> int:
    return user.id


def _channel_id(message: discord.Message) -> int:
    return message.channel.id


def check_cooldown(interaction: discord.Interaction) -> bool:
    """App-command check: raise ``CommandOnCooldown`` when the user is over the question cooldown."""
    client = interaction.client
    if isinstance(client, OnrecordBot):
        bucket = client.question_bucket(interaction.user)
        retry_after = bucket.update_rate_limit() if bucket is not None else None
        if bucket is not None and retry_after:
            raise app_commands.CommandOnCooldown(bucket, retry_after)
    return True


class InteractionGone(Exception):
    """An interaction that can no longer be answered (too old on arrival, or Discord says 10062 Unknown interaction)."""


def interaction_age(interaction: discord.Interaction) -> float:
    """Return the seconds since Discord created ``interaction`` (from its snowflake id)."""
    return (discord.utils.utcnow() - interaction.created_at).total_seconds()


def is_unknown_interaction(error: BaseException) -> bool:
    """Whether ``error`` is Discord's 404 10062: the interaction expired or was never acknowledged in time."""
    return isinstance(error, discord.NotFound) and error.code == 10062


class OnrecordTree(app_commands.CommandTree):
    """The command tree with the one error handler for every app command."""

    async def on_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        """Tell the user, ephemerally, in one short line (see ``error_reply``, which also logs it).

        An interaction that is gone gets one log line and no reply: any callback or
        follow-up would only be refused again.
        """
        name = interaction.command.qualified_name if interaction.command else "?"
        original = getattr(error, "original", error)
        client = interaction.client
        if isinstance(client, OnrecordBot) and client.closing:  # the user has been told it is restarting
            log.info("command=%s not answered: shutting down", name)
            return
        if isinstance(original, InteractionGone) or is_unknown_interaction(original):
            log.warning("command=%s not answered: the interaction expired (%s)", name, _why_gone(original))
            return
        await send_notice(interaction, error_reply(error, f"command={name}"))


def _why_gone(error: BaseException) -> str:
    if isinstance(error, discord.HTTPException):
        return f"{error.status} {error.code}"
    return str(error)


class OnrecordBot(commands.AutoShardedBot):
    """The onrecord bot: intents and allowed mentions set once here; features in cogs loaded by ``setup_hook``.

    Sharded as Discord asks: the shard count from ``GET /gateway/bot`` unless
    ``ONRECORD_SHARDS`` sets it, and all of them in this process unless
    ``ONRECORD_SHARD_IDS`` names a subset (several processes over one knowledge base).

    Intents: guilds and messages (mentions carry their content without any
    privileged intent); the privileged message-content intent only when answer
    channels are configured. With ``serving`` false (``onrecord sync``) nothing is
    answered: the answerer is not opened and only the commands are loaded.
    """

    def __init__(self, config: BotConfig, *, answerer: AnswererLike | None = None, serving: bool = True) -> None:
        # The bot never joins voice: no warnings about voice libraries it does not need.
        discord.VoiceClient.warn_nacl = False
        discord.VoiceClient.warn_dave = False
        # discord.py wants no shard_ids at all (not None) to run every shard.
        shard_subset: dict[str, Any] = {"shard_ids": list(config.shard_ids)} if config.shard_ids else {}
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
            max_ratelimit_timeout=MAX_RATELIMIT_WAIT,
            shard_count=config.shards,
            **shard_subset,
        )
        self.config = config
        self.answerer = answerer
        self.serving = serving
        self.cooldown = question_cooldown(config.cooldown)
        # Answer channels take questions without a mention, so a busy channel could fill the queue:
        # at most CHANNEL_CAP questions per channel per window there (more are left unanswered).
        self.channel_cap = commands.CooldownMapping.from_cooldown(*CHANNEL_CAP, _channel_id)
        self.model = ModelWork(config.model_threads, config.model_queue, ANSWER_TIMEOUT)
        self.channel_access = ChannelAccess()
        self._cooldown_noticed: dict[int, float] = {}  # user id -> when their current wait ends (monotonic)
        self._dev_sync: asyncio.Task | None = None
        self._deferred: set[discord.Interaction] = set()  # deferred, their answer not yet worked out
        self.closing = False
        self._heartbeat: asyncio.Task | None = None

    def question_bucket(self, user: discord.abc.Snowflake, now: float | None = None) -> commands.Cooldown | None:
        """Return ``user``'s cooldown bucket, shared by slash commands and mentions; None when there is no limit.

        ``bucket.update_rate_limit()`` counts one question and returns the seconds to
        wait when it is over the limit.
        """
        return self.cooldown.get_bucket(user, now) if self.cooldown is not None else None

    def first_cooldown_notice(self, user: discord.abc.Snowflake, retry_after: float) -> bool:
        """Return whether ``user``, over the cooldown, should be told when to ask again: once per wait, not per message."""
        now = time.monotonic()
        if self._cooldown_noticed.get(user.id, 0.0) > now:
            return False
        for stale in [u for u, until in self._cooldown_noticed.items() if until <= now]:
            del self._cooldown_noticed[stale]
        self._cooldown_noticed[user.id] = now + retry_after
        return True

    async def setup_hook(self) -> None:
        """Open and warm the answerer on the model threads and load the cogs (the dev guild is synced after READY)."""
        if self.serving:
            if self.answerer is None:
                log.info("opening the knowledge base (%s)", self.config.db or "default, bundled article")
                self.answerer = await self.model.run(open_answerer, db=self.config.db, timeout=None)
            warm_up = getattr(self.answerer, "warm_up", None)
            if warm_up is not None:
                started = time.perf_counter()
                await self.model.run(warm_up, timeout=None)
                log.info("answerer warm in %.0f ms", (time.perf_counter() - started) * 1000)
            articles = await self.model.run(self.answerer.articles, timeout=None)
            if not articles:
                log.warning(
                    "the knowledge base %s has no articles, so every question gets 'no articles yet': "
                    "add some with `onrecord ingest PATH --db %s`",
                    self.config.db or "(default)",
                    self.config.db or "FILE",
                )
        for name in COGS:
            await self.load_extension(name)
        if self.serving:
            self._heartbeat = asyncio.create_task(
                keep_beating(self.config.heartbeat_file, lambda: self.is_ready() and not self.is_closed()),
                name="onrecord-heartbeat",
            )

    async def sync_dev_guild(self) -> None:
        """Sync the commands to the development guild (``ONRECORD_DEV_GUILD``); one WARNING line if Discord will not.

        Started in the background once connected, so a rate-limited or failing sync
        never keeps the bot offline.
        """
        guild = discord.Object(id=self.config.dev_guild or 0)
        self.tree.copy_global_to(guild=guild)
        try:
            synced = await self.tree.sync(guild=guild)
        except discord.RateLimited as error:
            log.warning(
                "commands not synced to the development guild %s: Discord rate-limited the sync for %.0f s; "
                "the commands it has stay in place (run `onrecord sync --guild %s` later)",
                self.config.dev_guild,
                error.retry_after,
                self.config.dev_guild,
            )
        except discord.HTTPException as error:
            log.warning(
                "commands not synced to the development guild %s: Discord answered %s %s (%s)",
                self.config.dev_guild,
                error.status,
                error.code,
                error.text,
            )
        else:
            log.info("synced %d commands to the development guild %s", len(synced), self.config.dev_guild)

    async def close(self) -> None:
        """Switch off live pagers, refuse new model work, close the connection, and stop discord.py's wait for guilds after READY.

        discord.py leaves that wait running when the bot closes within a few seconds of
        READY; when it ends it dispatches ``ready`` on a closed client and fails. A
        process that exits never sees this, but a loop that outlives the bot (a test, or
        anything that runs ``run_bot`` in-process) would log the failure.
        """
        ready = self._connection._ready_task
        if ready is not None:
            ready.cancel()
        self.closing = True
        self.model.close()
        for task in (self._dev_sync, self._heartbeat):
            if task is not None and not task.done():
                task.cancel()
        if not self.is_closed():
            notices = [Pager.switch_off_all(SHUTDOWN_NOTICES)]
            notices += [send_notice(interaction, RESTARTING) for interaction in self._deferred]
            self._deferred.clear()
            await asyncio.wait({asyncio.ensure_future(n) for n in notices}, timeout=SHUTDOWN_NOTICES)
        await super().close()

    async def on_ready(self) -> None:
        if self.serving and self.config.dev_guild and self._dev_sync is None:
            self._dev_sync = asyncio.create_task(self.sync_dev_guild(), name="onrecord-dev-sync")
        log.info(
            "connected as %s (id %s) in %d guilds", self.user, self.user.id if self.user else "?", len(self.guilds)
        )

    async def on_message(self, message: discord.Message) -> None:
        """Prefix commands are not used: mentions and answer channels are handled by the answers cog."""

    async def run_answering(self, func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run ``func`` (model work) on the bot's model threads with a timeout, so one slow question never stalls the others.

        Raises ModelBusy at once when the threads and their queue are full.
        """
        return await self.model.run(func, *args, **kwargs)

    async def answer_interaction(
        self, interaction: discord.Interaction, func: Callable[..., T], *args: Any, **kwargs: Any
    ) -> T:
        """Run ``func`` like ``run_answering``, acknowledging ``interaction`` in time.

        An interaction already ``TOO_OLD`` raises InteractionGone without running
        anything; a full queue raises ModelBusy before anything is sent (the error
        handler then answers with an ephemeral "busy"). A job that must wait for a
        thread is deferred at once, before it is queued; one that starts at once is
        deferred only if it is not done ``DEFER_AFTER`` s after the interaction was
        created, so quick answers (and quick errors, which must stay ephemeral) are the
        response itself. If Discord refuses the deferral (10062), the job is dropped
        and InteractionGone raised: nothing more is sent for it.
        """
        age = interaction_age(interaction)
        if age > TOO_OLD:
            raise InteractionGone(f"{age:.1f} s old on arrival")
        if self.model.admit():
            try:
                await self._defer(interaction)
            except BaseException:
                self.model.release()
                raise
        job = self.model.start(func, *args, admitted=True, **kwargs)
        try:
            if not await job.wait(DEFER_AFTER - interaction_age(interaction)):
                await self._defer(interaction)
        except BaseException:
            job.drop()
            raise
        try:
            return await job.result()
        finally:
            self._deferred.discard(interaction)

    async def _defer(self, interaction: discord.Interaction) -> None:
        if interaction.response.is_done():
            return
        try:
            await interaction.response.defer(thinking=True)
            self._deferred.add(interaction)  # told "restarting" if the bot stops before the answer is ready
        except discord.NotFound as error:
            if is_unknown_interaction(error):
                raise InteractionGone("Discord refused the deferral: 10062 Unknown interaction") from None
            raise

    async def autocomplete(
        self, func: Callable[..., list[tuple[str, str]]], *args: Any, **kwargs: Any
    ) -> list[app_commands.Choice[str]]:
        """Return autocomplete choices from ``func`` (run in a thread); nothing when it fails or is slow."""
        if self.answerer is None:
            return []
        try:
            pairs = await self.model.run(func, self.answerer, *args, timeout=AUTOCOMPLETE_TIMEOUT, **kwargs)
        except Exception as error:  # autocomplete has no way to show an error; an empty list is honest
            log.warning("autocomplete failed: %s", error)
            return []
        return [app_commands.Choice(name=name, value=value) for name, value in pairs[:25]]


def collection_of(guild: discord.abc.Snowflake | None) -> str | None:
    """Return the collection a server's questions are answered from: its id as text; None (global only) in DMs."""
    return str(guild.id) if guild is not None else None


def log_answered(guild: discord.abc.Snowflake | None, command: str, started: float) -> None:
    """Log one line per answered question: guild, command and latency (never the question's text at INFO)."""
    log.info(
        "answered guild=%s command=%s latency_ms=%.0f",
        guild.id if guild else "dm",
        command,
        (time.perf_counter() - started) * 1000,
    )
