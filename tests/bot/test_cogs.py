"""The bot's Discord logic without a network: commands, errors, deferral, cooldown, paging, mentions, start-up."""

from __future__ import annotations

import asyncio
import logging
import time
from types import SimpleNamespace

import discord
import pytest
from discord import app_commands

from bot import discord_bot, replies
from bot.cogs.answers import Answers, question_in
from bot.config import BotConfig
from bot.discord_bot import (
    INTENT_REFUSED,
    TOKEN_MISSING,
    TOKEN_REJECTED,
    AskingTooFast,
    OnrecordBot,
    UserCooldown,
    discord_endpoints,
    explain_start_error,
    run_bot,
)
from bot.discord_reply import NOT_YOURS, Pager, send_notice, send_pages
from bot.render import Pages, notice_post
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

    def __init__(self, user_id: int = 1, client=None) -> None:
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

    return answer_pages(Answer("q", None, "said", False, None, answers=[passage(f"S{i}.", paragraphs=[i]) for i in range(n)]))


# -- the bot object ------------------------------------------------------------------------------


def test_intents_are_unprivileged_by_default_and_mentions_are_off():
    bot = make_bot()
    assert bot.intents.guilds and bot.intents.guild_messages and bot.intents.dm_messages
    assert not bot.intents.message_content and not bot.intents.members and not bot.intents.presences
    allowed = bot.allowed_mentions.to_dict()
    assert allowed["parse"] == [] and not allowed.get("replied_user")


def test_answer_channels_ask_for_the_message_content_intent():
    assert make_bot(ONRECORD_ANSWER_CHANNELS="123").intents.message_content


async def test_cogs_register_the_five_commands_with_autocomplete():
    bot = make_bot()
    for name in discord_bot.COGS:
        await bot.load_extension(name)
    commands = {c.name: c for c in bot.tree.get_commands()}
    assert set(commands) == {"ask", "quote", "speakers", "article", "help"}
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


async def test_autocomplete_offers_at_most_25_choices_within_100_characters():
    class ManySpeakers(FakeAnswerer):
        def find_speakers(self, text, limit=25):
            return [f"Speaker {i} " + "x" * 200 for i in range(40)][:limit]

    bot = OnrecordBot(BotConfig(), answerer=ManySpeakers())
    choices = await bot.autocomplete(replies.speaker_choices, "sp")
    assert len(choices) == 25
    assert all(len(c.name) <= 100 and len(c.value) <= 100 for c in choices)


async def test_autocomplete_failure_gives_an_empty_list():
    class Broken(FakeAnswerer):
        def find_articles(self, text, limit=25):
            raise RuntimeError("index not ready")

    bot = OnrecordBot(BotConfig(), answerer=Broken())
    assert await bot.autocomplete(replies.article_choices, "h") == []


def test_cooldown_allows_rate_per_window_then_says_how_long_to_wait():
    cooldown = UserCooldown((2, 10.0))
    assert cooldown.hit(1, now=0.0) is None
    assert cooldown.hit(1, now=1.0) is None
    assert cooldown.hit(1, now=2.0) == pytest.approx(8.0)
    assert cooldown.hit(2, now=2.0) is None  # per user
    assert cooldown.hit(1, now=10.5) is None
    assert UserCooldown(None).hit(1) is None


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


async def test_send_pages_attaches_a_pager_only_when_there_is_more():
    one = StubInteraction()
    await send_pages(one, many_pages(2))
    (name, kwargs), = one.response.calls
    assert name == "send_message" and "view" not in kwargs
    assert len(kwargs["embeds"]) == 2 and kwargs["allowed_mentions"].to_dict()["parse"] == []
    several = StubInteraction()
    await send_pages(several, many_pages(7))
    view = several.response.calls[0][1]["view"]
    assert isinstance(view, Pager) and len(view.pages) == 3 and view.origin is several


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
        interaction = await run_on_error(invoke_error(replies.BadInput("Ask a question, for example: ...")))
    (name, kwargs), = interaction.response.calls
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
    interaction = await run_on_error(AskingTooFast(7.2))
    content = interaction.response.calls[0][1]["content"]
    assert "try again in 8 s" in content and "<t:" in content
    assert interaction.response.calls[0][1]["ephemeral"] is True


async def test_an_error_after_deferring_replaces_the_public_thinking_message_with_an_ephemeral_note():
    interaction = StubInteraction()
    await interaction.response.defer(thinking=True)
    await run_on_error(invoke_error(asyncio.TimeoutError()), interaction)
    assert interaction.actions == [("delete_original", {})]
    (followup,) = interaction.followups
    assert followup["ephemeral"] is True and "took too long" in followup["content"]


async def test_check_cooldown_raises_when_over_the_limit():
    bot = make_bot(ONRECORD_COOLDOWN="1/60")
    interaction = StubInteraction(client=bot)
    assert discord_bot.check_cooldown(interaction)
    with pytest.raises(AskingTooFast):
        discord_bot.check_cooldown(interaction)


# -- paging buttons ------------------------------------------------------------------------------


async def test_only_the_asker_can_page():
    pager = Pager(many_pages(7), owner_id=1)
    stranger = StubInteraction(user_id=2)
    assert await pager.interaction_check(stranger) is False
    (name, kwargs), = stranger.response.calls
    assert kwargs["content"] == NOT_YOURS and kwargs["ephemeral"] is True
    assert await pager.interaction_check(StubInteraction(user_id=1)) is True


async def test_more_and_back_move_between_pages_and_buttons_follow():
    pages = many_pages(7)
    pager = Pager(pages, owner_id=1)
    assert pager.back.disabled and not pager.more.disabled
    press = StubInteraction()
    await pager.more.callback(press)
    assert pager.page == 1
    kwargs = press.response.calls[0][1]
    assert kwargs["content"] == pages[1].content and kwargs["view"] is pager
    await pager.more.callback(StubInteraction())
    assert pager.page == 2 and pager.more.disabled and not pager.back.disabled
    await pager.back.callback(StubInteraction())
    assert pager.page == 1


async def test_the_pager_disables_its_buttons_when_it_expires():
    pager = Pager(many_pages(7), owner_id=1)
    origin = StubInteraction()
    pager.origin = origin
    await pager.on_timeout()
    assert all(item.disabled for item in pager.children)
    assert origin.actions[0][0] == "edit_original" and origin.actions[0][1]["view"] is pager


async def test_send_notice_is_ephemeral():
    interaction = StubInteraction()
    await send_notice(interaction, "hello @everyone")
    kwargs = interaction.response.calls[0][1]
    assert kwargs["ephemeral"] is True and kwargs["allowed_mentions"].to_dict()["parse"] == []
    assert notice_post("x").ephemeral


# -- mentions ------------------------------------------------------------------------------------


def test_the_mention_is_taken_out_of_the_question():
    assert question_in("<@99> what did Berg say?", 99) == "what did Berg say?"
    assert question_in("so <@!99>, who said it?", 99) == "so , who said it?"
    assert question_in("<@12> hi", 99) == "<@12> hi"


class StubMessage:
    def __init__(self, content: str, *, author_id: int = 5, mentions=(), channel_id: int = 10, bot: bool = False,
                 dm: bool = False):
        self.content = content
        self.author = SimpleNamespace(id=author_id, bot=bot)
        self.mentions = list(mentions)
        self.channel = SimpleNamespace(id=channel_id)
        self.guild = None if dm else SimpleNamespace(id=555)
        self.replies: list[dict] = []

    async def reply(self, content=None, **kwargs):
        self.replies.append({"content": content, **kwargs})
        return SimpleNamespace(id=1)


def mention_bot(**env: str) -> tuple[OnrecordBot, Answers]:
    bot = make_bot(**env)
    bot._connection.user = SimpleNamespace(id=99)
    return bot, Answers(bot)


async def test_a_mention_is_answered_as_a_reply_that_pings_nobody():
    bot, cog = mention_bot()
    message = StubMessage("<@99> what did Lopez say about @everyone?", mentions=[SimpleNamespace(id=99)])
    await cog.on_message(message)
    (reply,) = message.replies
    assert reply["mention_author"] is False
    assert reply["allowed_mentions"].to_dict()["parse"] == []
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


# -- start-up ------------------------------------------------------------------------------------


async def test_run_bot_without_a_token_is_one_line_and_a_failing_exit(caplog):
    with caplog.at_level(logging.ERROR):
        assert await run_bot(BotConfig()) == 1
    assert [r.getMessage() for r in caplog.records] == [TOKEN_MISSING]


def test_start_errors_are_explained_in_one_line():
    config = BotConfig()
    assert explain_start_error(discord.LoginFailure("Improper token has been passed."), config) == TOKEN_REJECTED
    assert explain_start_error(discord.PrivilegedIntentsRequired(None), config) == INTENT_REFUSED
    assert "Message Content Intent" in INTENT_REFUSED and "Developer Portal" in INTENT_REFUSED
    assert "discord.com" in explain_start_error(OSError("connection refused"), config)
    assert explain_start_error(ValueError("bug"), config) is None
    for line in (TOKEN_MISSING, TOKEN_REJECTED, INTENT_REFUSED):
        assert "\n" not in line


def test_endpoints_are_pointed_and_restored():
    from discord.gateway import DiscordWebSocket
    from discord.http import Route

    before = Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
    with discord_endpoints("http://127.0.0.1:9/api/v10/", "ws://127.0.0.1:9/gateway"):
        assert Route("GET", "/users/@me").url == "http://127.0.0.1:9/api/v10/users/@me"
        assert str(DiscordWebSocket.DEFAULT_GATEWAY) == "ws://127.0.0.1:9/gateway"
    assert (Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY) == before
    with discord_endpoints("https://discord.com/api/v10", None):
        assert DiscordWebSocket.DEFAULT_GATEWAY == before[1]


async def test_a_rejected_token_exits_non_zero_with_one_line(aiohttp_unauthorized, caplog):
    config = BotConfig(token="bad-token", api_base=aiohttp_unauthorized, gateway_url="ws://127.0.0.1:9/")
    with caplog.at_level(logging.ERROR):
        assert await run_bot(config, answerer=FakeAnswerer()) == 1
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == [TOKEN_REJECTED]
    assert not any("bad-token" in r.getMessage() for r in caplog.records)


@pytest.fixture
async def aiohttp_unauthorized():
    """A loopback REST API that answers 401 to everything, as Discord does for a bad token."""
    from aiohttp import web

    async def unauthorized(request):
        return web.json_response({"message": "401: Unauthorized", "code": 0}, status=401)

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", unauthorized)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}/api/v10"
    finally:
        await runner.cleanup()


# -- onrecord sync / serve from the command line -------------------------------------------------


async def test_sync_registers_the_commands_globally_or_in_one_guild(fake_discord):
    from bot.discord_bot import sync_commands
    from tests.bot.conftest import discord_endpoints_restored

    config = BotConfig(token=fake_discord.token, api_base=fake_discord.api_base, gateway_url=fake_discord.gateway_url)
    with discord_endpoints_restored():
        synced = await sync_commands(config)
        assert {c.name for c in synced} == {"ask", "quote", "speakers", "article", "help"}
        assert {c["name"] for c in fake_discord.commands[None]} == {c.name for c in synced}
        guild = int(fake_discord.guild_id)
        in_guild = await sync_commands(config, guild)
        assert len(in_guild) == 5 and len(fake_discord.commands[str(guild)]) == 5
    assert fake_discord.gateway_connections == 0  # sync logs in over REST only


async def test_sync_with_a_rejected_token_is_one_line(aiohttp_unauthorized):
    from bot.discord_bot import StartError, sync_commands

    with pytest.raises(StartError, match="rejected DISCORD_TOKEN"):
        await sync_commands(BotConfig(token="nope", api_base=aiohttp_unauthorized))


@pytest.mark.parametrize("command", ["serve", "sync"])
def test_serve_and_sync_without_a_token_exit_with_one_line(command, monkeypatch, tmp_path, capsys):
    from bot import cli

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    assert cli.main([command]) == 1
    err = capsys.readouterr().err.strip()
    assert "DISCORD_TOKEN is not set" in err and err.count("\n") == 0


def test_a_bad_setting_stops_serve_with_one_line(monkeypatch, tmp_path, capsys):
    from bot import cli

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ONRECORD_COOLDOWN", "fast")
    assert cli.main(["serve"]) == 1
    assert capsys.readouterr().err.strip().startswith("onrecord: ONRECORD_COOLDOWN='fast'")
