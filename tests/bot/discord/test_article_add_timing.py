"""How long /article-add takes from command to answer, and how long other people's questions wait meanwhile.

A benchmark, not part of the default run: ``ONRECORD_BENCHMARK=1 .venv/bin/python -m pytest -s
tests/bot/discord/test_article_add_timing.py``. The real ``onrecord serve`` code path runs against
the fake Discord as in test_load.py; the knowledge base is a file holding one dev article as a
global one (so the added articles' passages are not already embedded). Each round a moderator
attaches an article; the time is taken from the command to the deferred acknowledgement, to
the follow-up with the summary, and to the first /ask answered from the new article (asked as
soon as the summary arrives). Meanwhile several other people keep asking about the global
article; their questions are timed from dispatch to acknowledgement and to answer, those
asked while the article was being added apart from those asked before. The article is then
removed (its embeddings with it), so every round embeds it afresh. The figures are printed
and written to ``article_add_latency.json`` in pytest's base temporary directory.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import pytest_asyncio

from bot.discord.model_work import default_threads
from knowledge import load_article
from retrieval import Answerer
from retrieval.store import KnowledgeBase
from tests.bot.discord.fake_discord import Exchange, FakeDiscord, discord_endpoints_restored, stop_task
from tests.bot.discord.test_e2e import answer_of, percentile, serve_environ, start_bot, text_of
from tests.conftest import DEV_DIR, SEED_DIR, SHARED

pytestmark = [
    pytest.mark.slow,
    pytest.mark.asyncio(loop_scope="module"),
    pytest.mark.skipif(os.environ.get("ONRECORD_BENCHMARK") != "1", reason="a benchmark: set ONRECORD_BENCHMARK=1"),
]

ROUNDS = int(os.environ.get("ONRECORD_BENCHMARK_ROUNDS", "3"))
ASKERS = 4  # other people asking about the global article throughout
PAUSE = 0.25  # seconds each of them waits between an answer and their next question
IDLE_QUESTIONS = 5  # each asker's questions timed before any article is added
GLOBAL_ARTICLE = DEV_DIR / "05_reuters_fed-rate-hike.txt"
POLNEAR_TRAIN = SHARED / "polnear" / "train"
LONG_WORDS = 5000


def long_article() -> Path:
    """The PolNeAR train article whose length is nearest 5,000 words."""
    candidates = sorted(POLNEAR_TRAIN.glob("*.txt"))
    if not candidates:
        pytest.skip(f"no PolNeAR train articles at {POLNEAR_TRAIN}")
    return min(candidates, key=lambda p: abs(len(p.read_text().split()) - LONG_WORDS))


@dataclass
class Asked:
    """One question by another person: when it went out, and how long until it was acknowledged and answered."""

    at: float
    acknowledged: float
    answered: float


@dataclass
class Askers:
    """Other people asking about the global article, one question at a time each, until stopped."""

    fake: FakeDiscord
    questions: list[str]
    asked: list[Asked] = field(default_factory=list)
    stopping: bool = False

    async def run(self, n: int) -> None:
        await asyncio.gather(*(self._one(i) for i in range(n)))

    async def _one(self, i: int) -> None:
        user = self.fake.make_user(f"reader{i}")
        turn = i
        while not self.stopping:
            question = self.questions[turn % len(self.questions)]
            turn += 1
            exchange = await self.fake.slash("ask", {"question": question}, user=user)
            callback = await exchange.response(30)
            final = await exchange.final(60)
            assert final.status < 400 and "embeds" in (final.message_payload() or {}), final
            self.asked.append(
                Asked(exchange.dispatched_at, callback.at - exchange.dispatched_at, final.at - exchange.dispatched_at)
            )
            await asyncio.sleep(PAUSE)


def summary(seconds: list[float]) -> dict:
    ms = [s * 1000 for s in seconds]
    if not ms:
        return {"n": 0}
    return {
        "n": len(ms),
        "p50": round(statistics.median(ms)),
        "p95": round(percentile(ms, 0.95)),
        "max": round(max(ms)),
    }


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def bench_bot(tmp_path_factory, embedder):
    if not GLOBAL_ARTICLE.exists() or not SEED_DIR.is_dir():
        pytest.skip(f"no dev and seed articles under {SHARED}")
    directory = tmp_path_factory.mktemp("article-add-bench")
    kb = KnowledgeBase.open(directory / "kb.sqlite", embedder)
    kb.ingest([GLOBAL_ARTICLE])
    fake = FakeDiscord()
    await fake.start()
    environ = serve_environ(fake, directory, ONRECORD_COOLDOWN="off", ONRECORD_DB=str(directory / "kb.sqlite"))
    try:
        with discord_endpoints_restored():
            task = await start_bot(fake, environ, Answerer(kb, embedder))
            try:
                yield fake, kb
            finally:
                await stop_task(task)
    finally:
        await fake.close()
        kb.close()


async def add_and_ask(fake: FakeDiscord, path: Path, question: str, quoted: list[str]) -> dict:
    """Attach ``path`` with /article-add, then ask ``question`` as soon as the summary is back; return the timings (s)."""
    attachment = fake.upload(path.name, path.read_bytes(), "text/plain; charset=utf-8")
    add: Exchange = await fake.slash("article-add", {"file": attachment})
    callback = await add.response(10)
    summary_request = await add.final(300)
    reply = summary_request.message_payload() or {}
    assert (reply.get("content") or "").startswith("Added."), reply
    ask = await fake.slash("ask", {"question": question})
    final = await ask.final(60)
    answer = final.message_payload() or {}
    assert any(q[:30] in text_of(answer) for q in quoted), f"not answered from the new article: {text_of(answer)[:300]}"
    return {
        "acknowledged": callback.at - add.dispatched_at,
        "summary": summary_request.at - add.dispatched_at,
        "answered": final.at - add.dispatched_at,
        "window": (add.dispatched_at, summary_request.at),
    }


async def test_article_add_from_command_to_answer_and_others_waiting(bench_bot, tmp_path_factory):
    fake, kb = bench_bot
    global_questions = [case["q"] for case in json.loads(GLOBAL_ARTICLE.with_suffix(".qa.json").read_text())["cases"]]
    seed = next(SEED_DIR.glob("*.txt"))
    articles = {"seed": seed, "long": long_article()}
    load_before = os.getloadavg()

    askers = Askers(fake, global_questions)
    running = asyncio.create_task(askers.run(ASKERS))
    while len(askers.asked) < ASKERS * IDLE_QUESTIONS:
        await asyncio.sleep(0.1)
    idle = list(askers.asked)

    report: dict = {
        "cpus": os.cpu_count(),
        "model_threads": default_threads(),
        "askers": ASKERS,
        "rounds": ROUNDS,
        "articles": {},
    }
    windows: dict[str, list[tuple[float, float]]] = {name: [] for name in articles}
    for name, path in articles.items():
        article = load_article(path)
        speaker = max(article.speakers, key=lambda s: len(article.quotes_by(s.name)))
        question = f"what did {speaker.name} say?"
        quoted = [q.text for q in article.quotes_by(speaker.name)]
        rounds = []
        for _ in range(ROUNDS):
            timings = await add_and_ask(fake, path, question, quoted)
            windows[name].append(timings.pop("window"))
            rounds.append(timings)
            removal = await fake.slash("article-remove", {"article": article.id})
            assert "Removed" in text_of(await answer_of(removal))
            await asyncio.sleep(1.0)
        report["articles"][name] = {
            "file": path.name,
            "words": len(path.read_text().split()),
            "paragraphs": len(article.paragraphs),
            "quotes": len(article.quotes),
            **{key: summary([r[key] for r in rounds]) for key in ("acknowledged", "summary", "answered")},
        }
    askers.stopping = True
    await asyncio.wait_for(running, 120)

    report["others_idle"] = {
        "acknowledged": summary([a.acknowledged for a in idle]),
        "answered": summary([a.answered for a in idle]),
    }
    for name, spans in windows.items():
        during = [a for a in askers.asked if any(start <= a.at <= end for start, end in spans)]
        report[f"others_during_{name}"] = {
            "acknowledged": summary([a.acknowledged for a in during]),
            "answered": summary([a.answered for a in during]),
        }
    report["load_average_before"] = [round(x, 2) for x in load_before]
    report["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    path = tmp_path_factory.getbasetemp() / "article_add_latency.json"
    path.write_text(json.dumps(report, indent=2))
    print(f"\nBENCHMARK /article-add then /ask, {ASKERS} others asking: {json.dumps(report)} ({path})")
