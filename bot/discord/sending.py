"""Sends posts to Discord: their cards as embeds, Back/More buttons that only the asker can press, ephemeral notices."""

from __future__ import annotations

import asyncio
import logging
import re
import weakref

import discord

from ..render import Pages, Post, notice_post, shorten
from .channel_access import FULL_REPLY, ReplyMode

log = logging.getLogger(__name__)

# The colour down an embed's side for each tone of card.
_COLOURS = {"quote": 0x2B6CB0, "passage": 0x718096, "notice": 0xC05621, "info": 0x2F855A}

NO_MENTIONS = discord.AllowedMentions.none()
# Seconds a pager works, counted from its first response and never extended by presses: an
# interaction token lasts 15 minutes, after which its buttons could no longer even be disabled.
PAGER_TIMEOUT = 600.0
NOT_YOURS = "Only the person who asked can page through these answers: ask your own with /ask."


# <@id>, <@!id>, <@&id> and <#id> show as clickable pills and @everyone/@here look like pings,
# even where allowed_mentions keeps them silent. Their @ or # becomes its full-width twin (＠, ＃):
# still readable as typed, and the same length, so a post within Discord's limits stays within them.
_MENTION = re.compile(r"(?<=<)[@#](?=[!&]?\d+>)|@(?=everyone|here)")
_FULL_WIDTH = {"@": "\uff20", "#": "\uff03"}


def neutralise_mentions(text: str) -> str:
    """Return ``text`` with mention syntax (users, roles, channels, @everyone, @here) shown as typed, never as a mention."""
    return _MENTION.sub(lambda m: _FULL_WIDTH[m.group(0)], text)


def _clean(text: str | None) -> str | None:
    return None if text is None else neutralise_mentions(text)


def to_embeds(post: Post) -> list[discord.Embed]:
    """Return the post's cards as ``discord.Embed`` objects (the post is already within limits).

    Text is passed through ``neutralise_mentions``: a person's words echoed back (a
    question with no answer) must not show as mentions in a public message.
    """
    embeds = []
    for card in post.cards:
        embed = discord.Embed(
            title=_clean(card.title), description=_clean(card.body) or None, colour=_COLOURS[card.tone]
        )
        if card.author:
            embed.set_author(name=neutralise_mentions(card.author))
        for f in card.fields:
            embed.add_field(name=neutralise_mentions(f.name), value=neutralise_mentions(f.value), inline=False)
        if card.footer:
            embed.set_footer(text=neutralise_mentions(card.footer))
        embeds.append(embed)
    return embeds


def post_text(post: Post) -> str:
    """Return the post as one plain message (for a channel where the bot may not embed), within 2,000 characters."""
    parts = [post.content] if post.content else []
    for card in post.cards:
        lines = [f"**{line}**" for line in (card.author, card.title) if line]
        lines += [f"> {line}" if line else ">" for line in card.body.splitlines()] if card.body else []
        lines += [f"**{f.name}**: {f.value}" for f in card.fields]
        if card.footer:
            lines.append(f"-# {card.footer}")
        parts.append("\n".join(lines))
    return neutralise_mentions(shorten("\n\n".join(parts), 2000))


class Pager(discord.ui.View):
    """Back/More buttons over the pages of one reply.

    Only ``owner_id`` may press them; anyone else gets an ephemeral note. ``timeout``
    seconds after the first response (``start_clock``), whatever was pressed since,
    or when the bot shuts down (``switch_off_all``), the buttons are disabled in
    place (through the original interaction, or by editing the message for a reply
    to a mention). discord.py's own view timeout is not used: every press restarts it.
    """

    live: weakref.WeakSet[Pager] = weakref.WeakSet()

    def __init__(self, pages: Pages, owner_id: int, *, timeout: float = PAGER_TIMEOUT, embeds: bool = True) -> None:
        super().__init__(timeout=None)
        self.lifetime = timeout
        self._clock: asyncio.TimerHandle | None = None
        self._switched_off = False
        self.pages = pages
        self.embeds = embeds
        self.owner_id = owner_id
        self.page = 0
        self.origin: discord.Interaction | None = None
        self.message: discord.Message | None = None
        self._sync_buttons()

    def _sync_buttons(self) -> None:
        self.back.disabled = self.page == 0
        self.more.disabled = self.page >= len(self.pages) - 1
        self.more.label = f"More ({self.page + 1}/{len(self.pages)})"

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id == self.owner_id:
            return True
        await interaction.response.send_message(NOT_YOURS, ephemeral=True, allowed_mentions=NO_MENTIONS)
        return False

    async def _show(self, interaction: discord.Interaction, page: int) -> None:
        self.page = max(0, min(page, len(self.pages) - 1))
        self._sync_buttons()
        await interaction.response.edit_message(**_message_kwargs(self.pages[self.page], self, embeds=self.embeds))

    @discord.ui.button(label="Back", style=discord.ButtonStyle.secondary)
    async def back(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await self._show(interaction, self.page - 1)

    @discord.ui.button(label="More", style=discord.ButtonStyle.primary)
    async def more(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await self._show(interaction, self.page + 1)

    def start_clock(self) -> None:
        """Switch the buttons off ``lifetime`` seconds from now (call once the first response is out)."""
        Pager.live.add(self)
        self._clock = asyncio.get_running_loop().call_later(self.lifetime, self._time_up)

    def _time_up(self) -> None:
        self._task = asyncio.ensure_future(self.on_timeout())

    @classmethod
    async def switch_off_all(cls, timeout: float = 2.0) -> None:
        """Disable every live pager's buttons (at shutdown), waiting at most ``timeout`` seconds in all."""
        pagers = list(cls.live)
        if pagers:
            await asyncio.wait({asyncio.ensure_future(p.on_timeout()) for p in pagers}, timeout=timeout)

    async def on_timeout(self) -> None:
        """Disable the buttons in place, once; the view stops listening."""
        if self._switched_off:
            return
        self._switched_off = True
        Pager.live.discard(self)
        if self._clock is not None:
            self._clock.cancel()
        self.stop()
        for item in self.children:
            if isinstance(item, discord.ui.Button):
                item.disabled = True
        try:
            if self.message is not None:
                await self.message.edit(view=self, allowed_mentions=NO_MENTIONS)
            elif self.origin is not None:
                await self.origin.edit_original_response(view=self, allowed_mentions=NO_MENTIONS)
        except (discord.HTTPException, discord.ClientException, RuntimeError) as error:  # gone, or shutting down
            log.debug("could not disable expired buttons: %s", error)


def _message_kwargs(post: Post, view: discord.ui.View | None, *, embeds: bool = True) -> dict:
    if embeds:
        kwargs: dict = {"content": _clean(post.content), "embeds": to_embeds(post), "allowed_mentions": NO_MENTIONS}
    else:
        kwargs = {"content": post_text(post), "embeds": [], "allowed_mentions": NO_MENTIONS}
    if view is not None:
        kwargs["view"] = view
    return kwargs


async def send_pages(interaction: discord.Interaction, pages: Pages) -> None:
    """Answer an interaction with the first page (as a follow-up when it was deferred), with a pager if needed."""
    post = pages[0]
    view = Pager(pages, interaction.user.id) if len(pages) > 1 else None
    kwargs = _message_kwargs(post, view)
    if interaction.response.is_done():
        await interaction.followup.send(wait=True, ephemeral=post.ephemeral, **kwargs)
    else:
        await interaction.response.send_message(ephemeral=post.ephemeral, **kwargs)
    if view is not None:
        view.origin = interaction
        view.start_clock()


def _reference(message: discord.Message, mode: ReplyMode) -> dict:
    # A question deleted while it was being answered still gets its answer, just not as a reply.
    return {"reference": message.to_reference(fail_if_not_exists=False)} if mode.reference else {}


async def reply_pages(message: discord.Message, pages: Pages, mode: ReplyMode = FULL_REPLY) -> discord.Message:
    """Reply to a message with the first page (never pinging its author), with a pager if needed.

    ``mode`` says whether embeds are allowed in the channel (else plain text) and
    whether the answer may be a reply.
    """
    post = pages[0]
    view = Pager(pages, message.author.id, embeds=mode.embeds) if len(pages) > 1 else None
    kwargs = _message_kwargs(post, view, embeds=mode.embeds)
    if not mode.embeds:
        kwargs.pop("embeds")
    sent = await message.channel.send(**kwargs, **_reference(message, mode))
    if view is not None:
        view.message = sent
        view.start_clock()
    return sent


async def reply_notice(message: discord.Message, text: str, mode: ReplyMode = FULL_REPLY) -> None:
    """Reply to a message with a short note (an error, a cooldown), never pinging its author."""
    content = neutralise_mentions(notice_post(text).content or "")
    await message.channel.send(content, allowed_mentions=NO_MENTIONS, **_reference(message, mode))


async def send_notice(interaction: discord.Interaction, message: str) -> None:
    """Tell only the person who asked (an error, a hint, a cooldown), whatever state the interaction is in.

    After a deferral the "thinking…" message is public, so it is deleted and the
    notice sent as an ephemeral follow-up instead.
    """
    text = neutralise_mentions(notice_post(message).content or "")
    try:
        if not interaction.response.is_done():
            await interaction.response.send_message(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
            return
        if interaction.response.type == discord.InteractionResponseType.deferred_channel_message:
            try:
                await interaction.delete_original_response()
            except discord.HTTPException as error:
                log.debug("could not delete the deferred response: %s", error)
        await interaction.followup.send(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
    except discord.HTTPException as error:
        log.warning("could not tell the user about an error: %s", error)
