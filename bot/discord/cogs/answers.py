"""/ask, /quote, and answers to messages that mention the bot (or questions in answer channels)."""

from __future__ import annotations

import logging
import re
import time

import discord
from discord import app_commands
from discord.ext import commands

from ... import replies
from ..bot import OnrecordBot, check_cooldown, collection_of, cooldown_message, error_reply, log_answered
from ..channel_access import ReplyMode
from ..sending import reply_notice, reply_pages, send_pages
from .choices import article_autocomplete, speaker_autocomplete

log = logging.getLogger(__name__)


def question_in(message_text: str, bot_id: int) -> str:
    """Return the text of a message with the bot's mention(s) taken out."""
    return " ".join(re.sub(rf"<@!?{bot_id}>", " ", message_text).split())


class Answers(commands.Cog):
    """Answers questions with verbatim, attributed passages."""

    def __init__(self, bot: OnrecordBot) -> None:
        self.bot = bot

    @app_commands.command(name="ask", description="Ask what was said: answered with verbatim quotations")
    @app_commands.describe(
        question="e.g. what did the defence secretary say about talks?",
        article="only look in this article",
    )
    @app_commands.autocomplete(article=article_autocomplete)
    @app_commands.check(check_cooldown)
    async def ask(self, interaction: discord.Interaction, question: str, article: str | None = None) -> None:
        started = time.perf_counter()
        pages = await self.bot.answer_interaction(
            interaction,
            replies.ask_pages,
            self.bot.answerer,
            question,
            article=article,
            collection=collection_of(interaction.guild),
        )
        await send_pages(interaction, pages)
        log_answered(interaction.guild, "ask", started)

    @app_commands.command(name="quote", description="What one person said, verbatim")
    @app_commands.describe(
        speaker="who (pick from the list; surnames and roles match too)",
        topic="rank their quotations by this topic (default: article order)",
        article="only look in this article",
    )
    @app_commands.autocomplete(speaker=speaker_autocomplete, article=article_autocomplete)
    @app_commands.check(check_cooldown)
    async def quote(
        self, interaction: discord.Interaction, speaker: str, topic: str | None = None, article: str | None = None
    ) -> None:
        started = time.perf_counter()
        pages = await self.bot.answer_interaction(
            interaction,
            replies.quote_pages,
            self.bot.answerer,
            speaker,
            topic=topic,
            article=article,
            collection=collection_of(interaction.guild),
        )
        await send_pages(interaction, pages)
        log_answered(interaction.guild, "quote", started)

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        """Answer a message that mentions the bot, a direct message, or a question in an answer channel, as a reply."""
        me = self.bot.user
        if me is None or message.author.bot or self.bot.answerer is None:
            return
        mentioned = any(user.id == me.id for user in message.mentions) and re.search(rf"<@!?{me.id}>", message.content)
        in_channel = message.channel.id in self.bot.config.answer_channels and message.content.rstrip().endswith("?")
        direct = message.guild is None  # a direct message is always meant for the bot (and carries its content)
        if not (mentioned or in_channel or direct):
            return
        if in_channel and not (mentioned or direct):
            bucket = self.bot.channel_cap.get_bucket(message)
            if bucket is not None and bucket.update_rate_limit():
                return  # the channel's share is used up: unmentioned questions wait, with no notice to spam it
        mode = self.bot.channel_access.reply_mode(message)
        if mode is None:  # the bot may not answer there: no model work, no request bound to fail
            return
        started = time.perf_counter()
        text = question_in(message.content, me.id)
        try:
            if not text:
                pages = replies.Pages((replies.help_reply(),))
            else:
                bucket = self.bot.question_bucket(message.author)
                retry_after = bucket.update_rate_limit() if bucket else None
                if retry_after:
                    if self.bot.first_cooldown_notice(message.author, retry_after):
                        await self._send(message, mode, cooldown_message(retry_after))
                    return
                pages = await self.bot.run_answering(
                    replies.ask_pages, self.bot.answerer, text, collection=collection_of(message.guild)
                )
        except Exception as error:
            await self._send(message, mode, error_reply(error, "message"))
            return
        if await self._send(message, mode, pages):
            log_answered(message.guild, "mention" if mentioned else "dm" if direct else "channel", started)

    async def _send(self, message: discord.Message, mode: ReplyMode, what: replies.Pages | str) -> bool:
        """Send an answer (pages) or a note (text) in reply to ``message``; return whether Discord took it.

        A 403 puts the channel aside for a while (one WARNING line); any other refusal
        is one WARNING line too. Neither is worth a traceback: the bot is fine.
        """
        if self.bot.channel_access.is_refused(message.channel.id):  # refused while this answer was worked out
            return False
        try:
            if isinstance(what, str):
                await reply_notice(message, what, mode)
            else:
                await reply_pages(message, what, mode)
            return True
        except discord.Forbidden as error:
            self.bot.channel_access.refuse(
                message.channel.id, f"Discord refused to post there ({error.status} {error.code})"
            )
        except discord.HTTPException as error:
            log.warning("could not reply in channel %s: %s %s", message.channel.id, error.status, error.code)
        return False


async def setup(bot: OnrecordBot) -> None:
    await bot.add_cog(Answers(bot))
