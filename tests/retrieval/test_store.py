"""The persistent knowledge base: round trip, idempotence, replacement, atomicity, rebuild and search."""

from __future__ import annotations

import dataclasses
import sqlite3
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from knowledge import KnowledgeError
from retrieval import RetrievalError, vector_index
from retrieval.store import IngestReport, KnowledgeBase
from retrieval.units import units_for
from tests.retrieval.store_fixtures import CountingEmbedder, make_article

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def counting(embedder):
    return CountingEmbedder(embedder)


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "kb.sqlite"


def test_round_trip_keeps_articles_units_and_vectors_exactly(db, counting):
    first, second = make_article("first"), make_article("second", topic="the bridge")
    with KnowledgeBase.open(db, counting) as kb:
        report = kb.add_articles([first, second])
        assert (report.articles, report.skipped) == (2, 0)
        assert (report.paragraphs, report.quotes, report.speakers) == (12, 8, 4)
        assert report.passages == len(kb.units) == len(units_for(first)) + len(units_for(second))
        vectors = kb.vectors.copy()
    embedded = len(counting.texts)
    assert embedded == report.embedded > 0

    with KnowledgeBase.open(db, counting, create=False) as kb:
        assert kb.articles == [first, second]
        assert kb.article("second") == second and kb.article("missing") is None
        assert kb.units == units_for(first) + units_for(second)
        assert kb.vectors.dtype == np.float32 and kb.vectors.shape == (len(kb.units), counting.dimension)
        np.testing.assert_array_equal(kb.vectors, vectors)
        assert kb.embedded_on_open == 0
    assert len(counting.texts) == embedded, "opening a stored knowledge base embedded text"


def test_vectors_are_the_embeddings_of_the_units(db, embedder):
    with KnowledgeBase.open(db, embedder) as kb:
        kb.add_articles([make_article()])
        expected = embedder.encode([u.embed_text for u in kb.units])
        np.testing.assert_allclose(kb.vectors, expected, atol=1e-5)
        assert not kb.vectors.flags.writeable


def test_re_adding_the_same_article_is_a_no_op(db, counting):
    article = make_article()
    with KnowledgeBase.open(db, counting) as kb:
        kb.add_articles([article])
        embedded = len(counting.texts)
        report = kb.add_articles([dataclasses.replace(article)])
        assert (report.articles, report.skipped, report.embedded) == (0, 1, 0)
        assert len(kb.articles) == 1
    assert len(counting.texts) == embedded


def test_changed_article_replaces_the_old_and_embeds_only_new_text(db, counting):
    old = make_article()
    new = make_article(extra=" The work starts in May.")
    with KnowledgeBase.open(db, counting) as kb:
        kb.add_articles([old, make_article("other")])
        before = len(counting.texts)
        report = kb.add_articles([new])
        assert (report.articles, report.skipped) == (1, 0)
        assert counting.texts[before:] == [
            p.embed_text for p in units_for(new) if p.embed_text not in {u.embed_text for u in units_for(old)}
        ]
        assert [a.id for a in kb.articles] == ["other", "sample-article"]
        assert kb.article("sample-article") == new
    with KnowledgeBase.open(db, counting) as kb:
        assert kb.articles == [make_article("other"), new]
        assert [u.article_id for u in kb.units].count("sample-article") == len(units_for(new))
        stored = sqlite3.connect(db).execute("SELECT count(*) FROM embeddings").fetchone()[0]
        assert stored == len({u.embed_text for u in kb.units}), "embeddings of replaced text were kept"


def test_same_text_in_two_articles_is_embedded_once(db, counting):
    with KnowledgeBase.open(db, counting) as kb:
        kb.add_articles([make_article("a")])
        before = len(counting.texts)
        report = kb.add_articles([make_article("b")])
        assert report.embedded == 0 and report.reused == report.passages
    assert len(counting.texts) == before


def test_a_failure_half_way_through_writing_leaves_the_store_as_it_was(db, counting, monkeypatch):
    with KnowledgeBase.open(db, counting) as kb:
        kb.add_articles([make_article("kept")])
        before = (list(kb.articles), kb.vectors.copy())
        original = KnowledgeBase._write_article
        calls = []

        def fail_on_second(self, *args, **kwargs):
            calls.append(1)
            if len(calls) == 2:
                raise RuntimeError("disk on fire")
            return original(self, *args, **kwargs)

        monkeypatch.setattr(KnowledgeBase, "_write_article", fail_on_second)
        with pytest.raises(RuntimeError):
            kb.add_articles([make_article("kept", topic="changed"), make_article("new-one"), make_article("new-two")])
        assert len(calls) == 2
        assert kb.articles == before[0]
        np.testing.assert_array_equal(kb.vectors, before[1])
        monkeypatch.undo()
        report = kb.add_articles([make_article("kept")])
        assert report.skipped == 1
    with KnowledgeBase.open(db, counting) as kb:
        assert kb.articles == before[0]
        np.testing.assert_array_equal(kb.vectors, before[1])


KILL_SCRIPT = """
import os, signal, sys
import numpy as np
sys.path.insert(0, {repo!r})
from retrieval.store import KnowledgeBase
from tests.retrieval.store_fixtures import make_article

class RandomEmbedder:
    name, dimension = {name!r}, {dimension}
    def encode(self, texts, **kwargs):
        v = np.random.default_rng(0).normal(size=(len(texts), self.dimension)).astype(np.float32)
        return v / np.linalg.norm(v, axis=1, keepdims=True)

calls = []
original = KnowledgeBase._write_article
def write_then_die(self, *args, **kwargs):
    original(self, *args, **kwargs)
    calls.append(1)
    if len(calls) == 2:
        os.kill(os.getpid(), signal.SIGKILL)
KnowledgeBase._write_article = write_then_die
kb = KnowledgeBase.open({db!r}, RandomEmbedder())
kb.add_articles([make_article("kept", topic="changed"), make_article("x1"), make_article("x2")])
print("not killed")
"""


def test_a_process_killed_in_the_middle_of_an_ingest_leaves_the_store_as_it_was(db, embedder):
    with KnowledgeBase.open(db, embedder) as kb:
        kb.add_articles([make_article("kept")])
        before = (list(kb.articles), kb.vectors.copy())
    script = KILL_SCRIPT.format(repo=str(REPO), name=embedder.name, dimension=embedder.dimension, db=str(db))
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=REPO)
    assert result.returncode == -9, result.stderr[-2000:]
    assert "not killed" not in result.stdout
    with KnowledgeBase.open(db, embedder) as kb:
        assert kb.articles == before[0]
        np.testing.assert_array_equal(kb.vectors, before[1])
    assert sqlite3.connect(db).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_missing_file_without_create_is_an_error_and_creates_nothing(db, embedder):
    with pytest.raises(RetrievalError, match="no knowledge base at .*onrecord ingest"):
        KnowledgeBase.open(db, embedder, create=False)
    assert not db.exists()


def test_a_folder_as_database_is_an_error(tmp_path, embedder):
    with pytest.raises(RetrievalError, match="is a folder"):
        KnowledgeBase.open(tmp_path, embedder)


def test_the_vector_index_is_rebuilt_after_an_ingest(db, embedder, monkeypatch):
    monkeypatch.setattr(vector_index, "EXACT_SEARCH_LIMIT", 0)
    monkeypatch.setattr(vector_index, "SHORTLIST_MIN", 6)
    monkeypatch.setattr(vector_index, "SHORTLIST_FACTOR", 2)
    with KnowledgeBase.open(db, embedder) as kb:
        kb.add_articles([make_article("a"), make_article("b", topic="the bridge")])
        query = embedder.encode_query("what about the lighthouse on the coast?")
        kb.nearest(query, 1)  # the binary copy of the first two articles is made here
        kb.add_articles([make_article("c", topic="a lighthouse on the coast")])
        wanted = next(i for i, u in enumerate(kb.units) if "lighthouse" in u.embed_text)
        indices, _ = kb.nearest(kb.vectors[wanted], 1)
        assert "lighthouse" in kb.units[indices[0]].embed_text, "the binary copy was not rebuilt after an ingest"


def test_in_memory_answers_from_exactly_its_articles_and_caches_embeddings(tmp_path, counting):
    cache = tmp_path / "cache.sqlite"
    KnowledgeBase.in_memory([make_article("elsewhere", topic="the airport")], counting, cache_path=cache)
    counting.texts.clear()
    kb = KnowledgeBase.in_memory([make_article("wanted")], counting, cache_path=cache)
    assert [a.id for a in kb.articles] == ["wanted"]
    assert {u.article_id for u in kb.units} == {"wanted"}
    embedded = set(counting.texts)
    assert embedded and not any("airport" in t for t in embedded)

    counting.texts.clear()
    again = KnowledgeBase.in_memory([make_article("wanted")], counting, cache_path=cache)
    assert counting.texts == [], "cached embeddings were not reused"
    np.testing.assert_array_equal(again.vectors, kb.vectors)


def test_rebuild_replaces_everything_and_reuses_embeddings(tmp_path, db, counting, caplog):
    files = []
    for name in ("one", "two"):
        path = tmp_path / f"{name}.txt"
        path.write_text(f"A paragraph about {name}.\n\nAnother paragraph, this one on {name} too.\n")
        files.append(path)
    with KnowledgeBase.open(db, counting) as kb:
        kb.add_articles([make_article("stale")])
    report = KnowledgeBase.rebuild(db, files, counting)
    assert (report.articles, report.skipped) == (2, 0)
    with KnowledgeBase.open(db, counting) as kb:
        assert [a.id for a in kb.articles] == ["one", "two"]
    counting.texts.clear()
    report = KnowledgeBase.rebuild(db, files, counting)
    assert report.articles == 2 and report.embedded == 0 and counting.texts == []
    assert not [r for r in caplog.records if r.levelname == "WARNING"], "the old file was written to"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_rebuild_with_a_bad_file_keeps_the_old_store(tmp_path, db, counting):
    with KnowledgeBase.open(db, counting) as kb:
        kb.add_articles([make_article("kept")])
    with pytest.raises(KnowledgeError):
        KnowledgeBase.rebuild(db, [tmp_path / "missing.txt"], counting)
    with KnowledgeBase.open(db, counting) as kb:
        assert [a.id for a in kb.articles] == ["kept"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kb.sqlite"]


def test_ingest_with_a_bad_file_writes_nothing(tmp_path, db, counting):
    good = tmp_path / "good.txt"
    good.write_text("A paragraph of the story.\n\nAnother paragraph.\n")
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n")
    with KnowledgeBase.open(db, counting) as kb:
        kb.add_articles([make_article()])
        for bad in ([good, empty], [good, tmp_path / "missing.txt"]):
            with pytest.raises(KnowledgeError):
                kb.ingest(bad)
            assert [a.id for a in kb.articles] == ["sample-article"]
    with KnowledgeBase.open(db, counting) as kb:
        assert [a.id for a in kb.articles] == ["sample-article"]


def test_a_write_the_database_refuses_is_a_clear_error(db, counting):
    with KnowledgeBase.open(db, counting) as kb:
        kb.add_articles([make_article("kept")])
        kb._conn.execute("PRAGMA query_only = ON")  # as a read-only file or a full disk would
        with pytest.raises(RetrievalError, match="cannot write to .*nothing was changed"):
            kb.add_articles([make_article("refused")])
        assert [a.id for a in kb.articles] == ["kept"]


def test_two_files_of_one_article_id_are_refused(tmp_path, db, counting):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(f"A paragraph from folder {folder}.\n")
    with KnowledgeBase.open(db, counting) as kb:
        with pytest.raises(RetrievalError, match="both article 'story'"):
            kb.ingest([tmp_path / "a", tmp_path / "b"])
        assert kb.articles == []
    with pytest.raises(RetrievalError, match="both article 'story'"):
        KnowledgeBase.in_memory([tmp_path / "a" / "story.txt", tmp_path / "b" / "story.txt"], counting)


def test_units_redefined_since_ingest_are_embedded_once_on_open(db, counting, monkeypatch):
    with KnowledgeBase.open(db, counting) as kb:
        kb.add_articles([make_article()])
        old_units = list(kb.units)
    import retrieval.units as units_module

    original = units_module.units_for

    def with_context(article):
        return [
            dataclasses.replace(u, embed_text=f"{article.title}: {u.embed_text}") if u.kind == "paragraph" else u
            for u in original(article)
        ]

    monkeypatch.setattr(units_module, "units_for", with_context)
    counting.texts.clear()
    with KnowledgeBase.open(db, counting) as kb:
        changed = [u.embed_text for u in kb.units if u.kind == "paragraph"]
        assert sorted(counting.texts) == sorted(set(changed)) and kb.embedded_on_open == len(set(changed))
        assert len(kb.units) == len(old_units)
        np.testing.assert_allclose(kb.vectors, counting.inner.encode([u.embed_text for u in kb.units]), atol=1e-5)
    counting.texts.clear()
    with KnowledgeBase.open(db, counting) as kb:
        assert counting.texts == [] and kb.embedded_on_open == 0


def test_nearest_is_the_exact_top_k_over_all_or_some_rows(db, embedder):
    with KnowledgeBase.open(db, embedder) as kb:
        kb.add_articles(
            [make_article("a"), make_article("b", topic="the bridge"), make_article("c", topic="the school")]
        )
        query = embedder.encode_query("what did the mayor say about rebuilding the bridge?")
        exact = kb.vectors @ query
        indices, cosines = kb.nearest(query, 5)
        np.testing.assert_array_equal(indices, np.argsort(-exact, kind="stable")[:5])
        np.testing.assert_allclose(cosines, exact[indices], rtol=1e-6)
        rows = np.array([i for i, u in enumerate(kb.units) if u.article_id == "c"])
        indices, _ = kb.nearest(query, 3, rows=rows)
        assert set(indices) <= set(rows.tolist()) and len(indices) == 3
        assert kb.nearest(query, 0)[0].size == 0 and len(kb.nearest(query, 10**6)[0]) == len(kb.units)


def test_ingest_summary_counts_in_english():
    one = IngestReport(
        articles=1, skipped=0, paragraphs=1, quotes=1, speakers=1, embedded=1, reused=0, seconds=0.1, passages=1
    )
    assert "1 article ingested" in one.summary()
    assert "1 paragraph, 1 quotation, 1 speaker; 1 passage:" in one.summary()
    two = IngestReport(
        articles=2, skipped=0, paragraphs=2, quotes=0, speakers=2, embedded=2, reused=0, seconds=0.1, passages=2
    )
    assert "2 articles ingested" in two.summary()
    assert "2 paragraphs, 0 quotations, 2 speakers; 2 passages:" in two.summary()
