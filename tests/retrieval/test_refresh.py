"""Live reload: a knowledge base open in one process takes in what another adds or removes, loading only that."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest

import retrieval.store as store_module
from knowledge import bundled_article_path
from retrieval import Answerer
from retrieval.store import REFRESH_SECONDS, KnowledgeBase
from tests.retrieval.store_fixtures import RandomEmbedder, make_article

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "kb.sqlite"


def held_vectors(kb: KnowledgeBase, article_id: str, collection: str | None = None) -> np.ndarray:
    return kb._held[(collection, article_id)].vectors


def test_another_knowledge_base_on_the_file_sees_additions_replacements_and_removals(db, monkeypatch):
    writer, reader = KnowledgeBase.open(db, RandomEmbedder()), None
    try:
        writer.add_articles([make_article("base")])
        reader = KnowledgeBase.open(db, RandomEmbedder())
        kept = held_vectors(reader, "base")
        assert reader.refresh(force=True) is False, "nothing changed"
        read: list = []
        original = store_module.stored_articles
        monkeypatch.setattr(
            store_module, "stored_articles", lambda conn, seqs=None: read.append(seqs) or original(conn, seqs)
        )

        writer.add_articles([make_article("local", topic="the bridge")], collection="g1")
        assert reader.refresh(force=True) is True
        assert read == [[2]], "only the new article is read"
        assert held_vectors(reader, "base") is kept, "vectors already held were loaded again"
        assert reader.article("local", "g1") == writer.article("local", "g1")
        assert [(c, a.id) for c, a in reader.visible("g1")] == [(None, "base"), ("g1", "local")]
        np.testing.assert_array_equal(reader.vectors, writer.vectors)
        assert [u.key for u in reader.units] == [u.key for u in writer.units]

        changed = make_article("local", topic="the dock")
        writer.add_articles([changed], collection="g1")
        assert reader.refresh(force=True) is True
        assert reader.article("local", "g1") == changed
        np.testing.assert_array_equal(reader.vectors, writer.vectors)

        generation = reader.generation
        writer.remove("local", collection="g1")
        assert reader.refresh(force=True) is True and reader.generation > generation
        assert reader.article("local", "g1") is None and [a.id for a in reader.articles] == ["base"]
        assert held_vectors(reader, "base") is kept
        assert reader.refresh(force=True) is False
    finally:
        writer.close()
        if reader is not None:
            reader.close()


def test_refresh_looks_at_the_file_at_most_once_a_second(db):
    with KnowledgeBase.open(db, RandomEmbedder()) as writer, KnowledgeBase.open(db, RandomEmbedder()) as reader:
        reader.refresh(force=True)
        writer.add_articles([make_article("new")])
        assert reader.refresh() is False and reader.articles == []
        time.sleep(REFRESH_SECONDS + 0.1)
        assert reader.refresh() is True and [a.id for a in reader.articles] == ["new"]


def test_an_in_memory_knowledge_base_has_nothing_to_refresh():
    with KnowledgeBase.in_memory([make_article()], RandomEmbedder()) as kb:
        assert kb.refresh(force=True) is False


def onrecord(*argv: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *argv], cwd=REPO, env=env, capture_output=True, text=True, timeout=300
    )


def answered_within(answerer: Answerer, seconds: float, check) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check(answerer.ask("what did Ortiz say about the harbour?", collection="111")):
            return True
        time.sleep(0.2)
    return False


@pytest.mark.slow
def test_a_running_answerer_answers_from_an_article_ingested_by_onrecord_ingest(tmp_path, db, embedder):
    article = tmp_path / "harbour.txt"
    article.write_text(
        "Council approves harbour rebuild\n\n"
        "The mayor, Ana Ortiz, said on Tuesday that the council had approved the plan to rebuild the harbour.\n\n"
        "“We will rebuild the harbour wall by spring, and the fishing fleet will be back in the water,” Ortiz said.\n"
    )
    with KnowledgeBase.open(db, embedder) as kb:
        kb.ingest([bundled_article_path()])
        answerer = Answerer(kb, embedder)
        assert answerer.ask("what did Ortiz say about the harbour?", collection="111").no_answer

        done = onrecord("ingest", str(article), "--db", str(db), "--collection", "111")
        assert done.returncode == 0, done.stderr
        assert answered_within(answerer, 10, lambda a: not a.no_answer and a.answers[0].speaker == "Ana Ortiz")
        assert answerer.speakers(collection="111")[0].name in {"Ana Ortiz", "John Healey"}
        assert "Ana Ortiz" not in {s.name for s in answerer.speakers(collection="222")}

        done = onrecord("remove", "harbour", "--db", str(db), "--collection", "111")
        assert done.returncode == 0, done.stderr
        assert answered_within(answerer, 10, lambda a: a.no_answer)


class SlowEmbedder(RandomEmbedder):
    """Embeds slowly, as the model does a long article, and says when it has started."""

    def __init__(self) -> None:
        super().__init__()
        self.started = threading.Event()

    def encode(self, texts, **kwargs):
        self.started.set()
        time.sleep(1.0)
        return super().encode(texts, **kwargs)


def test_questions_do_not_wait_for_an_ingest_in_progress(db):
    embedder = SlowEmbedder()
    with KnowledgeBase.open(db, embedder) as kb:
        kb.add_articles([make_article("first")])
        writer = threading.Thread(target=kb.add_articles, args=([make_article("second", topic="the bridge")],))
        writer.start()
        assert embedder.started.wait(5)
        started = time.perf_counter()
        assert kb.refresh(force=True) is False
        assert [a.id for _, a in kb.visible(None)] == ["first"] and kb.articles_in(None)[0].id == "first"
        assert time.perf_counter() - started < 0.5, "reading the knowledge base waited for the ingest"
        writer.join()
        assert [a.id for a in kb.articles] == ["first", "second"]
