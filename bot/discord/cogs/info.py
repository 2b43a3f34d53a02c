"""/speakers, /article and /help: what the knowledge base holds and how to ask."""

from __future__ import annotations

import time
from collections.abc import Callable

import discord
from discord import app_commands
from discord.ext import commands

from ... import replies
from ...render import Pages, Post
from ..bot import OnrecordBot, collection_of, log_answered
from ..sending import send_pages
from .choices import article_autocomplete


class Info(commands.Cog):
    """Who is quoted, which articles are known, and how to ask."""

    def __init__(self, bot: OnrecordBot) -> None:
        self.bot = bot

    @app_commands.command(name="speakers", description="Who is quoted, with role and number of quotations")
    @app_commands.describe(article="only this article")
    @app_commands.autocomplete(article=article_autocomplete)
    async def speakers(self, interaction: discord.Interaction, article: str | None = None) -> None:
        await self._answer(interaction, "speakers", replies.speakers_reply, article)

    @app_commands.command(name="article", description="The articles I know; with one, its summary and speakers")
    @app_commands.describe(article="one article (pick from the list)")
    @app_commands.autocomplete(article=article_autocomplete)
    async def article(self, interaction: discord.Interaction, article: str | None = None) -> None:
        await self._answer(interaction, "article", replies.article_reply, article)

    @app_commands.command(name="help", description="What onrecord does and how to ask")
    async def help(self, interaction: discord.Interaction) -> None:
        await send_pages(interaction, Pages((replies.help_reply(),)))

    async def _answer(
        self, interaction: discord.Interaction, command: str, reply: Callable[..., Post], article: str | None
    ) -> None:
        started = time.perf_counter()
        post = await self.bot.answer_interaction(
            interaction, reply, self.bot.answerer, article, collection=collection_of(interaction.guild)
        )
        await send_pages(interaction, Pages((post,)))
        log_answered(interaction.guild, command, started)


async def setup(bot: OnrecordBot) -> None:
    await bot.add_cog(Info(bot))
