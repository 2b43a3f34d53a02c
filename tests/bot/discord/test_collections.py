"""Each server sees the global articles and its own: answers, autocomplete, /speakers and /article through the cogs."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from bot import replies
from bot.discord.bot import OnrecordBot
from bot.discord.cogs.answers import Answers
from bot.discord.cogs.choices import article_autocomplete, speaker_autocomplete
from bot.discord.cogs.info import Info
from bot.discord.config import BotConfig
from bot.errors import BadInput
from retrieval import Answerer
from retrieval.store import KnowledgeBase
from tests.bot.conftest import bundled_kb_copy
from tests.bot.discord.stubs import StubInteraction, StubMessage

HARBOUR = (
    "Council approves harbour rebuild\n\n"
    "The mayor, Ana Ortiz, said on Tuesday that the council had approved the plan to rebuild the harbour.\n\n"
    "“We will rebuild the harbour wall by spring, and the fishing fleet will be back in the water,” Ortiz said.\n"
)
QUESTION = "what did Ortiz say about the harbour wall?"


@pytest.fixture
def scoped_bot(tmp_path, embedder, bundled_kb_template):
    """A bot over a real knowledge base: the bundled article global, a harbour article in server 111's collection."""
    kb = KnowledgeBase.open(bundled_kb_copy(bundled_kb_template, tmp_path), embedder)
    kb.add_upload("harbour.txt", HARBOUR.encode(), collection="111")
    bot = OnrecordBot(BotConfig(), answerer=Answerer(kb, embedder))
    yield bot
    bot.model.close()
    kb.close()


def interaction_in(bot: OnrecordBot, guild_id: int | None) -> StubInteraction:
    interaction = StubInteraction(client=bot)
    interaction.guild = SimpleNamespace(id=guild_id) if guild_id is not None else None  # type: ignore[assignment]
    return interaction


def sent_text(interaction: StubInteraction) -> str:
    """Everything the interaction was answered with (content and embeds), as text."""
    calls = [kwargs for _, kwargs in interaction.response.calls] + interaction.followups
    parts = []
    for kwargs in calls:
        parts.append(str(kwargs.get("content") or ""))
        for embed in kwargs.get("embeds") or ([kwargs["embed"]] if kwargs.get("embed") else []):
            parts.append(str(embed.to_dict()))
    return "\n".join(parts)


async def test_a_server_is_answered_from_its_own_articles_and_the_global_ones_only(scoped_bot):
    cog = Answers(scoped_bot)
    home, other = interaction_in(scoped_bot, 111), interaction_in(scoped_bot, 222)
    await cog.ask.callback(cog, home, QUESTION)
    await cog.ask.callback(cog, other, QUESTION)
    assert "rebuild the harbour wall" in sent_text(home)
    assert "rebuild the harbour wall" not in sent_text(other)

    await cog.quote.callback(cog, home, "Ana Ortiz")
    assert "fishing fleet" in sent_text(home)
    elsewhere = interaction_in(scoped_bot, 222)
    await cog.quote.callback(cog, elsewhere, "Ana Ortiz")
    assert "fishing fleet" not in sent_text(elsewhere)


async def test_a_mention_is_answered_from_its_servers_articles_and_a_direct_message_from_the_global_ones(
    scoped_bot,
):
    scoped_bot._connection.user = SimpleNamespace(id=99)
    cog = Answers(scoped_bot)
    home = StubMessage(f"<@99> {QUESTION}", mentions=[SimpleNamespace(id=99)])
    home.guild = SimpleNamespace(id=111)
    direct = StubMessage(QUESTION, dm=True)
    await cog.on_message(home)
    await cog.on_message(direct)
    assert "rebuild the harbour wall" in str(home.replies[0]["embeds"][0].to_dict())
    assert "rebuild the harbour wall" not in str(direct.replies[0])


async def test_autocomplete_offers_a_servers_own_speakers_and_articles_only_there(scoped_bot):
    home, other = interaction_in(scoped_bot, 111), interaction_in(scoped_bot, 222)
    assert "Ana Ortiz" in [c.value for c in await speaker_autocomplete(home, "Ortiz")]  # type: ignore[arg-type]
    assert "Ana Ortiz" not in [c.value for c in await speaker_autocomplete(other, "Ortiz")]  # type: ignore[arg-type]
    home_articles = [c.value for c in await article_autocomplete(home, "")]  # type: ignore[arg-type]
    other_articles = [c.value for c in await article_autocomplete(other, "")]  # type: ignore[arg-type]
    assert "harbour" in home_articles and len(home_articles) == 2
    assert "harbour" not in other_articles and len(other_articles) == 1


async def test_speakers_and_article_list_a_servers_own_articles_only_there(scoped_bot):
    cog = Info(scoped_bot)
    for command in (cog.speakers, cog.article):
        home, other = interaction_in(scoped_bot, 111), interaction_in(scoped_bot, 222)
        await command.callback(cog, home)
        await command.callback(cog, other)
        assert "Ortiz" in sent_text(home) or "harbour" in sent_text(home).casefold()
        assert "Ortiz" not in sent_text(other) and "harbour rebuild" not in sent_text(other)


def test_the_harness_without_a_server_sees_the_global_articles_only(scoped_bot):
    answerer = scoped_bot.answerer
    assert [a.id for a in answerer.articles()] == [a.id for a in answerer.articles(collection=None)]
    assert "harbour" not in [a.id for a in answerer.articles()]
    assert "Ana Ortiz" in str(replies.article_reply(answerer, "harbour", collection="111"))
    with pytest.raises(BadInput):
        replies.article_reply(answerer, "harbour")
