"""End to end on loopback: a moderator adds an article by URL through the fake Discord, and that server is answered from it."""

from __future__ import annotations

from knowledge import bundled_article_path
from retrieval import Answerer
from retrieval.store import KnowledgeBase
from tests.bot.discord.fake_discord import FakeDiscord
from tests.bot.discord.test_admin import page_server  # noqa: F401  (a fixture)
from tests.bot.discord.test_collections import QUESTION
from tests.bot.discord.test_e2e import (
    answer_of,
    discord_endpoints_restored,
    serve_environ,
    start_bot,
    stop_task,
    text_of,
)


async def test_an_article_added_by_url_answers_that_servers_questions(tmp_path, embedder, page_server, monkeypatch):  # noqa: F811
    monkeypatch.setenv("ONRECORD_FETCH_ALLOW_PRIVATE", "1")
    kb = KnowledgeBase.open(tmp_path / "kb.sqlite", embedder)
    kb.ingest([bundled_article_path()])
    fake = FakeDiscord()
    await fake.start()
    environ = serve_environ(fake, tmp_path, ONRECORD_COOLDOWN="off")
    try:
        with discord_endpoints_restored():
            task = await start_bot(fake, environ, Answerer(kb, embedder))
            try:
                added = await answer_of(await fake.slash("article-add", {"url": f"{page_server}/harbour"}), 60)
                assert "Added." in text_of(added) and "Ana Ortiz" in text_of(added)
                assert [a.id for a in kb.articles_in(fake.guild_id)] == ["harbour"]
                answer = await answer_of(await fake.slash("ask", {"question": QUESTION}))
                assert "rebuild the harbour wall" in text_of(answer)
            finally:
                await stop_task(task)
    finally:
        await fake.close()
        kb.close()
