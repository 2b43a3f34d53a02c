"""The answers cog on messages: mentions, direct messages and answer channels, replies that ping nobody, the shared cooldown."""

from __future__ import annotations

from types import SimpleNamespace

from bot.discord.bot import OnrecordBot
from bot.discord.cogs.answers import Answers, question_in
from bot.discord.sending import Pager
from tests.bot.discord.stubs import StubMessage, make_bot

# -- mentions ------------------------------------------------------------------------------------


def test_the_mention_is_taken_out_of_the_question():
    assert question_in("<@99> what did Berg say?", 99) == "what did Berg say?"
    assert question_in("so <@!99>, who said it?", 99) == "so , who said it?"
    assert question_in("<@12> hi", 99) == "<@12> hi"


def mention_bot(**env: str) -> tuple[OnrecordBot, Answers]:
    bot = make_bot(**env)
    bot._connection.user = SimpleNamespace(id=99)
    return bot, Answers(bot)


async def test_a_mention_is_answered_as_a_reply_that_pings_nobody():
    bot, cog = mention_bot()
    message = StubMessage("<@99> what did Lopez say about @everyone?", mentions=[SimpleNamespace(id=99)])
    await cog.on_message(message)
    (reply,) = message.replies
    assert reply["reference"].fail_if_not_exists is False  # a deleted question still gets its answer
    assert reply["allowed_mentions"].to_dict()["parse"] == []
    assert not reply["allowed_mentions"].replied_user
    assert reply["embeds"][0].author.name == "Maria Lopez, harbour master"
    assert isinstance(reply["view"], Pager)  # four passages: two pages
    assert bot.answerer.calls[0][1] == "what did Lopez say about @everyone?"


async def test_messages_without_a_mention_or_from_bots_are_ignored():
    bot, cog = mention_bot()
    plain = StubMessage("what did Lopez say?")
    from_bot = StubMessage("<@99> hi?", mentions=[SimpleNamespace(id=99)], bot=True)
    await cog.on_message(plain)
    await cog.on_message(from_bot)
    assert plain.replies == [] and from_bot.replies == []


async def test_questions_in_answer_channels_need_no_mention():
    bot, cog = mention_bot(ONRECORD_ANSWER_CHANNELS="10")
    question = StubMessage("what did Berg say?", channel_id=10)
    chatter = StubMessage("nice weather", channel_id=10)
    elsewhere = StubMessage("what did Berg say?", channel_id=11)
    for message in (question, chatter, elsewhere):
        await cog.on_message(message)
    assert len(question.replies) == 1 and chatter.replies == [] and elsewhere.replies == []


async def test_direct_messages_are_answered_without_a_mention():
    bot, cog = mention_bot()
    message = StubMessage("what did Berg say", dm=True)
    await cog.on_message(message)
    assert message.replies[0]["embeds"][0].author.name.startswith("Maria Lopez")


async def test_a_bare_mention_gets_the_help_and_bad_input_a_short_reply():
    bot, cog = mention_bot()
    bare = StubMessage("<@99>", mentions=[SimpleNamespace(id=99)])
    await cog.on_message(bare)
    assert bare.replies[0]["embeds"][0].title == "onrecord"
    overlong = StubMessage("<@99> " + "why " * 300, mentions=[SimpleNamespace(id=99)])
    await cog.on_message(overlong)
    assert "keep it under" in overlong.replies[0]["content"]


async def test_mentions_share_the_cooldown():
    bot, cog = mention_bot(ONRECORD_COOLDOWN="1/60")
    first = StubMessage("<@99> one?", mentions=[SimpleNamespace(id=99)])
    second = StubMessage("<@99> two?", mentions=[SimpleNamespace(id=99)])
    await cog.on_message(first)
    await cog.on_message(second)
    assert "try again in" in second.replies[0]["content"]


async def test_a_user_over_the_cooldown_is_told_once_per_wait():
    bot, cog = mention_bot(ONRECORD_COOLDOWN="1/60")
    messages = [StubMessage(f"<@99> question {i}?", mentions=[SimpleNamespace(id=99)]) for i in range(4)]
    for message in messages:
        await cog.on_message(message)
    assert [len(m.replies) for m in messages] == [1, 1, 0, 0]
    assert "try again in" in messages[1].replies[0]["content"]


async def test_an_answer_channel_answers_at_most_its_cap_of_unmentioned_questions(monkeypatch):
    from bot.discord import bot as discord_bot

    monkeypatch.setattr(discord_bot, "CHANNEL_CAP", (2, 60.0))
    bot, cog = mention_bot(ONRECORD_ANSWER_CHANNELS="10", ONRECORD_COOLDOWN="off")
    questions = [StubMessage(f"what did Berg say {i}?", channel_id=10, author_id=i) for i in range(4)]
    for message in questions:
        await cog.on_message(message)
    assert [len(m.replies) for m in questions] == [1, 1, 0, 0]
    mentioned = StubMessage("<@99> what did Berg say?", mentions=[SimpleNamespace(id=99)], channel_id=10)
    await cog.on_message(mentioned)
    assert len(mentioned.replies) == 1  # a mention is always answered
