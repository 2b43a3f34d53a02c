"""End to end on loopback: moderators add and remove a server's own articles through the fake Discord.

The real ``onrecord serve`` code path (``run_bot``) runs in the test's event loop against the
fake Discord, which serves attached files from its own loopback CDN; pages given by URL come
from a web server on 127.0.0.1 (``ONRECORD_FETCH_ALLOW_PRIVATE=1``). The knowledge base is a
real file holding the bundled article as a global one, so other processes (``onrecord
ingest``, a second ``onrecord serve``) can write to it while the bot runs.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
import sys
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import pytest_asyncio
from aiohttp import web

from bot.discord.cogs.admin import REFUSED
from retrieval import Answerer
from retrieval.store import KnowledgeBase
from tests.bot.conftest import bundled_kb_copy
from tests.bot.discord.fake_discord import (
    CALLBACK_AUTOCOMPLETE,
    CALLBACK_DEFERRED_MESSAGE,
    EPHEMERAL,
    EVERY_PERMISSION,
    MANAGE_GUILD,
    Exchange,
    FakeDiscord,
    discord_endpoints_restored,
    stop_task,
)
from tests.bot.discord.test_admin import HARBOUR_PAGE
from tests.bot.discord.test_collections import QUESTION
from tests.bot.discord.test_e2e import answer_of, is_ephemeral, serve_environ, start_bot, text_of

pytestmark = [pytest.mark.slow, pytest.mark.asyncio(loop_scope="module")]

REPO = Path(__file__).resolve().parents[3]
HARBOUR_WORDS = "rebuild the harbour wall"

LIBRARY_PAGE = """<html><head><title>Library to stay open on Sundays</title>
<meta property="og:site_name" content="The Courier">
<meta property="article:published_time" content="2024-06-11T08:00:00Z"></head>
<body><article><h1>Library to stay open on Sundays</h1>
<p>The head librarian, Tom Reyes, said on Monday that the central library would open on Sundays from July.</p>
<p>“Families have asked us for Sunday hours for years, and now the reading rooms will be open to them,” Reyes said.</p>
</article></body></html>"""
LIBRARY_QUESTION = "what did Reyes say about Sunday hours?"
LIBRARY_WORDS = "Families have asked us for Sunday hours"

FERRY = (
    "Ferry timetable changes from May\n\n"
    "The port director, Lena Holm, said on Friday that the night ferry would leave an hour earlier from May.\n\n"
    "“Passengers told us the late crossing was too late for the last trains, so we moved it,” Holm said.\n"
)
FERRY_QUESTION = "what did Holm say about the night ferry crossing?"
FERRY_WORDS = "too late for the last trains"

MARKET = (
    "Market square to be closed to cars\n\n"
    "The planning officer, Rui Costa, said on Wednesday that cars would be kept out of the market square.\n\n"
    "“The square belongs to the people who walk through it, not to the traffic,” Costa said.\n"
)
MARKET_QUESTION = "what did Costa say about the market square?"
MARKET_WORDS = "belongs to the people who walk through it"

ORCHARD = (
    "Orchard saved from development\n\n"
    "The chair of the orchard trust, Mei Lin, said on Thursday that the old orchard would be kept as a park.\n\n"
    "“Every apple tree in the orchard will stay where it is, and the children can keep picking,” Lin said.\n"
)
ORCHARD_QUESTION = "what did Lin say about the apple trees in the orchard?"
ORCHARD_WORDS = "Every apple tree in the orchard will stay"

BRIDGE = (
    "Footbridge reopens after repairs\n\n"
    "The city engineer, Omar Haddad, said on Saturday that the footbridge over the river had reopened.\n\n"
    "“The new deck will carry twice the crowd on match days without a wobble,” Haddad said.\n"
)
BRIDGE_QUESTION = "what did Haddad say about the footbridge deck?"
BRIDGE_WORDS = "carry twice the crowd on match days"

LIVE_WITHIN = 10.0  # seconds within which a running bot answers from a change another process made


# -- the module's bot ---------------------------------------------------------------------------


@dataclass
class Curated:
    """The running bot, its fake Discord (a home server and one other), its knowledge base and the web server."""

    fake: FakeDiscord
    kb: KnowledgeBase
    db: Path
    pages: PageServer
    directory: Path
    second: SecondBot  # another bot process on the same file, started with the module (it loads its model meanwhile)

    @property
    def home(self) -> str:
        return self.fake.guild_id

    @property
    def elsewhere(self) -> str:
        return self.fake.other_guild_ids[0]


def serving(body: bytes, content_type: str):
    """A request handler that answers ``body`` as ``content_type``."""

    async def handler(request: web.Request) -> web.Response:
        return web.Response(body=body, content_type=content_type)

    return handler


class PageServer:
    """A web server on 127.0.0.1 with article pages and pages that are no article; counts what it served."""

    def __init__(self) -> None:
        self.hits: list[str] = []
        self.base = ""
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        app = web.Application(middlewares=[self._count])
        for path, body, content_type in (
            ("/harbour", HARBOUR_PAGE.encode(), "text/html"),
            ("/library", LIBRARY_PAGE.encode(), "text/html"),
            ("/empty", b"", "text/html"),
            ("/report.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 16, "application/pdf"),
        ):
            app.router.add_get(path, serving(body, content_type))
        app.router.add_get("/huge", self._huge)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.base = f"http://127.0.0.1:{self._runner.addresses[0][1]}"

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    @web.middleware
    async def _count(self, request: web.Request, handler):
        self.hits.append(request.path)
        return await handler(request)

    @staticmethod
    async def _huge(request: web.Request) -> web.StreamResponse:
        """An article-looking page of 6 MB, streamed without a Content-Length (the size shows only while reading)."""
        response = web.StreamResponse(headers={"Content-Type": "text/html"})
        response.enable_chunked_encoding()
        await response.prepare(request)
        paragraph = ("<p>" + "The council met again on Tuesday to talk about the harbour. " * 16 + "</p>\n").encode()
        await response.write(b"<html><body><article>")
        for _ in range(6 * 2**20 // len(paragraph) + 1):
            await response.write(paragraph)
        await response.write_eof(b"</article></body></html>")
        return response


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def curated(tmp_path_factory, embedder, bundled_kb_template) -> AsyncIterator[Curated]:
    """One bot for the module over a knowledge base file, in two servers, with URL fetching allowed on loopback."""
    directory = tmp_path_factory.mktemp("articles")
    db = bundled_kb_copy(bundled_kb_template, directory)
    kb = KnowledgeBase.open(db, embedder)
    fake = FakeDiscord(other_guilds=1)
    await fake.start()
    pages = PageServer()
    await pages.start()
    environ = serve_environ(fake, directory, ONRECORD_COOLDOWN="off", ONRECORD_DB=str(db))
    saved = os.environ.get("ONRECORD_FETCH_ALLOW_PRIVATE")
    os.environ["ONRECORD_FETCH_ALLOW_PRIVATE"] = "1"
    try:
        with discord_endpoints_restored():
            task = await start_bot(fake, environ, Answerer(kb, embedder))
            second = await SecondBot.start(fake.guild_id, db, directory / "second")
            try:
                yield Curated(fake, kb, db, pages, directory, second)
            finally:
                await stop_task(task)
                code = await second.stop()
    finally:
        if saved is None:
            os.environ.pop("ONRECORD_FETCH_ALLOW_PRIVATE", None)
        else:
            os.environ["ONRECORD_FETCH_ALLOW_PRIVATE"] = saved
        await pages.close()
        await fake.close()
        kb.close()
    assert code == 0, f"the second bot did not stop cleanly: {second.log.read_text()[-1000:]}"


# -- helpers ------------------------------------------------------------------------------------


NO_MANAGE_SERVER = EVERY_PERMISSION & ~MANAGE_GUILD


def stored(db: Path) -> dict:
    """Everything in the knowledge base file that a change would touch: its articles, row counts and meta."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        state: dict = {
            "articles": sorted(conn.execute("SELECT ifnull(collection, ''), id, content_hash FROM articles")),
            "meta": sorted(conn.execute("SELECT key, value FROM meta")),
        }
        for table in ("paragraphs", "quotes", "speakers", "mentions", "units", "embeddings"):
            state[table] = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        return state
    finally:
        conn.close()


async def add(c: Curated, **options) -> tuple[Exchange, dict]:
    """Run /article-add in the home server as a moderator; return the exchange and its answer."""
    exchange = await c.fake.slash("article-add", options)
    return exchange, await answer_of(exchange, 60)


async def ask(c: Curated, question: str, guild: str | None = None) -> str:
    """Ask in a server (default the home one); return the answer's text."""
    return text_of(await answer_of(await c.fake.slash("ask", {"question": question}, guild_id=guild)))


async def choices(c: Curated, command: str, options: dict, focused: str, guild: str) -> list[str]:
    """The autocomplete choices (values) offered in ``guild`` for option ``focused`` of ``/command``."""
    callback = await (await c.fake.autocomplete(command, options, focused, guild_id=guild)).response()
    assert callback.json["type"] == CALLBACK_AUTOCOMPLETE
    return [str(choice["value"]) for choice in callback.json["data"]["choices"]]


def own(c: Curated, guild: str) -> list[str]:
    return [a.id for a in c.kb.articles_in(guild)]


async def assert_refused_in_one_line(exchange: Exchange, answer: dict) -> str:
    """The answer is one ephemeral line, with no card; return it."""
    content = answer.get("content") or ""
    assert content and "\n" not in content and not answer.get("embeds"), answer
    assert await is_ephemeral(exchange)
    return content


# -- adding by attachment and by URL --------------------------------------------------------------


async def test_an_article_attached_as_text_is_added_and_ask_and_quote_answer_from_it(curated: Curated):
    c = curated
    attachment = c.fake.upload("ferry.txt", FERRY.encode(), "text/plain; charset=utf-8")
    exchange, answer = await add(c, file=attachment)
    callback = await exchange.response()
    assert callback.json["type"] == CALLBACK_DEFERRED_MESSAGE and callback.json["data"]["flags"] & EPHEMERAL
    assert callback.at - exchange.dispatched_at < 3.0
    assert any(path.endswith(f"/{attachment['id']}/ferry.txt") for path in c.fake.cdn_requests)
    assert answer["content"].startswith("Added.") and "`ferry`" in answer["content"]
    assert "Lena Holm, port director · 1 quotation" in text_of(answer) and "id: ferry" in text_of(answer)
    assert await is_ephemeral(exchange)
    assert own(c, c.home) == ["ferry"]

    assert FERRY_WORDS in await ask(c, FERRY_QUESTION)
    quoted = await answer_of(await c.fake.slash("quote", {"speaker": "Lena Holm"}))
    assert FERRY_WORDS in text_of(quoted) and "Lena Holm" in text_of(quoted)

    again, unchanged = await add(c, file=c.fake.upload("ferry.txt", FERRY.encode(), "text/plain"))
    assert unchanged["content"].startswith("Unchanged") and own(c, c.home) == ["ferry"]


async def test_an_article_attached_as_html_is_added_and_answers(curated: Curated):
    c = curated
    exchange, answer = await add(c, file=c.fake.upload("library.html", LIBRARY_PAGE.encode(), "text/html"))
    assert answer["content"].startswith("Added.") and "Tom Reyes" in text_of(answer)
    assert "The Courier" in text_of(answer) and "2024-06-11" in text_of(answer)
    assert "library" in own(c, c.home)
    assert LIBRARY_WORDS in await ask(c, LIBRARY_QUESTION)
    quoted = await answer_of(await c.fake.slash("quote", {"speaker": "Tom Reyes", "topic": "Sunday"}))
    assert LIBRARY_WORDS in text_of(quoted)


async def test_an_article_given_by_url_is_added_and_answers(curated: Curated):
    c = curated
    exchange, answer = await add(c, url=f"{c.pages.base}/harbour")
    assert answer["content"].startswith("Added.") and "Ana Ortiz" in text_of(answer)
    assert "harbour" in own(c, c.home)
    assert HARBOUR_WORDS in await ask(c, QUESTION)


# -- who may --------------------------------------------------------------------------------------


async def test_a_member_without_manage_server_is_refused_in_one_line_and_nothing_changes(curated: Curated):
    c = curated
    before, fetched = stored(c.db), len(c.fake.cdn_requests)
    attachment = c.fake.upload("market.txt", MARKET.encode(), "text/plain")
    member = c.fake.make_user("member")
    for command, options in (("article-add", {"file": attachment}), ("article-remove", {"article": "ferry"})):
        exchange = await c.fake.slash(command, options, user=member, permissions=NO_MANAGE_SERVER)
        callback = await exchange.response()
        assert callback.json["data"]["content"] == REFUSED and callback.json["data"]["flags"] & EPHEMERAL
        assert len(exchange.requests) == 1, "refused with the response itself, nothing more"
    assert len(c.fake.cdn_requests) == fetched, "the attachment was not even read"
    assert stored(c.db) == before
    assert MARKET_WORDS not in await ask(c, MARKET_QUESTION)


# -- one server's articles ------------------------------------------------------------------------


async def test_a_servers_article_is_invisible_to_another_server(curated: Curated):
    c = curated
    _, answer = await add(c, file=c.fake.upload("market.txt", MARKET.encode(), "text/plain"))
    assert answer["content"].startswith("Added.")
    assert MARKET_WORDS in await ask(c, MARKET_QUESTION, c.home)
    assert MARKET_WORDS not in await ask(c, MARKET_QUESTION, c.elsewhere)

    quoted = text_of(await answer_of(await c.fake.slash("quote", {"speaker": "Rui Costa"}, guild_id=c.elsewhere)))
    assert MARKET_WORDS not in quoted
    speaker_options = {"speaker": "Costa"}
    assert "Rui Costa" in await choices(c, "quote", speaker_options, "speaker", c.home)
    assert "Rui Costa" not in await choices(c, "quote", speaker_options, "speaker", c.elsewhere)
    article_options = {"question": MARKET_QUESTION, "article": "market"}
    assert "market" in await choices(c, "ask", article_options, "article", c.home)
    assert "market" not in await choices(c, "ask", article_options, "article", c.elsewhere)
    assert "market" not in await choices(c, "article-remove", {"article": ""}, "article", c.elsewhere)

    for command in ("speakers", "article"):
        home = text_of(await answer_of(await c.fake.slash(command, guild_id=c.home)))
        other = text_of(await answer_of(await c.fake.slash(command, guild_id=c.elsewhere)))
        assert "Costa" in home or "Market square" in home
        assert "Costa" not in other and "Market square" not in other
        assert "Healey" in other or "Norway" in other, "the global article is still seen there"


# -- removing -------------------------------------------------------------------------------------


async def test_remove_takes_an_article_out_of_answers_and_autocomplete(curated: Curated):
    c = curated
    _, answer = await add(c, file=c.fake.upload("orchard.txt", ORCHARD.encode(), "text/plain"))
    assert answer["content"].startswith("Added.")
    assert ORCHARD_WORDS in await ask(c, ORCHARD_QUESTION)
    assert "orchard" in await choices(c, "article-remove", {"article": "orch"}, "article", c.home)
    assert await choices(c, "article-remove", {"article": "orch"}, "article", c.elsewhere) == []

    elsewhere = await c.fake.slash("article-remove", {"article": "orchard"}, guild_id=c.elsewhere)
    assert "no article" in text_of(await answer_of(elsewhere)) and "orchard" in own(c, c.home)

    removal = await c.fake.slash("article-remove", {"article": "orchard"})
    notice = await answer_of(removal)
    assert "Removed" in notice["content"] and await is_ephemeral(removal)
    assert "orchard" not in own(c, c.home)
    assert ORCHARD_WORDS not in await ask(c, ORCHARD_QUESTION)
    assert "orchard" not in await choices(c, "article-remove", {"article": ""}, "article", c.home)
    assert "orchard" not in await choices(c, "ask", {"question": "", "article": "orch"}, "article", c.home)
    assert "Mei Lin" not in await choices(c, "quote", {"speaker": "Lin"}, "speaker", c.home)


# -- refusals -------------------------------------------------------------------------------------


async def test_a_binary_file_is_refused_in_one_line_and_nothing_changes(curated: Curated):
    c = curated
    before = stored(c.db)
    exchange, answer = await add(c, file=c.fake.upload("scan.txt", bytes(range(256)) * 64, "text/plain"))
    assert "binary" in await assert_refused_in_one_line(exchange, answer)
    assert stored(c.db) == before


async def test_an_attachment_the_cdn_no_longer_serves_is_refused_in_one_line(curated: Curated):
    c = curated
    before = stored(c.db)
    attachment = c.fake.upload("gone.txt", MARKET.encode(), "text/plain")
    del c.fake.cdn[attachment["id"]]
    exchange, answer = await add(c, file=attachment)
    assert "attach" in (await assert_refused_in_one_line(exchange, answer)).casefold()
    assert stored(c.db) == before


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/empty", "empty"),
        ("/huge", "too large"),
        ("/report.pdf", "application/pdf"),
    ],
)
async def test_a_page_that_is_no_article_is_refused_in_one_line_and_nothing_changes(curated: Curated, path, reason):
    c = curated
    before = stored(c.db)
    exchange, answer = await add(c, url=f"{c.pages.base}{path}")
    assert reason in await assert_refused_in_one_line(exchange, answer)
    assert stored(c.db) == before


async def test_a_url_on_loopback_is_refused_without_the_variable_and_never_fetched(curated: Curated, monkeypatch):
    c = curated
    monkeypatch.delenv("ONRECORD_FETCH_ALLOW_PRIVATE")
    before, hits = stored(c.db), len(c.pages.hits)
    exchange, answer = await add(c, url=f"{c.pages.base}/library")
    assert "127.0.0.1" in await assert_refused_in_one_line(exchange, answer)
    assert len(c.pages.hits) == hits and stored(c.db) == before


# -- other processes on the same file -------------------------------------------------------------


def onrecord(*args: str) -> list[str]:
    """The command line for ``onrecord ARGS`` run by this interpreter."""
    return [sys.executable, "-m", "bot.cli", *args]


async def answered_within(c: Curated, question: str, words: str, seconds: float, guild: str | None = None) -> float:
    """Ask until the answer holds ``words``; return how long that took (fails after ``seconds``)."""
    started = time.perf_counter()
    while True:
        text = await ask(c, question, guild)
        elapsed = time.perf_counter() - started
        if words in text:
            return elapsed
        assert elapsed < seconds, f"not answered from the new article within {seconds:g} s: {text[:200]}"
        await asyncio.sleep(0.25)


async def test_an_article_ingested_from_the_command_line_is_answered_without_a_restart(curated: Curated):
    c = curated
    article = c.directory / "orchard-cli.txt"
    article.write_text(ORCHARD)
    assert ORCHARD_WORDS not in await ask(c, ORCHARD_QUESTION)
    ingest = await asyncio.create_subprocess_exec(
        *onrecord("ingest", str(article), "--db", str(c.db)),
        cwd=REPO,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(ingest.communicate(), 120)
    assert ingest.returncode == 0, err.decode()[-500:]
    assert "1 article ingested" in out.decode(), out.decode()
    await answered_within(c, ORCHARD_QUESTION, ORCHARD_WORDS, LIVE_WITHIN)
    # A global article: every server sees it.
    await answered_within(c, ORCHARD_QUESTION, ORCHARD_WORDS, LIVE_WITHIN, c.elsewhere)


@dataclass
class SecondBot:
    """``onrecord serve`` in a process of its own, on the module bot's knowledge base file, behind a fake Discord of its own."""

    fake: FakeDiscord
    process: asyncio.subprocess.Process
    log: Path

    @classmethod
    async def start(cls, guild_id: str, db: Path, directory: Path) -> SecondBot:
        """Start the process in server ``guild_id`` (a shard of the same bot, say); return at once, before it is ready."""
        fake = FakeDiscord(guild_id=guild_id)
        await fake.start()
        directory.mkdir()
        environ = {**os.environ, **serve_environ(fake, directory, ONRECORD_COOLDOWN="off", ONRECORD_DB=str(db))}
        log = directory / "serve.log"
        with log.open("wb") as output:
            process = await asyncio.create_subprocess_exec(
                *onrecord("serve"), cwd=REPO, env=environ, stdout=output, stderr=asyncio.subprocess.STDOUT
            )
        return cls(fake, process, log)

    async def wait_ready(self) -> None:
        ready = asyncio.ensure_future(self.fake.wait_ready(120))
        exited = asyncio.ensure_future(self.process.wait())
        await asyncio.wait({ready, exited}, return_when=asyncio.FIRST_COMPLETED)
        for waiting in (ready, exited):
            waiting.cancel()
        assert self.fake.ready.is_set(), f"the second bot did not come up: {self.log.read_text()[-1000:]}"

    async def stop(self) -> int:
        """Stop the process as the operator would (SIGTERM); return its exit code."""
        if self.process.returncode is None:
            self.process.terminate()
            try:
                await asyncio.wait_for(self.process.wait(), 15)
            except TimeoutError:
                self.process.kill()
                await self.process.wait()
        await self.fake.close()
        assert self.process.returncode is not None
        return self.process.returncode


async def test_a_second_bot_process_on_the_same_file_sees_an_article_added_through_the_first(curated: Curated):
    c, second = curated, curated.second
    await second.wait_ready()
    assert BRIDGE_WORDS not in await ask_on(second.fake, BRIDGE_QUESTION)

    _, answer = await add(c, file=c.fake.upload("bridge.txt", BRIDGE.encode(), "text/plain"))
    assert answer["content"].startswith("Added.")
    started = time.perf_counter()
    while BRIDGE_WORDS not in (text := await ask_on(second.fake, BRIDGE_QUESTION)):
        assert time.perf_counter() - started < LIVE_WITHIN, f"the second process never answered from it: {text}"
        await asyncio.sleep(0.25)

    removal = await c.fake.slash("article-remove", {"article": "bridge"})
    assert "Removed" in text_of(await answer_of(removal))
    started = time.perf_counter()
    while BRIDGE_WORDS in await ask_on(second.fake, BRIDGE_QUESTION):
        assert time.perf_counter() - started < LIVE_WITHIN, "the second process still answers from it"
        await asyncio.sleep(0.25)


async def ask_on(fake: FakeDiscord, question: str, guild: str | None = None) -> str:
    """Ask through ``fake`` in a server (default its main one); return the answer's text."""
    return text_of(await answer_of(await fake.slash("ask", {"question": question}, guild_id=guild)))
