"""/article-add and /article-remove through the cog: Manage Server only, a server's article answerable there alone, bad files refused."""

from __future__ import annotations

import asyncio
import logging
from types import SimpleNamespace

import pytest

from bot import replies
from bot.discord.bot import OnrecordBot
from bot.discord.cogs.admin import REFUSED, Admin, own_article_autocomplete
from bot.discord.cogs.answers import Answers
from bot.discord.config import BotConfig
from retrieval import Answerer
from retrieval.store import KnowledgeBase
from tests.bot.conftest import bundled_kb_copy
from tests.bot.discord.stubs import StubInteraction
from tests.bot.discord.test_collections import HARBOUR, QUESTION, sent_text

HARBOUR_PAGE = """<html><head><title>Council approves harbour rebuild</title>
<meta property="og:site_name" content="The Gazette">
<meta property="article:published_time" content="2024-05-02T10:00:00Z"></head>
<body><article><h1>Council approves harbour rebuild</h1>
<p>The mayor, Ana Ortiz, said on Tuesday that the council had approved the plan to rebuild the harbour.</p>
<p>“We will rebuild the harbour wall by spring, and the fishing fleet will be back in the water,” Ortiz said.</p>
</article></body></html>"""


@pytest.fixture
def admin_bot(tmp_path, embedder, bundled_kb_template):
    """A bot over a real knowledge base holding the bundled article as a global one."""
    kb = KnowledgeBase.open(bundled_kb_copy(bundled_kb_template, tmp_path), embedder)
    bot = OnrecordBot(BotConfig(), answerer=Answerer(kb, embedder))
    yield bot
    bot.model.close()
    kb.close()


def member_of(bot: OnrecordBot, guild_id: int, *, manage: bool = True, user_id: int = 7) -> StubInteraction:
    interaction = StubInteraction(user_id, client=bot)
    interaction.guild = SimpleNamespace(id=guild_id)
    interaction.guild_id = guild_id  # type: ignore[attr-defined]
    interaction.permissions = SimpleNamespace(manage_guild=manage)  # type: ignore[attr-defined]
    return interaction


class StubAttachment:
    def __init__(self, filename: str, data: bytes) -> None:
        self.filename, self.size, self._data = filename, len(data), data
        self.reads = 0

    async def read(self) -> bytes:
        self.reads += 1
        return self._data


def own_articles(bot: OnrecordBot, guild: str) -> list[str]:
    return [a.id for a in bot.answerer.kb.articles_in(guild)]  # type: ignore[union-attr]


async def test_the_commands_default_to_manage_server_and_servers_only():
    for command in (Admin.article_add, Admin.article_remove):
        assert command.default_permissions is not None and command.default_permissions.manage_guild
        assert command.guild_only


async def test_a_member_without_manage_server_is_refused_and_nothing_is_read(admin_bot):
    cog = Admin(admin_bot)
    interaction = member_of(admin_bot, 111, manage=False)
    attachment = StubAttachment("harbour.txt", HARBOUR.encode())
    await cog.article_add.callback(cog, interaction, file=attachment)  # type: ignore[arg-type]
    ((kind, sent),) = interaction.response.calls
    assert kind == "send_message" and sent["ephemeral"] and sent["content"] == REFUSED
    assert attachment.reads == 0 and own_articles(admin_bot, "111") == []
    removal = member_of(admin_bot, 111, manage=False)
    await cog.article_remove.callback(cog, removal, "healey")
    assert removal.response.calls[0][1]["content"] == REFUSED


async def test_an_added_attachment_is_described_and_answerable_in_that_server_only(admin_bot, caplog):
    cog, answers = Admin(admin_bot), Answers(admin_bot)
    interaction = member_of(admin_bot, 111, user_id=42)
    with caplog.at_level(logging.INFO, logger="bot.discord.cogs.admin"):
        await cog.article_add.callback(cog, interaction, file=StubAttachment("harbour.html", HARBOUR_PAGE.encode()))  # type: ignore[arg-type]
    assert interaction.response.calls[0] == ("defer", {"ephemeral": True, "thinking": True})
    (reply,) = interaction.followups
    assert reply["content"].startswith("Added.") and "`harbour`" in reply["content"]
    card = str(reply["embeds"][0].to_dict())
    assert "Council approves harbour rebuild" in card and "Ana Ortiz" in card and "id: harbour" in card
    assert "The Gazette · 2024-05-02 · 2 paragraphs · 1 quotation" in card and "Ana Ortiz, mayor · 1 quotation" in card
    assert "article added guild=111 user=42 article=harbour" in caplog.text
    assert "rebuild the harbour wall" not in caplog.text

    home, other = member_of(admin_bot, 111), member_of(admin_bot, 222)
    await answers.ask.callback(answers, home, QUESTION)
    await answers.ask.callback(answers, other, QUESTION)
    assert "rebuild the harbour wall" in sent_text(home)
    assert "rebuild the harbour wall" not in sent_text(other)

    again = member_of(admin_bot, 111)
    await cog.article_add.callback(cog, again, file=StubAttachment("harbour.html", HARBOUR_PAGE.encode()))  # type: ignore[arg-type]
    assert again.followups[0]["content"].startswith("Unchanged")
    changed = member_of(admin_bot, 111)
    text = HARBOUR_PAGE.replace("</article>", "<p>The harbour master welcomed the decision.</p></article>")
    await cog.article_add.callback(cog, changed, file=StubAttachment("harbour.html", text.encode()))  # type: ignore[arg-type]
    assert changed.followups[0]["content"].startswith("Replaced")
    assert own_articles(admin_bot, "111") == ["harbour"]


async def test_a_binary_attachment_is_refused_in_one_line_and_nothing_is_stored(admin_bot):
    cog = Admin(admin_bot)
    interaction = member_of(admin_bot, 111)
    await cog.article_add.callback(cog, interaction, file=StubAttachment("photo.txt", bytes(range(256)) * 8))  # type: ignore[arg-type]
    (notice,) = interaction.followups
    assert notice["ephemeral"] and "binary" in notice["content"] and "\n" not in notice["content"]
    assert own_articles(admin_bot, "111") == []


async def test_an_oversized_attachment_is_refused_before_it_is_read(admin_bot, monkeypatch):
    monkeypatch.setattr("bot.discord.cogs.admin.MAX_BYTES", 100)
    cog = Admin(admin_bot)
    interaction = member_of(admin_bot, 111)
    attachment = StubAttachment("harbour.txt", HARBOUR.encode())
    await cog.article_add.callback(cog, interaction, file=attachment)  # type: ignore[arg-type]
    assert "too large" in interaction.followups[0]["content"] and attachment.reads == 0
    assert own_articles(admin_bot, "111") == []


async def test_remove_offers_the_servers_own_articles_and_takes_one_out(admin_bot, caplog):
    cog, answers = Admin(admin_bot), Answers(admin_bot)
    await cog.article_add.callback(cog, member_of(admin_bot, 111), file=StubAttachment("harbour.txt", HARBOUR.encode()))  # type: ignore[arg-type]
    choices = await own_article_autocomplete(member_of(admin_bot, 111), "")  # type: ignore[arg-type]
    assert [c.value for c in choices] == ["harbour"], "the global article is not the server's to remove"
    assert await own_article_autocomplete(member_of(admin_bot, 222), "") == []  # type: ignore[arg-type]

    elsewhere = member_of(admin_bot, 222)
    await cog.article_remove.callback(cog, elsewhere, "harbour")
    assert "no article" in elsewhere.response.calls[0][1]["content"] and own_articles(admin_bot, "111") == ["harbour"]

    interaction = member_of(admin_bot, 111, user_id=42)
    with caplog.at_level(logging.INFO, logger="bot.discord.cogs.admin"):
        await cog.article_remove.callback(cog, interaction, "harbour")
    assert "Removed" in interaction.response.calls[0][1]["content"] and interaction.response.calls[0][1]["ephemeral"]
    assert "article removed guild=111 user=42 article=harbour" in caplog.text
    assert own_articles(admin_bot, "111") == []
    home = member_of(admin_bot, 111)
    await answers.ask.callback(answers, home, QUESTION)
    assert "rebuild the harbour wall" not in sent_text(home)


@pytest.fixture
async def page_server():
    """A web server on 127.0.0.1 serving the harbour page at /harbour and a script-only page at /script; yields its base URL."""
    from aiohttp import web

    async def harbour(request: web.Request) -> web.Response:
        return web.Response(text=HARBOUR_PAGE, content_type="text/html")

    async def script(request: web.Request) -> web.Response:
        return web.Response(text="<html><body><script>app()</script></body></html>", content_type="text/html")

    app = web.Application()
    app.router.add_get("/harbour", harbour)
    app.router.add_get("/script", script)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    yield f"http://127.0.0.1:{runner.addresses[0][1]}"
    await runner.cleanup()


async def test_an_article_added_by_url_is_answerable_and_a_loopback_url_refused_without_the_variable(
    admin_bot, page_server, monkeypatch
):
    cog, answers = Admin(admin_bot), Answers(admin_bot)
    monkeypatch.delenv("ONRECORD_FETCH_ALLOW_PRIVATE", raising=False)
    refused = member_of(admin_bot, 111)
    await cog.article_add.callback(cog, refused, url=f"{page_server}/harbour")
    (notice,) = refused.followups
    assert notice["ephemeral"] and "\n" not in notice["content"] and own_articles(admin_bot, "111") == []

    monkeypatch.setenv("ONRECORD_FETCH_ALLOW_PRIVATE", "1")
    empty = member_of(admin_bot, 111)
    await cog.article_add.callback(cog, empty, url=f"{page_server}/script")
    assert "no article text" in empty.followups[0]["content"] and own_articles(admin_bot, "111") == []

    added = member_of(admin_bot, 111)
    await cog.article_add.callback(cog, added, url=f"{page_server}/harbour")
    assert added.followups[0]["content"].startswith("Added.") and own_articles(admin_bot, "111") == ["harbour"]
    home = member_of(admin_bot, 111)
    await answers.ask.callback(answers, home, QUESTION)
    assert "rebuild the harbour wall" in sent_text(home)


async def test_articles_are_added_one_at_a_time_and_too_many_waiting_are_told_to_retry(admin_bot, monkeypatch):
    """An add holds a model thread for seconds: two at once would leave no thread for the questions asked meanwhile."""
    import threading
    import time

    from bot.discord.cogs.admin import ADDS_BUSY, WAITING_ADDS

    running, most = 0, 0
    lock = threading.Lock()

    def slow_add(answerer, filename, data, *, collection, origin):
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
        time.sleep(0.1)
        with lock:
            running -= 1
        return filename.split(".")[0], replies.Post(content="Added.", ephemeral=True)

    monkeypatch.setattr("bot.discord.cogs.admin.replies.add_article", slow_add)
    cog = Admin(admin_bot)
    interactions = [member_of(admin_bot, 111) for _ in range(WAITING_ADDS + 2)]
    await asyncio.gather(
        *(
            cog.article_add.callback(cog, interaction, file=StubAttachment(f"a{i}.txt", HARBOUR.encode()))  # type: ignore[arg-type]
            for i, interaction in enumerate(interactions)
        )
    )
    assert most == 1
    texts = [interaction.followups[0]["content"] for interaction in interactions]
    assert texts.count("Added.") == WAITING_ADDS + 1 and texts.count(ADDS_BUSY) == 1, texts
