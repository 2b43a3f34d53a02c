"""The bot object without a network: intents, cogs, autocomplete, the cooldown, deferral, and the one error reply."""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from types import SimpleNamespace

import discord
import pytest
from discord import app_commands
from discord.ext.commands import Cooldown, CooldownMapping

from bot import replies
from bot.discord import bot as discord_bot
from bot.discord.bot import OnrecordBot
from bot.discord.config import BotConfig
from bot.discord.model_work import ModelBusy
from bot.discord.sending import send_pages
from bot.errors import BadInput
from tests.bot.discord.stubs import StubInteraction, make_bot, many_pages
from tests.bot.fake_answerer import FakeAnswerer

# -- the bot object ------------------------------------------------------------------------------


def test_intents_are_unprivileged_by_default_and_mentions_are_off():
    bot = make_bot()
    assert bot.intents.guilds and bot.intents.guild_messages and bot.intents.dm_messages
    assert not bot.intents.message_content and not bot.intents.members and not bot.intents.presences
    allowed = bot.allowed_mentions.to_dict()
    assert allowed["parse"] == [] and not allowed.get("replied_user")


def test_answer_channels_ask_for_the_message_content_intent():
    assert make_bot(ONRECORD_ANSWER_CHANNELS="123").intents.message_content


async def test_cogs_register_the_seven_commands_with_autocomplete():
    bot = make_bot()
    for name in discord_bot.COGS:
        await bot.load_extension(name)
    commands = {c.name: c for c in bot.tree.get_commands()}
    assert set(commands) == {"ask", "quote", "speakers", "article", "help", "article-add", "article-remove"}
    ask = {p.name: p for p in commands["ask"].parameters}
    assert ask["question"].required and not ask["article"].required
    assert ask["article"].autocomplete
    quote = {p.name: p for p in commands["quote"].parameters}
    assert quote["speaker"].required and quote["speaker"].autocomplete and not quote["topic"].required
    for command in commands.values():
        payload = command.to_dict(bot.tree)
        assert 1 <= len(payload["description"]) <= 100
        for option in payload.get("options", []):
            assert 1 <= len(option["description"]) <= 100
    for name in ("article-add", "article-remove"):
        payload = commands[name].to_dict(bot.tree)
        assert int(payload["default_member_permissions"]) == discord.Permissions(manage_guild=True).value
        assert payload["contexts"] == [0]  # servers only


async def test_autocomplete_offers_at_most_25_choices_within_100_characters():
    class ManySpeakers(FakeAnswerer):
        def find_speakers(self, text, limit=25, **scope):
            return [f"Speaker {i} " + "x" * 200 for i in range(40)][:limit]

    bot = OnrecordBot(BotConfig(), answerer=ManySpeakers())
    choices = await bot.autocomplete(replies.speaker_choices, "sp")
    assert len(choices) == 25
    assert all(len(c.name) <= 100 and len(c.value) <= 100 for c in choices)


async def test_autocomplete_failure_gives_an_empty_list():
    class Broken(FakeAnswerer):
        def find_articles(self, text, limit=25, **scope):
            raise RuntimeError("index not ready")

    bot = OnrecordBot(BotConfig(), answerer=Broken())
    assert await bot.autocomplete(replies.article_choices, "h") == []


def test_cooldown_allows_rate_per_window_then_says_how_long_to_wait():
    bot = make_bot(ONRECORD_COOLDOWN="2/10")

    def hit(user_id: int, now: float) -> float | None:
        return bot.question_bucket(SimpleNamespace(id=user_id), now).update_rate_limit(now)

    # discord.py reads a time of 0 as "now", so the clock here starts at 100 s.
    assert hit(1, now=100.0) is None
    assert hit(1, now=101.0) is None
    assert hit(1, now=102.0) == pytest.approx(8.0)
    assert hit(2, now=102.0) is None  # per user
    assert hit(1, now=110.5) is None
    assert make_bot(ONRECORD_COOLDOWN="off").question_bucket(SimpleNamespace(id=1)) is None


def test_the_cooldown_is_discord_pys_own_mapping_keyed_by_user():
    bot = make_bot(ONRECORD_COOLDOWN="3/30")
    assert isinstance(bot.cooldown, CooldownMapping)
    bucket = bot.question_bucket(SimpleNamespace(id=7))
    assert (bucket.rate, bucket.per) == (3, 30.0)
    assert bucket.update_rate_limit() is None
    assert bot.question_bucket(SimpleNamespace(id=7)) is bucket  # the same person, the same allowance


# -- answering an interaction --------------------------------------------------------------------


async def test_a_quick_answer_is_sent_as_the_response_without_deferring():
    bot = make_bot()
    interaction = StubInteraction()
    result = await bot.answer_interaction(interaction, lambda: "done")
    assert result == "done"
    assert interaction.response.calls == []


async def test_a_slow_answer_is_deferred_then_followed_up(monkeypatch):
    monkeypatch.setattr(discord_bot, "DEFER_AFTER", 0.05)
    bot = make_bot()
    interaction = StubInteraction()
    result = await bot.answer_interaction(interaction, lambda: time.sleep(0.3) or "late")
    assert result == "late"
    assert interaction.response.calls == [("defer", {"thinking": True})]
    await send_pages(interaction, many_pages(2))
    assert len(interaction.followups) == 1
    assert interaction.followups[0]["allowed_mentions"].to_dict()["parse"] == []


async def test_model_work_runs_off_the_event_loop_with_a_timeout(monkeypatch):
    monkeypatch.setattr(discord_bot, "ANSWER_TIMEOUT", 0.1)
    bot = make_bot()
    ticks = 0

    async def ticker():
        nonlocal ticks
        while True:
            ticks += 1
            await asyncio.sleep(0.01)

    task = asyncio.create_task(ticker())
    with pytest.raises(asyncio.TimeoutError):
        await bot.run_answering(time.sleep, 0.5)
    task.cancel()
    assert ticks >= 5  # the loop kept running while the thread slept


# -- the error handler ---------------------------------------------------------------------------


async def run_on_error(error: Exception, interaction: StubInteraction | None = None) -> StubInteraction:
    interaction = interaction or StubInteraction()
    tree = make_bot().tree
    await tree.on_error(interaction, error)
    return interaction


def invoke_error(original: Exception) -> app_commands.CommandInvokeError:
    return app_commands.CommandInvokeError(SimpleNamespace(name="ask", qualified_name="ask"), original)


async def test_bad_input_gets_a_helpful_ephemeral_reply(caplog):
    with caplog.at_level(logging.INFO):
        interaction = await run_on_error(invoke_error(BadInput("Ask a question, for example: ...")))
    ((name, kwargs),) = interaction.response.calls
    assert kwargs["ephemeral"] is True and kwargs["content"] == "Ask a question, for example: ..."
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_retrieval_errors_reach_the_user_as_their_one_line():
    from retrieval import RetrievalError

    interaction = await run_on_error(invoke_error(RetrievalError("no article 'x' in the knowledge base")))
    assert interaction.response.calls[0][1]["content"] == "no article 'x' in the knowledge base"


async def test_an_unexpected_error_is_logged_with_traceback_and_the_user_gets_a_short_note(caplog):
    try:
        raise KeyError("internal detail")
    except KeyError as error:
        wrapped = invoke_error(error)
    with caplog.at_level(logging.ERROR):
        interaction = await run_on_error(wrapped)
    content = interaction.response.calls[0][1]["content"]
    assert "Something went wrong" in content and "internal detail" not in content
    assert interaction.response.calls[0][1]["ephemeral"] is True
    (record,) = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert record.exc_info and record.exc_info[0] is KeyError


async def test_cooldown_reply_says_when_to_try_again():
    interaction = await run_on_error(app_commands.CommandOnCooldown(Cooldown(1, 60.0), 7.2))
    content = interaction.response.calls[0][1]["content"]
    assert "try again in 8 s" in content and "<t:" in content
    assert interaction.response.calls[0][1]["ephemeral"] is True


async def test_an_error_after_deferring_replaces_the_public_thinking_message_with_an_ephemeral_note():
    interaction = StubInteraction()
    await interaction.response.defer(thinking=True)
    await run_on_error(invoke_error(TimeoutError()), interaction)
    assert interaction.actions == [("delete_original", {})]
    (followup,) = interaction.followups
    assert followup["ephemeral"] is True and "took too long" in followup["content"]


async def test_check_cooldown_raises_when_over_the_limit():
    bot = make_bot(ONRECORD_COOLDOWN="1/60")
    interaction = StubInteraction(client=bot)
    assert discord_bot.check_cooldown(interaction)
    with pytest.raises(app_commands.CommandOnCooldown):
        discord_bot.check_cooldown(interaction)


# -- the acknowledgement deadline ------------------------------------------------------------------


def unknown_interaction() -> discord.NotFound:
    return discord.NotFound(
        SimpleNamespace(status=404, reason="Not Found"), {"code": 10062, "message": "Unknown interaction"}
    )


async def test_an_interaction_too_old_to_acknowledge_is_dropped_without_running_the_model():
    bot = make_bot()
    calls = []
    with pytest.raises(discord_bot.InteractionGone):
        await bot.answer_interaction(StubInteraction(age=2.8), lambda: calls.append(1))
    assert calls == []


async def test_a_question_that_must_wait_for_a_thread_is_deferred_at_once():
    bot = make_bot(ONRECORD_MODEL_THREADS="1")
    release = threading.Event()
    try:
        hog = bot.model.start(release.wait, 10)
        interaction = StubInteraction()
        task = asyncio.create_task(bot.answer_interaction(interaction, lambda: "answer"))
        for _ in range(100):
            if interaction.response.calls:
                break
            await asyncio.sleep(0.005)
        assert interaction.response.calls == [("defer", {"thinking": True})]  # long before DEFER_AFTER
        release.set()
        assert await task == "answer"
        await hog.result()
    finally:
        release.set()
        bot.model.close()


async def test_a_full_queue_is_refused_before_anything_is_sent():
    bot = make_bot(ONRECORD_MODEL_THREADS="1", ONRECORD_MODEL_QUEUE="0")
    release = threading.Event()
    try:
        hog = bot.model.start(release.wait, 10)
        interaction = StubInteraction()
        with pytest.raises(ModelBusy):
            await bot.answer_interaction(interaction, lambda: "answer")
        assert interaction.response.calls == []
        await bot.tree.on_error(interaction, invoke_error(ModelBusy("full")))
        ((name, kwargs),) = interaction.response.calls
        assert kwargs["ephemeral"] is True and "try again in a moment" in kwargs["content"]
        release.set()
        await hog.result()
    finally:
        release.set()
        bot.model.close()


async def test_a_refused_deferral_stops_the_work_logs_one_line_and_sends_nothing_more(caplog, monkeypatch):
    monkeypatch.setattr(discord_bot, "DEFER_AFTER", 0.05)
    bot = make_bot(ONRECORD_MODEL_THREADS="1")
    interaction = StubInteraction()

    async def refused(**kwargs):
        raise unknown_interaction()

    interaction.response.defer = refused
    release = threading.Event()
    try:
        with pytest.raises(discord_bot.InteractionGone) as raised:
            await bot.answer_interaction(interaction, release.wait, 10)
        assert bot.model.admitted == 0
        with caplog.at_level(logging.DEBUG):
            await bot.tree.on_error(interaction, invoke_error(raised.value))
            await bot.tree.on_error(interaction, invoke_error(unknown_interaction()))
    finally:
        release.set()
        bot.model.close()
    assert interaction.response.calls == [] and interaction.followups == []
    lines = [r for r in caplog.records if r.name.startswith("bot")]
    assert len(lines) == 2 and all(r.exc_info is None and "expired" in r.getMessage() for r in lines)
