"""The persistent knowledge base: round trip, idempotence, replacement, atomicity, and damaged files."""

from __future__ import annotations

import dataclasses
import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from knowledge import Article, KnowledgeError, Mention, Paragraph, Quote, Speaker
from retrieval import RetrievalError
from retrieval.store import KnowledgeBase, article_paths, default_db_path
from retrieval.units import units_for

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[2]



def make_article(article_id: str = "sample-article", *, topic: str = "the harbour", extra: str = "") -> Article:
    """An article exercising every field of the records: pull quote, multi-paragraph quote, repeats, mentions."""
    paragraphs = [
        Paragraph(0, f"The mayor, Ana Ortiz, said the council would rebuild {topic} by spring.", 0),
        Paragraph(1, f"“We will not leave {topic} in ruins,” Ortiz told reporters on Tuesday.", 1),
        Paragraph(2, "We will not leave it in ruins Ana Ortiz", 3, "pullquote"),
        Paragraph(3, "“The money is there. The plan is there.", 4),
        Paragraph(4, "“What we need now is time,” she said, adding that Luis Vega had been consulted.", 5),
        Paragraph(5, f"A spokesperson for the port authority said it “welcomed the decision”.{extra}", 6),
    ]
    quotes = [
        Quote("q1", f"We will not leave {topic} in ruins,", [1], "direct", "Ana Ortiz", "told reporters"),
        Quote("q2", "We will not leave it in ruins", [2], "pullquote", "Ana Ortiz", None, repeats="q1"),
        Quote("q3", "The money is there. The plan is there.\nWhat we need now is time,", [3, 4], "direct", "Ana Ortiz", "said"),
        Quote("q4", "welcomed the decision", [5], "partial", "port authority spokesperson", "said"),
    ]
    speakers = [
        Speaker("Ana Ortiz", "mayor", ["Ortiz", "the mayor", "Ana Ortiz’s"]),
        Speaker("port authority spokesperson", None, []),
    ]
    mentions = [Mention("Luis Vega", None, [4])]
    return Article(article_id, f"Council to rebuild {topic}", "2024-03-05", "Example Gazette", paragraphs, quotes, speakers, mentions)


class CountingEmbedder:
    """Wraps the real embedder and counts the texts it is asked to embed."""

    def __init__(self, inner, name: str | None = None, dimension: int | None = None) -> None:
        self.inner = inner
        self.name = name or inner.name
        self.dimension = dimension or inner.dimension
        self.texts: list[str] = []

    def encode(self, texts, *, batch_size=64, progress=False):
        self.texts.extend(texts)
        vectors = self.inner.encode(texts, batch_size=batch_size)
        if self.dimension != self.inner.dimension:
            vectors = np.resize(vectors, (len(texts), self.dimension)).astype(np.float32)
        return vectors

    def encode_query(self, text):
        return self.inner.encode_query(text)


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
        assert counting.texts[before:] == [p.embed_text for p in units_for(new) if p.embed_text not in {u.embed_text for u in units_for(old)}]
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
sys.path.insert(0, {tests!r})
from retrieval.store import KnowledgeBase
from test_store import make_article

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
    script = KILL_SCRIPT.format(tests=str(Path(__file__).parent), name=embedder.name, dimension=embedder.dimension, db=str(db))
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=REPO)
    assert result.returncode == -9, result.stderr[-2000:]
    assert "not killed" not in result.stdout
    with KnowledgeBase.open(db, embedder) as kb:
        assert kb.articles == before[0]
        np.testing.assert_array_equal(kb.vectors, before[1])
    assert sqlite3.connect(db).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_model_mismatch_tells_how_to_rebuild(db, embedder):
    other = CountingEmbedder(embedder, name="someone/other-model")
    with KnowledgeBase.open(db, other) as kb:
        kb.add_articles([make_article()])
    with pytest.raises(RetrievalError, match=r"someone/other-model.*--rebuild") as error:
        KnowledgeBase.open(db, embedder)
    assert "\n" not in str(error.value)


def test_dimension_mismatch_is_a_model_mismatch(db, embedder):
    wider = CountingEmbedder(embedder, dimension=embedder.dimension * 2)
    KnowledgeBase.open(db, wider).close()
    with pytest.raises(RetrievalError, match=r"768 dimensions.*rebuild"):
        KnowledgeBase.open(db, embedder)


@pytest.mark.parametrize("version, word", [(0, "older"), (99, "newer")])
def test_other_schema_version_tells_how_to_rebuild(db, embedder, version, word):
    KnowledgeBase.open(db, embedder).close()
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.close()
    with pytest.raises(RetrievalError, match=rf"{word} version of onrecord.*--rebuild"):
        KnowledgeBase.open(db, embedder)


def truncated_db(path: Path, embedder) -> None:
    with KnowledgeBase.open(path, embedder) as kb:
        kb.add_articles([make_article(f"a{i}", topic=f"topic {i}") for i in range(6)])
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


@pytest.mark.parametrize(
    "damage",
    [
        lambda p, e: p.write_bytes(os.urandom(64 * 1024)),
        lambda p, e: p.write_text("Just some notes, not a database.\n" * 100),
        truncated_db,
    ],
    ids=["random-bytes", "text-file", "truncated"],
)
def test_a_damaged_file_is_a_clear_error_and_is_left_alone(db, embedder, damage):
    damage(db, embedder)
    before = db.read_bytes()
    with pytest.raises(RetrievalError, match=r"onrecord knowledge base.*(delete|rebuild)") as error:
        KnowledgeBase.open(db, embedder)
    assert "\n" not in str(error.value)
    assert db.read_bytes() == before


def damaged_values(path: Path, embedder, statement: str) -> None:
    with KnowledgeBase.open(path, embedder) as kb:
        kb.add_articles([make_article()])
    conn = sqlite3.connect(path)
    conn.execute(statement)
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE meta SET value = 'wide' WHERE key = 'dimension'",
        "UPDATE quotes SET paragraphs = '[1, 2'",
        "UPDATE speakers SET aliases = 'not json'",
    ],
    ids=["dimension", "quote-paragraphs", "speaker-aliases"],
)
def test_stored_values_that_no_longer_parse_are_a_clear_error(db, embedder, statement):
    damaged_values(db, embedder, statement)
    before = db.read_bytes()
    with pytest.raises(RetrievalError, match=r"onrecord knowledge base.*(delete|rebuild)") as error:
        KnowledgeBase.open(db, embedder)
    assert "\n" not in str(error.value)
    assert db.read_bytes() == before


def test_another_sqlite_database_is_not_taken_for_a_knowledge_base(db, embedder):
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE notes (text TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(RetrievalError, match="not an onrecord knowledge base"):
        KnowledgeBase.open(db, embedder)


def test_missing_file_without_create_is_an_error_and_creates_nothing(db, embedder):
    with pytest.raises(RetrievalError, match="no knowledge base at .*onrecord ingest"):
        KnowledgeBase.open(db, embedder, create=False)
    assert not db.exists()


def test_a_folder_as_database_is_an_error(tmp_path, embedder):
    with pytest.raises(RetrievalError, match="is a folder"):
        KnowledgeBase.open(tmp_path, embedder)


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


def test_folders_give_their_articles_once_preferring_text(tmp_path):
    for name in ("b.txt", "b.html", "a.htm", "notes.json", "README.md"):
        (tmp_path / name).write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.txt").write_text("x")
    assert [p.name for p in article_paths([tmp_path])] == ["a.htm", "b.txt"]
    assert [p.name for p in article_paths([tmp_path / "b.html", tmp_path / "b.txt"])] == ["b.txt"]
    (tmp_path / "empty").mkdir()
    with pytest.raises(RetrievalError, match="no articles"):
        article_paths([tmp_path / "empty"])


def test_default_db_path_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("ONRECORD_DB", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_db_path() == tmp_path / "onrecord" / "knowledge.sqlite"
    monkeypatch.setenv("ONRECORD_DB", str(tmp_path / "mine.sqlite"))
    assert default_db_path() == tmp_path / "mine.sqlite"


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
        kb.add_articles([make_article("a"), make_article("b", topic="the bridge"), make_article("c", topic="the school")])
        query = embedder.encode_query("what did the mayor say about rebuilding the bridge?")
        exact = kb.vectors @ query
        indices, cosines = kb.nearest(query, 5)
        np.testing.assert_array_equal(indices, np.argsort(-exact, kind="stable")[:5])
        np.testing.assert_allclose(cosines, exact[indices], rtol=1e-6)
        rows = np.array([i for i, u in enumerate(kb.units) if u.article_id == "c"])
        indices, _ = kb.nearest(query, 3, rows=rows)
        assert set(indices) <= set(rows.tolist()) and len(indices) == 3
        assert kb.nearest(query, 0)[0].size == 0 and len(kb.nearest(query, 10**6)[0]) == len(kb.units)


def test_nearest_over_a_sketch_shortlist_still_returns_exact_cosines(db, embedder, monkeypatch):
    import retrieval.store as store

    monkeypatch.setattr(store, "EXACT_SEARCH_LIMIT", 0)
    monkeypatch.setattr(store, "SHORTLIST_MIN", 6)
    monkeypatch.setattr(store, "SHORTLIST_FACTOR", 2)
    with KnowledgeBase.open(db, embedder) as kb:
        kb.add_articles([make_article("a"), make_article("b", topic="the bridge")])
        for i, unit in enumerate(kb.units):
            indices, cosines = kb.nearest(embedder.encode_query(unit.embed_text), 3)
            assert cosines[0] > 0.999 and np.allclose(kb.vectors[indices[0]], kb.vectors[i], atol=1e-5)
            np.testing.assert_allclose(cosines, kb.vectors[indices] @ embedder.encode_query(unit.embed_text), rtol=1e-5)
            assert list(cosines) == sorted(cosines, reverse=True)
        kb.add_articles([make_article("c", topic="a lighthouse on the coast")])
        wanted = next(i for i, u in enumerate(kb.units) if "lighthouse" in u.embed_text)
        indices, _ = kb.nearest(kb.vectors[wanted], 1)
        assert "lighthouse" in kb.units[indices[0]].embed_text, "the sketch was not rebuilt after an ingest"


def test_ingest_summary_counts_in_english():
    from retrieval.store import IngestReport

    one = IngestReport(articles=1, skipped=0, paragraphs=1, quotes=1, speakers=1, embedded=1, reused=0, seconds=0.1, passages=1)
    assert "1 article ingested" in one.summary()
    assert "1 paragraph, 1 quotation, 1 speaker; 1 passage:" in one.summary()
    two = IngestReport(articles=2, skipped=0, paragraphs=2, quotes=0, speakers=2, embedded=2, reused=0, seconds=0.1, passages=2)
    assert "2 articles ingested" in two.summary()
    assert "2 paragraphs, 0 quotations, 2 speakers; 2 passages:" in two.summary()
