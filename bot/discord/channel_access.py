"""Whether the bot may answer in a channel: its permissions there, and channels that refused it lately.

Every refused request (403) counts towards Cloudflare's limit on bad requests, so
a channel where the bot may not send is left alone: checked from the guild's
permissions before any work is done, and, when Discord refuses anyway (the
permissions changed since), remembered for ``REFUSED_FOR`` seconds with one
WARNING line.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

import discord

log = logging.getLogger(__name__)

REFUSED_FOR = 600.0  # seconds a channel that refused the bot is left alone


@dataclass(frozen=True)
class ReplyMode:
    """How the bot may answer in a channel: with embeds or as plain text; as a reply or as a plain message."""

    embeds: bool = True
    reference: bool = True


FULL_REPLY = ReplyMode()


class ChannelAccess:
    """Decides per message whether and how to answer, and remembers channels that refused the bot."""

    def __init__(self, refused_for: float = REFUSED_FOR) -> None:
        self.refused_for = refused_for
        self._refused_until: dict[int, float] = {}

    def reply_mode(self, message: discord.Message) -> ReplyMode | None:
        """Return how to answer ``message``, or None when the bot may not send in its channel.

        A direct message needs no check. In a guild, sending needs Send Messages (Send
        Messages in Threads in a thread); without Embed Links the answer is plain text,
        without Read Message History it is sent without a reply reference.
        """
        channel = message.channel
        if self.is_refused(channel.id):
            return None
        me = getattr(message.guild, "me", None)
        if me is None or not hasattr(channel, "permissions_for"):
            return FULL_REPLY
        permissions = channel.permissions_for(me)
        in_thread = isinstance(channel, discord.Thread)
        can_send = permissions.send_messages_in_threads if in_thread else permissions.send_messages
        if not (permissions.view_channel and can_send):
            self.refuse(channel.id, "its permissions do not let the bot send messages there")
            return None
        return ReplyMode(embeds=permissions.embed_links, reference=permissions.read_message_history)

    def is_refused(self, channel_id: int) -> bool:
        until = self._refused_until.get(channel_id)
        if until is None:
            return False
        if time.monotonic() < until:
            return True
        del self._refused_until[channel_id]
        return False

    def refuse(self, channel_id: int, why: str) -> None:
        """Leave ``channel_id`` alone for a while, with one WARNING line saying why and what to do."""
        self._refused_until[channel_id] = time.monotonic() + self.refused_for
        log.warning(
            "not answering in channel %s for %.0f min: %s (give the bot View Channel, Send Messages, "
            "Embed Links and Read Message History there)",
            channel_id,
            self.refused_for / 60,
            why,
        )
