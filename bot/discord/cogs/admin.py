"""/article-add and /article-remove: a server's moderators add articles to its own collection and remove them."""

from __future__ import annotations

import asyncio
import logging

import aiohttp
import discord
from discord import app_commands
from discord.ext import commands

from ... import replies
from ...errors import BadInput
from ...fetching import MAX_BYTES, fetch_article
from ...render import Pages, Post
from ..bot import OnrecordBot, collection_of, error_reply
from ..sending import send_notice, send_pages

log = logging.getLogger(__name__)

ADD_TIMEOUT = 120.0  # seconds reading and embedding one article may take on the model threads
# Articles are read and embedded one at a time, so adds never hold every model thread and the
# questions asked meanwhile still find one; at most this many more adds wait their turn.
WAITING_ADDS = 4
ADDS_BUSY = "Other articles are being added right now: please try again in a minute."
REFUSED = "Only members with the Manage Server permission can add or remove this server's articles."
GUILD_ONLY = "Articles are added and removed in a server, not in direct messages."


async def own_article_autocomplete(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    """Offer up to 25 of this server's own articles (title · date, valued by id) best matching what has been typed."""
    client = interaction.client
    return await client.autocomplete(  # type: ignore[attr-defined]
        replies.own_article_choices, current, collection=collection_of(interaction.guild)
    )


async def read_attachment(file: discord.Attachment) -> bytes:
    """Return the attached file's bytes from Discord's CDN; BadInput for one too large or that cannot be read.

    The size Discord reports is checked before anything is downloaded.
    """
    if file.size > MAX_BYTES:
        raise BadInput(f"{file.filename}: the file is too large (over {MAX_BYTES // 2**20} MB).")
    try:
        return await file.read()
    except (discord.HTTPException, aiohttp.ClientError, TimeoutError) as error:
        why = f"Discord answered {error.status}" if isinstance(error, discord.HTTPException) else type(error).__name__
        log.info("attachment not read: %s", why)
        raise BadInput(f"{file.filename}: could not read the attached file ({why}); attach it again.") from None


def may_manage(interaction: discord.Interaction) -> bool:
    """Whether the member may change the server's articles: Manage Server, checked here as well as by default permissions."""
    return interaction.guild is not None and bool(interaction.permissions.manage_guild)


class Admin(commands.Cog):
    """Adding and removing a server's own articles (Manage Server only)."""

    def __init__(self, bot: OnrecordBot) -> None:
        self.bot = bot
        self._adding = asyncio.Semaphore(1)
        self._adds_waiting = 0

    @app_commands.command(
        name="article-add", description="Add an article to this server (a .txt or .html file, or a URL)"
    )
    @app_commands.describe(file="the article as a .txt or .html file", url="the article's web address (http or https)")
    @app_commands.guild_only()
    @app_commands.default_permissions(manage_guild=True)
    async def article_add(
        self, interaction: discord.Interaction, file: discord.Attachment | None = None, url: str | None = None
    ) -> None:
        if not await self._allowed(interaction):
            return
        if (file is None) == (url is None or not url.strip()):
            await send_notice(interaction, "Give either a file or a url (one of them).")
            return
        try:
            await interaction.response.defer(ephemeral=True, thinking=True)
            if file is not None:
                filename, data, origin = file.filename, await read_attachment(file), None
            else:
                assert url is not None
                filename, data = await fetch_article(url.strip())
                origin = url.strip()
            article_id, post = await self._add_in_turn(filename, data, collection_of(interaction.guild), origin)
        except Exception as error:
            await send_notice(interaction, error_reply(error, "command=article-add"))
            return
        log.info("article added guild=%s user=%s article=%s", interaction.guild_id, interaction.user.id, article_id)
        await send_pages(interaction, Pages((post,)))

    @app_commands.command(name="article-remove", description="Remove one of this server's articles")
    @app_commands.describe(article="one of this server's articles (pick from the list)")
    @app_commands.autocomplete(article=own_article_autocomplete)
    @app_commands.guild_only()
    @app_commands.default_permissions(manage_guild=True)
    async def article_remove(self, interaction: discord.Interaction, article: str) -> None:
        if not await self._allowed(interaction):
            return
        try:
            removed = await self.bot.model.run(
                replies.remove_article, self.bot.answerer, article, collection=collection_of(interaction.guild)
            )
        except Exception as error:
            await send_notice(interaction, error_reply(error, "command=article-remove"))
            return
        log.info("article removed guild=%s user=%s article=%s", interaction.guild_id, interaction.user.id, removed)
        await send_notice(interaction, f"Removed the article `{removed}`: this server's answers no longer use it.")

    async def _add_in_turn(
        self, filename: str, data: bytes, collection: str | None, origin: str | None
    ) -> tuple[str, Post]:
        """Read and embed one article on a model thread once no other add is running; BadInput when too many wait."""
        if self._adding.locked() and self._adds_waiting >= WAITING_ADDS:
            raise BadInput(ADDS_BUSY)
        self._adds_waiting += 1
        try:
            await self._adding.acquire()
        finally:
            self._adds_waiting -= 1
        try:
            return await self.bot.model.run(
                replies.add_article,
                self.bot.answerer,
                filename,
                data,
                collection=collection,
                origin=origin,
                timeout=ADD_TIMEOUT,
            )
        finally:
            self._adding.release()

    async def _allowed(self, interaction: discord.Interaction) -> bool:
        if interaction.guild is None:
            await send_notice(interaction, GUILD_ONLY)
            return False
        if not may_manage(interaction):
            log.info(
                "article change refused guild=%s user=%s: no Manage Server", interaction.guild_id, interaction.user.id
            )
            await send_notice(interaction, REFUSED)
            return False
        return self.bot.answerer is not None


async def setup(bot: OnrecordBot) -> None:
    await bot.add_cog(Admin(bot))
