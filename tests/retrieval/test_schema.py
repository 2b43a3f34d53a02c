"""The knowledge base's schema: new files, upgrades of older ones in place, and files that are refused."""

from __future__ import annotations

import dataclasses
import json
import os
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from knowledge import Article, reporting
from retrieval import RetrievalError
from retrieval.embedding_cache import text_hash
from retrieval.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION
from retrieval.store import KnowledgeBase, article_hash
from retrieval.units import units_for
from tests.retrieval.store_fixtures import RandomEmbedder, make_article

# The tables as schema 1 wrote them: what an upgrade starts from.
SCHEMA_1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE articles (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    title TEXT, date TEXT, source TEXT,
    content_hash TEXT NOT NULL,
    origin TEXT,
    ingested_at TEXT NOT NULL
);
CREATE TABLE paragraphs (
    article_seq INTEGER NOT NULL, pos INTEGER NOT NULL,
    idx INTEGER NOT NULL, source_index INTEGER NOT NULL, role TEXT NOT NULL, text TEXT NOT NULL,
    PRIMARY KEY (article_seq, pos)
) WITHOUT ROWID;
CREATE TABLE quotes (
    article_seq INTEGER NOT NULL, pos INTEGER NOT NULL,
    id TEXT NOT NULL, text TEXT NOT NULL, paragraphs TEXT NOT NULL, kind TEXT NOT NULL,
    speaker TEXT, cue TEXT, repeats TEXT,
    PRIMARY KEY (article_seq, pos)
) WITHOUT ROWID;
CREATE TABLE speakers (
    article_seq INTEGER NOT NULL, pos INTEGER NOT NULL,
    name TEXT NOT NULL, role TEXT, aliases TEXT NOT NULL,
    PRIMARY KEY (article_seq, pos)
) WITHOUT ROWID;
CREATE TABLE mentions (
    article_seq INTEGER NOT NULL, pos INTEGER NOT NULL,
    name TEXT NOT NULL, role TEXT, paragraphs TEXT NOT NULL,
    PRIMARY KEY (article_seq, pos)
) WITHOUT ROWID;
CREATE TABLE units (
    article_seq INTEGER NOT NULL, pos INTEGER NOT NULL,
    key TEXT NOT NULL, text_hash TEXT NOT NULL,
    PRIMARY KEY (article_seq, pos)
) WITHOUT ROWID;
CREATE INDEX units_by_hash ON units (text_hash);
CREATE TABLE embeddings (
    id INTEGER PRIMARY KEY,
    model TEXT NOT NULL, hash TEXT NOT NULL, dimension INTEGER NOT NULL, vector BLOB NOT NULL,
    UNIQUE (model, hash)
);
"""


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "kb.sqlite"


@pytest.fixture
def embedder() -> RandomEmbedder:
    return RandomEmbedder()


def without_reports(article: Article) -> Article:
    return dataclasses.replace(article, paragraphs=[dataclasses.replace(p, reports=None) for p in article.paragraphs])


def write_schema_1(path: Path, embedder: RandomEmbedder, articles: list[Article]) -> np.ndarray:
    """Write ``articles`` as a schema-1 knowledge base did, and return the vectors stored for their units."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA page_size = 8192")
    conn.executescript(SCHEMA_1)
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO meta (key, value) VALUES (?, ?)",
        [
            ("schema", "1"),
            ("model", embedder.name),
            ("dimension", str(embedder.dimension)),
            ("created_at", "2025-01-01T00:00:00+00:00"),
            ("updated_at", "2025-01-01T00:00:00+00:00"),
        ],
    )
    stored: dict[str, np.ndarray] = {}
    rows = []
    for article in articles:
        seq = conn.execute(
            "INSERT INTO articles (id, title, date, source, content_hash, origin, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                article.id,
                article.title,
                article.date,
                article.source,
                "a schema-1 hash",
                None,
                "2025-01-01T00:00:00+00:00",
            ),
        ).lastrowid
        conn.executemany(
            "INSERT INTO paragraphs (article_seq, pos, idx, source_index, role, text) VALUES (?, ?, ?, ?, ?, ?)",
            [(seq, i, p.index, p.source_index, p.role, p.text) for i, p in enumerate(article.paragraphs)],
        )
        conn.executemany(
            "INSERT INTO quotes (article_seq, pos, id, text, paragraphs, kind, speaker, cue, repeats) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (seq, i, q.id, q.text, json.dumps(q.paragraphs), q.kind, q.speaker, q.cue, q.repeats)
                for i, q in enumerate(article.quotes)
            ],
        )
        conn.executemany(
            "INSERT INTO speakers (article_seq, pos, name, role, aliases) VALUES (?, ?, ?, ?, ?)",
            [(seq, i, s.name, s.role, json.dumps(s.aliases)) for i, s in enumerate(article.speakers)],
        )
        conn.executemany(
            "INSERT INTO mentions (article_seq, pos, name, role, paragraphs) VALUES (?, ?, ?, ?, ?)",
            [(seq, i, m.name, m.role, json.dumps(m.paragraphs)) for i, m in enumerate(article.mentions)],
        )
        units = units_for(article)
        new = list(dict.fromkeys(u.embed_text for u in units if u.embed_text not in stored))
        stored.update(zip(new, embedder.encode(new), strict=True))
        conn.executemany(
            "INSERT INTO units (article_seq, pos, key, text_hash) VALUES (?, ?, ?, ?)",
            [(seq, i, u.key, text_hash(u.embed_text)) for i, u in enumerate(units)],
        )
        conn.executemany(
            "INSERT INTO embeddings (model, hash, dimension, vector) VALUES (?, ?, ?, ?)",
            [(embedder.name, text_hash(t), embedder.dimension, stored[t].tobytes()) for t in new],
        )
        rows += [stored[u.embed_text] for u in units]
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    conn.execute("COMMIT")
    conn.close()
    embedder.texts.clear()
    return np.stack(rows)


def fake_reports(calls: list[str]):
    """A paragraph_reports that says the first speaker is reported by every even paragraph."""

    def paragraph_reports(article: Article) -> list[str | None]:
        calls.append(article.id)
        return [article.speakers[0].name if i % 2 == 0 else None for i in range(len(article.paragraphs))]

    return paragraph_reports


def schema_of(path: Path) -> tuple[int, str, list[str]]:
    conn = sqlite3.connect(path)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        meta = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()[0]
        columns = [row[1] for row in conn.execute("PRAGMA table_info(paragraphs)")]
        return version, meta, columns
    finally:
        conn.close()


def test_a_new_file_has_the_current_schema(db, embedder):
    KnowledgeBase.open(db, embedder).close()
    assert schema_of(db) == (
        SCHEMA_VERSION,
        str(SCHEMA_VERSION),
        ["article_seq", "pos", "idx", "source_index", "role", "text", "reports"],
    )
    assert sorted(MIGRATIONS) == list(range(2, SCHEMA_VERSION + 1))


def test_a_schema_1_file_is_upgraded_in_place_with_reports_and_nothing_embedded(db, embedder, monkeypatch):
    stored = [without_reports(make_article("first")), without_reports(make_article("second", topic="the bridge"))]
    vectors = write_schema_1(db, embedder, stored)
    calls: list[str] = []
    monkeypatch.setattr(reporting, "paragraph_reports", fake_reports(calls))
    expected = [
        dataclasses.replace(
            a,
            paragraphs=[
                dataclasses.replace(p, reports=who)
                for p, who in zip(a.paragraphs, reporting.paragraph_reports(a), strict=True)
            ],
        )
        for a in stored
    ]
    calls.clear()

    with KnowledgeBase.open(db, embedder, create=False) as kb:
        assert calls == ["first", "second"]
        assert kb.articles == expected
        assert kb.articles[0].paragraphs[0].reports == "Ana Ortiz" and kb.articles[0].paragraphs[1].reports is None
        assert embedder.texts == [] and kb.embedded_on_open == 0
        np.testing.assert_array_equal(kb.vectors, vectors)
        report = kb.add_articles(expected)
        assert (report.articles, report.skipped) == (0, 2), "the content hash does not cover the upgraded record"
    assert schema_of(db)[:2] == (SCHEMA_VERSION, str(SCHEMA_VERSION))
    assert "reports" in schema_of(db)[2]

    with KnowledgeBase.open(db, embedder, create=False) as kb:
        assert kb.articles == expected
    assert calls == ["first", "second"], "an upgraded file was upgraded again"
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT content_hash FROM articles ORDER BY seq").fetchall() == [
        (article_hash(a),) for a in expected
    ]
    conn.close()


def test_a_changed_article_after_an_upgrade_reuses_the_stored_embeddings(db, embedder, monkeypatch):
    article = without_reports(make_article())
    write_schema_1(db, embedder, [article])
    monkeypatch.setattr(reporting, "paragraph_reports", lambda a: [None] * len(a.paragraphs))
    with KnowledgeBase.open(db, embedder) as kb:
        report = kb.add_articles([make_article()])  # the same text, other reports
        assert (report.articles, report.embedded) == (1, 0)
        assert kb.articles == [make_article()]
    assert embedder.texts == []


def test_an_upgrade_that_fails_leaves_the_file_at_its_old_schema(db, embedder, monkeypatch):
    write_schema_1(db, embedder, [without_reports(make_article())])
    before = db.read_bytes()
    monkeypatch.setattr(reporting, "paragraph_reports", lambda article: [None])  # one report for six paragraphs
    with pytest.raises(RetrievalError, match=r"6 paragraphs.*rebuild") as error:
        KnowledgeBase.open(db, embedder)
    assert "\n" not in str(error.value)
    assert db.read_bytes() == before
    assert schema_of(db)[:2] == (1, "1") and "reports" not in schema_of(db)[2]


def test_a_file_that_cannot_be_written_says_it_needs_an_upgrade(db, embedder, monkeypatch):
    write_schema_1(db, embedder, [without_reports(make_article())])
    before = db.read_bytes()
    connect = sqlite3.connect

    def read_only(*args, **kwargs):
        conn = connect(*args, **kwargs)
        conn.execute("PRAGMA query_only = ON")  # as a file without write permission would
        return conn

    monkeypatch.setattr(sqlite3, "connect", read_only)
    with pytest.raises(
        RetrievalError,
        match=rf"schema 1 and must be upgraded to schema {SCHEMA_VERSION}, but cannot be written.*--rebuild",
    ) as error:
        KnowledgeBase.open(db, embedder, create=False)
    assert "\n" not in str(error.value)
    monkeypatch.undo()
    assert db.read_bytes() == before


def write_schema_2(path: Path, embedder: RandomEmbedder, articles: list[Article]) -> np.ndarray:
    """Write ``articles`` as a schema-2 knowledge base did (schema 1 plus its migration), and return the vectors."""
    vectors = write_schema_1(path, embedder, articles)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    MIGRATIONS[2](conn)
    conn.execute("UPDATE meta SET value = '2' WHERE key = 'schema'")
    conn.execute("PRAGMA user_version = 2")
    conn.execute("COMMIT")
    conn.close()
    return vectors


def test_a_schema_2_file_gets_collections_in_place_with_its_articles_global(db, embedder):
    stored = [make_article("first"), make_article("second", topic="the bridge")]
    vectors = write_schema_2(db, embedder, stored)
    conn = sqlite3.connect(db)
    # An article deleted before the upgrade: its seq must not be handed out again.
    conn.execute("DELETE FROM articles WHERE id = 'second'")
    conn.commit()
    before = conn.execute("SELECT seq, id, content_hash FROM articles ORDER BY seq").fetchall()
    conn.close()

    with KnowledgeBase.open(db, embedder, create=False) as kb:
        assert [a.id for a in kb.articles] == ["first"]
        assert kb.articles_in(None) == kb.articles and kb.collections() == []
        assert embedder.texts == [] and kb.embedded_on_open == 0
        np.testing.assert_array_equal(kb.vectors, vectors[: len(kb.units)])
        first = kb.articles[0]
        assert (kb.add_articles([first]).skipped, kb.add_articles([first], collection="g1").articles) == (1, 1)
        assert [(c, a.id) for c, a in kb.visible("g1")] == [("g1", "first")]
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT seq, id, content_hash FROM articles WHERE collection IS NULL").fetchall() == before
    assert conn.execute("SELECT seq FROM articles WHERE collection = 'g1'").fetchone()[0] == 3
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute(
            "INSERT INTO articles (id, content_hash, ingested_at, collection) VALUES ('first', 'x', 'now', 'g1')"
        )
    conn.close()
    assert schema_of(db)[:2] == (SCHEMA_VERSION, str(SCHEMA_VERSION))


@pytest.mark.parametrize("version, word", [(0, "older"), (SCHEMA_VERSION + 1, "newer")])
def test_a_schema_it_cannot_upgrade_is_refused_with_how_to_rebuild(db, embedder, version, word):
    KnowledgeBase.open(db, embedder).close()
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.close()
    before = db.read_bytes()
    with pytest.raises(RetrievalError, match=rf"{word} version of onrecord.*--rebuild") as error:
        KnowledgeBase.open(db, embedder)
    assert "\n" not in str(error.value)
    assert db.read_bytes() == before


def test_model_mismatch_tells_how_to_rebuild(db, embedder):
    with KnowledgeBase.open(db, RandomEmbedder(name="someone/other-model")) as kb:
        kb.add_articles([make_article()])
    with pytest.raises(RetrievalError, match=r"someone/other-model.*--rebuild") as error:
        KnowledgeBase.open(db, embedder)
    assert "\n" not in str(error.value)


def test_dimension_mismatch_is_a_model_mismatch(db, embedder):
    KnowledgeBase.open(db, RandomEmbedder(dimension=embedder.dimension * 2)).close()
    with pytest.raises(RetrievalError, match=rf"{embedder.dimension * 2} dimensions.*rebuild"):
        KnowledgeBase.open(db, embedder)


def truncated_db(path: Path, embedder) -> None:
    with KnowledgeBase.open(path, embedder) as kb:
        kb.add_articles([make_article(f"a{i}", topic=f"topic {i}") for i in range(6)])
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def truncated_schema_1(path: Path, embedder) -> None:
    write_schema_1(path, embedder, [without_reports(make_article(f"a{i}", topic=f"topic {i}")) for i in range(40)])
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


@pytest.mark.parametrize(
    "damage",
    [
        lambda p, e: p.write_bytes(os.urandom(64 * 1024)),
        lambda p, e: p.write_text("Just some notes, not a database.\n" * 100),
        truncated_db,
        truncated_schema_1,
    ],
    ids=["random-bytes", "text-file", "truncated", "truncated-schema-1"],
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
