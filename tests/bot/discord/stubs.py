"""Stand-ins for discord.py's Interaction and Message, and a bot over the fake answerer, for tests without a network."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import discord

from bot.discord.bot import OnrecordBot
from bot.discord.config import BotConfig
from bot.render import Pages
from tests.bot.fake_answerer import FakeAnswerer, passage

DEFERRED = discord.InteractionResponseType.deferred_channel_message


class StubResponse:
    def __init__(self) -> None:
        self.calls: list[tuple[str, dict]] = []
        self.type = None

    def is_done(self) -> bool:
        return self.type is not None

    async def send_message(self, content=None, **kwargs):
        self.type = discord.InteractionResponseType.channel_message
        self.calls.append(("send_message", {"content": content, **kwargs}))

    async def defer(self, **kwargs):
        self.type = DEFERRED
        self.calls.append(("defer", kwargs))

    async def edit_message(self, **kwargs):
        self.type = discord.InteractionResponseType.message_update
        self.calls.append(("edit_message", kwargs))


class StubInteraction:
    """Just enough of discord.Interaction for the bot's code paths."""

    def __init__(self, user_id: int = 1, client=None, *, age: float = 0.0) -> None:
        self.created_at = discord.utils.utcnow() - datetime.timedelta(seconds=age)
        self.id = discord.utils.time_snowflake(self.created_at)
        self.user = SimpleNamespace(id=user_id)
        self.response = StubResponse()
        self.followups: list[dict] = []
        self.followup = SimpleNamespace(send=self._followup)
        self.actions: list[tuple[str, dict]] = []
        self.command = SimpleNamespace(qualified_name="ask")
        self.guild = SimpleNamespace(id=555)
        self.client = client

    async def _followup(self, content=None, **kwargs):
        self.followups.append({"content": content, **kwargs})

    async def delete_original_response(self):
        self.actions.append(("delete_original", {}))

    async def edit_original_response(self, **kwargs):
        self.actions.append(("edit_original", kwargs))


def make_bot(**env: str) -> OnrecordBot:
    return OnrecordBot(BotConfig.from_env(env, dotenv=False), answerer=FakeAnswerer())


def many_pages(n: int = 7) -> Pages:
    from bot.render import answer_pages
    from retrieval import Answer

    return answer_pages(
        Answer("q", None, "said", False, None, answers=[passage(f"S{i}.", paragraphs=[i]) for i in range(n)])
    )


class StubMessage:
    def __init__(
        self,
        content: str,
        *,
        author_id: int = 5,
        mentions=(),
        channel_id: int = 10,
        bot: bool = False,
        dm: bool = False,
    ):
        self.content = content
        self.author = SimpleNamespace(id=author_id, bot=bot)
        self.mentions = list(mentions)
        self.channel = SimpleNamespace(id=channel_id, send=self._send)
        self.guild = None if dm else SimpleNamespace(id=555)
        self.replies: list[dict] = []

    def to_reference(self, *, fail_if_not_exists: bool = True):
        return SimpleNamespace(message_id=1, fail_if_not_exists=fail_if_not_exists)

    async def _send(self, content=None, **kwargs):
        self.replies.append({"content": content, **kwargs})
        return SimpleNamespace(id=1)
