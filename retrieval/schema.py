"""The knowledge base's SQLite schema: creating it, recognising it, and upgrading it in place by numbered migrations.

``PRAGMA application_id`` marks a file as an onrecord knowledge base and ``PRAGMA
user_version`` is the schema it holds. A new file gets the current schema at once;
an older one is brought up to date by running, in order and in one transaction,
each migration numbered above its version, so a stored knowledge base is never
thrown away because the schema moved on. A file of a newer schema is refused.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Callable
from pathlib import Path

from knowledge import reporting

from .article_rows import article_hash, now, stored_articles
from .records import RetrievalError

#: The first schema: files older than it cannot be upgraded.
FIRST_VERSION = 1
# "onrc": marks the file as an onrecord knowledge base (PRAGMA application_id).
APPLICATION_ID = 0x6F6E7263
# Bigger pages hold five 384-dimension vectors each instead of two.
PAGE_SIZE = 8192

RECORD_TABLES = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE articles (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL,
    title TEXT, date TEXT, source TEXT,
    content_hash TEXT NOT NULL,
    origin TEXT,
    ingested_at TEXT NOT NULL,
    collection TEXT
);
CREATE UNIQUE INDEX articles_by_id ON articles (ifnull(collection, ''), id);
CREATE TABLE paragraphs (
    article_seq INTEGER NOT NULL, pos INTEGER NOT NULL,
    idx INTEGER NOT NULL, source_index INTEGER NOT NULL, role TEXT NOT NULL, text TEXT NOT NULL,
    reports TEXT,
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
"""

# A rowid table: a vector (1.5 KB for 384 dimensions) is too big a row for WITHOUT ROWID,
# which would put every one on an overflow page of its own. Embedding cache files hold
# this table alone.
EMBEDDINGS_TABLE = """
CREATE TABLE IF NOT EXISTS embeddings (
    id INTEGER PRIMARY KEY,
    model TEXT NOT NULL, hash TEXT NOT NULL, dimension INTEGER NOT NULL, vector BLOB NOT NULL,
    UNIQUE (model, hash)
);
"""

Migration = Callable[[sqlite3.Connection], None]
#: Migration ``n`` turns a schema ``n - 1`` file into a schema ``n`` one.
MIGRATIONS: dict[int, Migration] = {}


def migration(version: int) -> Callable[[Migration], Migration]:
    """Register the decorated function as the migration to schema ``version``."""

    def register(function: Migration) -> Migration:
        MIGRATIONS[version] = function
        return function

    return register


@migration(2)
def _paragraph_reports(conn: sqlite3.Connection) -> None:
    """Paragraphs record the speaker they report: a ``reports`` column, worked out from each stored article.

    Nothing is re-read from source files or re-embedded. Each article's content hash
    is recomputed over the record as it now stands, so ingesting the same article
    again is still a no-op.
    """
    conn.execute("ALTER TABLE paragraphs ADD COLUMN reports TEXT")
    # stored_articles reads every column of the current schema, this one included now.
    for seq, article in stored_articles(conn):
        reports = reporting.paragraph_reports(article)
        if len(reports) != len(article.paragraphs):
            raise ValueError(f"article {article.id!r}: {len(reports)} reports for {len(article.paragraphs)} paragraphs")
        conn.executemany(
            "UPDATE paragraphs SET reports = ? WHERE article_seq = ? AND pos = ?",
            [(who, seq, pos) for pos, who in enumerate(reports)],
        )
        article.paragraphs = [
            dataclasses.replace(p, reports=who) for p, who in zip(article.paragraphs, reports, strict=True)
        ]
        conn.execute("UPDATE articles SET content_hash = ? WHERE seq = ?", (article_hash(article), seq))


@migration(3)
def _collections(conn: sqlite3.Connection) -> None:
    """Articles belong to a collection (NULL: global, seen everywhere); an id is unique within its collection.

    SQLite cannot drop the old UNIQUE constraint on ``id``, so the articles table is
    copied into one of the new shape, keeping every ``seq`` (the key of all other rows)
    and the AUTOINCREMENT counter. Every stored article becomes global.
    """
    conn.execute(
        "CREATE TABLE articles_new (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL, "
        "title TEXT, date TEXT, source TEXT, content_hash TEXT NOT NULL, origin TEXT, ingested_at TEXT NOT NULL, "
        "collection TEXT)"
    )
    conn.execute(
        "INSERT INTO articles_new (seq, id, title, date, source, content_hash, origin, ingested_at) "
        "SELECT seq, id, title, date, source, content_hash, origin, ingested_at FROM articles"
    )
    counter = conn.execute("SELECT ifnull(max(seq), 0) FROM sqlite_sequence WHERE name = 'articles'").fetchone()[0]
    conn.execute("DROP TABLE articles")
    conn.execute("ALTER TABLE articles_new RENAME TO articles")
    # A seq is never handed out twice, even one whose article was deleted before the upgrade.
    copied = conn.execute("SELECT ifnull(max(seq), 0) FROM sqlite_sequence WHERE name = 'articles'").fetchone()[0]
    conn.execute("DELETE FROM sqlite_sequence WHERE name = 'articles'")
    conn.execute("INSERT INTO sqlite_sequence (name, seq) VALUES ('articles', ?)", (max(counter, copied),))
    conn.execute("CREATE UNIQUE INDEX articles_by_id ON articles (ifnull(collection, ''), id)")


#: The schema this code writes: the newest migration's.
SCHEMA_VERSION = max(MIGRATIONS)


class transaction:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any exception (the connection is in autocommit mode)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def __enter__(self) -> None:
        self._conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self._conn.execute("COMMIT")
        elif self._conn.in_transaction:
            self._conn.execute("ROLLBACK")


def prepare(conn: sqlite3.Connection, path: Path | None, model: str, dimension: int, *, create: bool) -> None:
    """Make ``conn`` a knowledge base of the current schema holding vectors of ``model``.

    An empty database is initialised (only with ``create``); an older schema is
    migrated. Raises RetrievalError, saying what to do, for another SQLite database,
    a schema older than the first or newer than this code's, a file that must be
    upgraded but cannot be written, and vectors of another model.
    """
    application_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if application_id == 0 and version == 0 and not tables:
        if not create:
            raise RetrievalError(
                f"{path} is an empty file, not a knowledge base; build one with: onrecord ingest --db {path} ARTICLE..."
            )
        _initialise(conn, model, dimension)
        return
    if application_id != APPLICATION_ID:
        raise RetrievalError(
            f"{path} is not an onrecord knowledge base (another SQLite database); "
            f"choose another --db file, or delete it and run: onrecord ingest --db {path} ARTICLE..."
        )
    if version < FIRST_VERSION or version > SCHEMA_VERSION:
        age = "an older" if version < SCHEMA_VERSION else "a newer"
        raise RetrievalError(
            f"{path} was written by {age} version of onrecord (schema {version}, this one reads {SCHEMA_VERSION}); "
            f"rebuild it: onrecord ingest --rebuild --db {path} ARTICLE... (or delete the file)"
        )
    if version < SCHEMA_VERSION:
        _migrate(conn, path, version)
    meta = dict(conn.execute("SELECT key, value FROM meta"))
    stored_model, stored_dimension = meta.get("model"), int(meta.get("dimension", "0"))
    if stored_model != model or stored_dimension != dimension:
        raise RetrievalError(
            f"{path} holds embeddings of model {stored_model!r} ({stored_dimension} dimensions), not of the configured "
            f"{model!r} ({dimension}); use --model {stored_model} (or ONRECORD_MODEL), "
            f"or rebuild it: onrecord ingest --rebuild --db {path} ARTICLE..."
        )


def _initialise(conn: sqlite3.Connection, model: str, dimension: int) -> None:
    conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")
    with transaction(conn):
        for statement in (RECORD_TABLES + EMBEDDINGS_TABLE).split(";"):
            if statement.strip():
                conn.execute(statement)
        created = now()
        conn.executemany(
            "INSERT INTO meta (key, value) VALUES (?, ?)",
            [
                ("schema", str(SCHEMA_VERSION)),
                ("model", model),
                ("dimension", str(dimension)),
                ("created_at", created),
                ("updated_at", created),
            ],
        )
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _migrate(conn: sqlite3.Connection, path: Path | None, version: int) -> None:
    """Run every migration above ``version`` in order, in one transaction that also records the new version."""
    try:
        with transaction(conn):
            # Another process may have upgraded the file between our read and our lock.
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            for target in range(version + 1, SCHEMA_VERSION + 1):
                MIGRATIONS[target](conn)
            conn.execute(
                "INSERT INTO meta (key, value) VALUES ('schema', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (str(SCHEMA_VERSION),),
            )
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except sqlite3.OperationalError as error:
        if "readonly" not in str(error):
            raise
        raise RetrievalError(
            f"{path} holds schema {version} and must be upgraded to schema {SCHEMA_VERSION}, but cannot be written "
            f"({error}); make it writable, or rebuild it: onrecord ingest --rebuild --db {path} ARTICLE..."
        ) from None


__all__ = [
    "APPLICATION_ID",
    "EMBEDDINGS_TABLE",
    "FIRST_VERSION",
    "MIGRATIONS",
    "PAGE_SIZE",
    "SCHEMA_VERSION",
    "migration",
    "prepare",
    "transaction",
]
