"""The persistent knowledge base: articles, their searchable units and embeddings in one SQLite file.

One file holds the article records (paragraphs, quotations, speakers, mentions) in
normalised tables and the embedding of every unit's ``embed_text`` as a float32
BLOB keyed by the model's name and the text's SHA-256, so unchanged text is never
embedded twice and vectors of another model never mix in. Every ingest is one
transaction. Opening a knowledge base loads the articles and their vectors into
memory (numpy) without embedding anything that is stored.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from itertools import groupby
from operator import itemgetter
from pathlib import Path

import numpy as np

from knowledge import Article, KnowledgeError, Mention, Paragraph, Quote, Speaker, load_article

from . import units as units_module
from .embedding import Embedder
from .records import RetrievalError
from .units import Unit

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
# "onrc": marks the file as an onrecord knowledge base (PRAGMA application_id).
APPLICATION_ID = 0x6F6E7263
DB_ENV = "ONRECORD_DB"
ARTICLE_SUFFIXES = (".txt", ".htm", ".html")
# Same-named .txt and .html files in one folder are one article; the text is preferred.
_SUFFIX_PREFERENCE = {".txt": 0, ".html": 1, ".htm": 2}
_SQL_CHUNK = 500

_SCHEMA = """
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
"""

# A rowid table: a vector (1.5 KB for 384 dimensions) is too big a row for WITHOUT ROWID,
# which would put every one on an overflow page of its own.
_EMBEDDINGS_SCHEMA = """
CREATE TABLE IF NOT EXISTS embeddings (
    id INTEGER PRIMARY KEY,
    model TEXT NOT NULL, hash TEXT NOT NULL, dimension INTEGER NOT NULL, vector BLOB NOT NULL,
    UNIQUE (model, hash)
);
"""
# Bigger pages hold five 384-dimension vectors each instead of two.
_PAGE_SIZE = 8192

#: ``KnowledgeBase.nearest`` scans every vector exactly up to this many units...
EXACT_SEARCH_LIMIT = 20_000
#: ... and beyond it rescores a shortlist of this many per wanted result (at least SHORTLIST_MIN).
SHORTLIST_FACTOR = 50
SHORTLIST_MIN = 1_000

_ARTICLE_TABLES = ("paragraphs", "quotes", "speakers", "mentions", "units")


def default_db_path() -> Path:
    """Return where the knowledge base lives: ``$ONRECORD_DB``, else ``$XDG_CACHE_HOME/onrecord/knowledge.sqlite``."""
    configured = os.environ.get(DB_ENV, "").strip()
    if configured:
        return Path(configured).expanduser()
    return _cache_dir() / "knowledge.sqlite"


def default_cache_path() -> Path:
    """Return the embedding cache used for ad-hoc knowledge (``$XDG_CACHE_HOME/onrecord/embeddings.sqlite``)."""
    return _cache_dir() / "embeddings.sqlite"


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(base).expanduser() if base else Path.home() / ".cache") / "onrecord"


def text_hash(text: str) -> str:
    """Return the SHA-256 (hex) that keys the embedding of ``text``."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def article_hash(article: Article) -> str:
    """Return the SHA-256 of the whole knowledge record: same hash, same article."""
    return hashlib.sha256(
        json.dumps(asdict(article), sort_keys=True, ensure_ascii=False).encode("utf-8")
    ).hexdigest()


def article_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Return the article files named by ``paths``: files as given, folders by their articles.

    A folder contributes its ``*.txt``, ``*.htm`` and ``*.html`` files (not its
    subfolders), sorted by name; when a ``.txt`` and an ``.html`` share a name they
    are the same article and the ``.txt`` is taken. Raises RetrievalError for a
    folder without articles; a missing file is left to the reader to report.
    """
    chosen: dict[tuple[Path, str], Path] = {}
    for given in paths:
        path = Path(given).expanduser()
        if path.is_dir():
            try:
                found = [p for p in sorted(path.iterdir()) if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES]
            except OSError as error:
                raise RetrievalError(f"{path}: cannot list this folder ({error.strerror})") from None
            if not found:
                raise RetrievalError(f"{path}: no articles (*.txt, *.htm, *.html) in this folder")
        else:
            found = [path]
        for file in found:
            key = (file.parent.resolve(), file.stem)
            previous = chosen.get(key)
            if previous is None or _preference(file) < _preference(previous):
                if previous is not None:
                    log.info("%s and %s are one article; taking %s", previous.name, file.name, file.name)
                chosen[key] = file
    return list(dict.fromkeys(chosen.values()))


def read_articles(paths: Iterable[str | Path]) -> tuple[list[Path], list[Article]]:
    """Return the article files named by ``paths`` (as ``article_paths``) and the articles read from them.

    Raises KnowledgeError for a file that cannot be read, and RetrievalError when
    there are none or two files are the same article id.
    """
    files = article_paths(paths)
    if not files:
        raise RetrievalError("no articles given")
    articles = [load_article(p) for p in files]
    seen: dict[str, Path] = {}
    for file, article in zip(files, articles):
        if article.id in seen:
            raise RetrievalError(f"{seen[article.id]} and {file} are both article {article.id!r}; give one of them")
        seen[article.id] = file
    return files, articles


def _preference(path: Path) -> int:
    return _SUFFIX_PREFERENCE.get(path.suffix.lower(), 3)


@dataclass
class IngestReport:
    """What an ingest did: articles written and skipped (unchanged), their contents, and the embedding work."""

    articles: int
    skipped: int
    paragraphs: int
    quotes: int
    speakers: int
    embedded: int
    reused: int
    seconds: float
    passages: int = 0

    def summary(self) -> str:
        """Return the one-line summary the CLI prints."""
        return (
            f"{_count(self.articles, 'article')} ingested ({self.skipped} unchanged),"
            f" {_count(self.paragraphs, 'paragraph')}, {_count(self.quotes, 'quotation')},"
            f" {_count(self.speakers, 'speaker')}; {_count(self.passages, 'passage')}:"
            f" {self.embedded} embedded, {self.reused} reused; {self.seconds:.1f}s"
        )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


class EmbeddingCache:
    """Vectors looked up and saved by (model, SHA-256 of text) in a SQLite file; failures only log.

    Any onrecord knowledge base or cache file can serve as one, since both keep the
    same ``embeddings`` table.
    """

    def __init__(self, path: str | Path, *, writable: bool = True) -> None:
        self.path = Path(path).expanduser()
        self.writable = writable
        self._conn: sqlite3.Connection | None = None
        try:
            if writable:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._conn = sqlite3.connect(self.path, timeout=10, check_same_thread=False, isolation_level=None)
                self._conn.execute(f"PRAGMA page_size = {_PAGE_SIZE}")
                self._conn.executescript(_EMBEDDINGS_SCHEMA)
            else:
                uri = self.path.resolve().as_uri() + "?mode=ro"
                self._conn = sqlite3.connect(uri, uri=True, timeout=10, check_same_thread=False, isolation_level=None)
                self._conn.execute("SELECT 1 FROM embeddings LIMIT 1").fetchall()
        except (sqlite3.Error, OSError) as error:
            log.warning("cannot reuse embeddings stored in %s (%s); embedding without them", self.path, error)
            self.close()

    def lookup(self, model: str, dimension: int, hashes: Sequence[str]) -> dict[str, np.ndarray]:
        """Return the cached vectors among ``hashes``."""
        if self._conn is None or not hashes:
            return {}
        try:
            return _select_vectors(self._conn, model, dimension, hashes)
        except sqlite3.Error as error:
            log.warning("cannot read embedding cache %s (%s)", self.path, error)
            return {}

    def save(self, model: str, dimension: int, vectors: dict[str, np.ndarray]) -> None:
        """Store ``vectors`` (hash -> vector) in one transaction."""
        if self._conn is None or not self.writable or not vectors:
            return
        try:
            with _transaction(self._conn):
                _insert_vectors(self._conn, model, dimension, vectors)
        except sqlite3.Error as error:
            log.warning("cannot write embedding cache %s (%s)", self.path, error)

    def close(self) -> None:
        """Close the file."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None


class KnowledgeBase:
    """Articles and the embeddings of their units, persisted in SQLite and held in memory for search.

    ``articles`` are in ingest order, ``units`` are every article's units in that
    order, and row ``i`` of ``vectors`` (float32, L2-normalised, read-only) is the
    embedding of ``units[i]``, so ``vectors @ query`` scores every unit at once.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path | None, embedder: Embedder) -> None:
        self._conn = conn
        self.path = path
        self.embedder = embedder
        self._lock = threading.RLock()
        self._cache: EmbeddingCache | None = None
        self._by_id: dict[str, Article] = {}
        self._units_by_id: dict[str, list[Unit]] = {}
        self._vectors_by_id: dict[str, np.ndarray] = {}
        self.articles: list[Article] = []
        self.units: list[Unit] = []
        self.vectors = _frozen(np.zeros((0, embedder.dimension), dtype=np.float32))
        # Texts embedded while opening (only when units changed since they were stored).
        self.embedded_on_open = 0
        # Goes up whenever articles, units or vectors change, so callers know to re-index.
        self.generation = 0
        self._sketch: tuple[int, np.ndarray] | None = None

    # ----------------------------------------------------------------- opening

    @classmethod
    def open(cls, path: str | Path, embedder: Embedder, *, create: bool = True) -> KnowledgeBase:
        """Open (or with ``create``, make) the knowledge base at ``path`` and load it into memory.

        Raises RetrievalError, with how to rebuild, for a file that is not a knowledge
        base or is damaged, one written by another schema version or another model,
        and for a missing file when ``create`` is false.
        """
        path = Path(path).expanduser()
        if path.is_dir():
            raise RetrievalError(f"{path} is a folder; give the knowledge base's file name (e.g. {path / 'knowledge.sqlite'})")
        exists = path.exists()
        if not exists and not create:
            raise RetrievalError(f"no knowledge base at {path}; build one with: onrecord ingest --db {path} ARTICLE...")
        if not exists:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise RetrievalError(f"cannot create {path.parent}: {error.strerror}") from None
        started = time.perf_counter()
        try:
            conn = sqlite3.connect(path, timeout=30, check_same_thread=False, isolation_level=None)
        except sqlite3.Error as error:
            raise RetrievalError(f"cannot open knowledge base {path}: {error}") from None
        kb = cls(conn, path, embedder)
        try:
            kb._prepare(create)
            kb._load()
        except (sqlite3.DatabaseError, ValueError, TypeError, KeyError) as error:
            # sqlite's own damage, or stored values that no longer parse (a dimension,
            # a JSON list of paragraphs): either way the file cannot be trusted
            conn.close()
            if not exists:
                raise RetrievalError(f"cannot create a knowledge base at {path}: {error}") from None
            if not os.access(path, os.R_OK):
                raise RetrievalError(f"cannot read knowledge base {path}: permission denied") from None
            if isinstance(error, sqlite3.DatabaseError) and "locked" in str(error):
                raise RetrievalError(f"knowledge base {path} is busy (another onrecord is writing to it); try again") from None
            raise RetrievalError(
                f"{path} is not a readable onrecord knowledge base ({error}); "
                f"delete it or rebuild it: onrecord ingest --rebuild --db {path} ARTICLE..."
            ) from None
        except BaseException:  # RetrievalError, or anything else a damaged file raises: the file is not left open
            conn.close()
            raise
        log.info(
            "opened %s: %d articles, %d units in %.2fs", path, len(kb.articles), len(kb.units),
            time.perf_counter() - started,
        )
        return kb

    @classmethod
    def in_memory(
        cls,
        articles_or_paths: Iterable[Article | str | Path],
        embedder: Embedder,
        *,
        cache_path: Path | None = None,
    ) -> KnowledgeBase:
        """Return a knowledge base of exactly these articles (records, files or folders), kept in memory.

        With ``cache_path``, embeddings are looked up in and saved to that file by
        (model, SHA-256 of text); nothing else from it is ever used.
        """
        items = list(articles_or_paths)
        articles = [a for a in items if isinstance(a, Article)]
        paths = [p for p in items if not isinstance(p, Article)]
        if paths:
            articles += read_articles(paths)[1]
        conn = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
        kb = cls(conn, None, embedder)
        try:
            kb._prepare(create=True)
            if cache_path is not None:
                kb._cache = EmbeddingCache(cache_path)
            kb.add_articles(articles)
        except BaseException:
            kb.close()  # the in-memory database and the cache file stay open otherwise
            raise
        return kb

    @classmethod
    def rebuild(
        cls, path: str | Path, paths: Sequence[str | Path], embedder: Embedder, *, progress: bool = False
    ) -> IngestReport:
        """Replace the knowledge base at ``path`` with one holding exactly the articles in ``paths``.

        The new file is built beside the old one and renamed over it only when complete,
        so a failure leaves the old file as it was. Embeddings of this model stored in
        the old file (if it is readable) are reused.
        """
        path = Path(path).expanduser()
        if path.is_dir():
            raise RetrievalError(f"{path} is a folder; give the knowledge base's file name (e.g. {path / 'knowledge.sqlite'})")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise RetrievalError(f"cannot create {path.parent}: {error.strerror}") from None
        temporary = path.with_name(f".{path.name}.rebuild-{os.getpid()}")
        for leftover in _sqlite_files(temporary):
            leftover.unlink(missing_ok=True)
        try:
            kb = cls.open(temporary, embedder, create=True)
            try:
                if path.exists():
                    kb._cache = EmbeddingCache(path, writable=False)
                report = kb.ingest(paths, progress=progress)
            finally:
                kb.close()
            # Journal files of the old database must not be applied to the new one.
            for leftover in _sqlite_files(path)[1:]:
                leftover.unlink(missing_ok=True)
            try:
                os.replace(temporary, path)
            except OSError as error:
                raise RetrievalError(f"cannot replace {path} with the rebuilt knowledge base: {error.strerror}") from None
        finally:
            for leftover in _sqlite_files(temporary):
                leftover.unlink(missing_ok=True)
        return report

    def _prepare(self, create: bool) -> None:
        """Check the file is an onrecord knowledge base of this schema and model; initialise an empty one."""
        conn, path = self._conn, self.path
        application_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if application_id == 0 and version == 0 and not tables:
            if not create:
                raise RetrievalError(
                    f"{path} is an empty file, not a knowledge base; build one with: onrecord ingest --db {path} ARTICLE..."
                )
            self._initialise()
            return
        if application_id != APPLICATION_ID:
            raise RetrievalError(
                f"{path} is not an onrecord knowledge base (another SQLite database); "
                f"choose another --db file, or delete it and run: onrecord ingest --db {path} ARTICLE..."
            )
        if version != SCHEMA_VERSION:
            age = "an older" if version < SCHEMA_VERSION else "a newer"
            raise RetrievalError(
                f"{path} was written by {age} version of onrecord (schema {version}, this one reads {SCHEMA_VERSION}); "
                f"rebuild it: onrecord ingest --rebuild --db {path} ARTICLE... (or delete the file)"
            )
        meta = dict(conn.execute("SELECT key, value FROM meta"))
        model, dimension = meta.get("model"), int(meta.get("dimension", "0"))
        if model != self.embedder.name or dimension != self.embedder.dimension:
            raise RetrievalError(
                f"{path} holds embeddings of model {model!r} ({dimension} dimensions), not of the configured "
                f"{self.embedder.name!r} ({self.embedder.dimension}); use --model {model} (or ONRECORD_MODEL), "
                f"or rebuild it: onrecord ingest --rebuild --db {path} ARTICLE..."
            )

    def _initialise(self) -> None:
        self._conn.execute(f"PRAGMA page_size = {_PAGE_SIZE}")
        with _transaction(self._conn):
            for statement in (_SCHEMA + _EMBEDDINGS_SCHEMA).split(";"):
                if statement.strip():
                    self._conn.execute(statement)
            now = _now()
            self._conn.executemany(
                "INSERT INTO meta (key, value) VALUES (?, ?)",
                [
                    ("schema", str(SCHEMA_VERSION)),
                    ("model", self.embedder.name),
                    ("dimension", str(self.embedder.dimension)),
                    ("created_at", now),
                    ("updated_at", now),
                ],
            )
            self._conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            self._conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _load(self) -> None:
        """Read every stored article and its units' vectors; embed only units that changed since."""
        conn = self._conn
        rows = conn.execute("SELECT seq, id, title, date, source FROM articles ORDER BY seq").fetchall()
        paragraphs = _grouped(conn, "SELECT article_seq, idx, text, source_index, role FROM paragraphs ORDER BY article_seq, pos")
        quotes = _grouped(
            conn,
            "SELECT article_seq, id, text, paragraphs, kind, speaker, cue, repeats FROM quotes ORDER BY article_seq, pos",
        )
        speakers = _grouped(conn, "SELECT article_seq, name, role, aliases FROM speakers ORDER BY article_seq, pos")
        mentions = _grouped(conn, "SELECT article_seq, name, role, paragraphs FROM mentions ORDER BY article_seq, pos")
        articles = []
        for seq, article_id, title, date, source in rows:
            articles.append(
                Article(
                    id=article_id,
                    title=title,
                    date=date,
                    source=source,
                    paragraphs=[
                        Paragraph(index=i, text=t, source_index=s, role=r) for i, t, s, r in paragraphs.get(seq, ())
                    ],
                    quotes=[
                        Quote(id=i, text=t, paragraphs=json.loads(p), kind=k, speaker=sp, cue=c, repeats=rp)
                        for i, t, p, k, sp, c, rp in quotes.get(seq, ())
                    ],
                    speakers=[Speaker(name=n, role=r, aliases=json.loads(a)) for n, r, a in speakers.get(seq, ())],
                    mentions=[Mention(name=n, role=r, paragraphs=json.loads(p)) for n, r, p in mentions.get(seq, ())],
                )
            )
        units = {a.id: units_module.units_for(a) for a in articles}
        hashes = [text_hash(u.embed_text) for a in articles for u in units[a.id]]
        stored = conn.execute(
            "SELECT u.text_hash, e.vector FROM units u LEFT JOIN embeddings e ON e.model = ? AND e.hash = u.text_hash "
            "ORDER BY u.article_seq, u.pos",
            (self.embedder.name,),
        ).fetchall()
        dimension = self.embedder.dimension
        if [h for h, _ in stored] == hashes and all(v is not None and len(v) == 4 * dimension for _, v in stored):
            matrix = np.frombuffer(b"".join(v for _, v in stored), dtype=np.float32).reshape(len(stored), dimension)
        else:
            # The unit definition changed since these articles were stored: embed what is new.
            known = {h: v for h, v in stored if v is not None}
            known.update(_select_vectors(conn, self.embedder.name, dimension, [h for h in hashes if h not in known]))
            missing = sorted({h for h in hashes if h not in known})
            if missing:
                texts = dict(zip(hashes, (u.embed_text for a in articles for u in units[a.id])))
                log.warning("%d passages changed since they were stored; embedding them", len(missing))
                fresh = self.embedder.encode([texts[h] for h in missing])
                new = dict(zip(missing, fresh))
                self.embedded_on_open = len(new)
                self._refresh_units(articles, rows, units, hashes, new)
                known.update({h: v.tobytes() for h, v in new.items()})
            matrix = np.frombuffer(b"".join(_as_bytes(known[h]) for h in hashes), dtype=np.float32).reshape(
                len(hashes), dimension
            )
        self._install(articles, units, matrix)

    def _refresh_units(self, articles, rows, units, hashes, new: dict[str, np.ndarray]) -> None:
        """Store the current units and new vectors so the next open embeds nothing (best effort)."""
        try:
            with _transaction(self._conn):
                _insert_vectors(self._conn, self.embedder.name, self.embedder.dimension, new)
                self._conn.execute("DELETE FROM units")
                position = 0
                for (seq, *_), article in zip(rows, articles):
                    article_units = units[article.id]
                    self._conn.executemany(
                        "INSERT INTO units (article_seq, pos, key, text_hash) VALUES (?, ?, ?, ?)",
                        [(seq, i, u.key, hashes[position + i]) for i, u in enumerate(article_units)],
                    )
                    position += len(article_units)
        except sqlite3.Error as error:
            log.warning("cannot update %s with the new passages (%s); they will be embedded again next time", self.path, error)

    # ----------------------------------------------------------------- ingest

    def ingest(self, paths: Sequence[str | Path], *, progress: bool = False) -> IngestReport:
        """Read the articles in ``paths`` (files, or folders of *.txt/*.htm/*.html) and add them in one transaction.

        Every file is read before anything is written: a bad file raises
        KnowledgeError (or RetrievalError) and the knowledge base is unchanged.
        """
        started = time.perf_counter()
        files, articles = read_articles(paths)
        report = self.add_articles(articles, progress=progress, origins=[str(p) for p in files])
        report.seconds = time.perf_counter() - started
        return report

    def add_articles(
        self,
        articles: Sequence[Article],
        *,
        progress: bool = False,
        origins: Sequence[str | None] | None = None,
    ) -> IngestReport:
        """Add or replace ``articles`` (by id) in one transaction; an unchanged article is skipped.

        Only text whose embedding is not stored yet is embedded. ``origins`` are the
        files the articles came from, kept for reference.
        """
        started = time.perf_counter()
        origins = list(origins) if origins is not None else [None] * len(articles)
        with self._lock:
            # Within one call the last record of an id wins, as if added one by one.
            latest: dict[str, tuple[Article, str | None]] = {}
            for article, origin in zip(articles, origins):
                latest.pop(article.id, None)
                latest[article.id] = (article, origin)
            stored = dict(self._conn.execute("SELECT id, content_hash FROM articles"))
            todo = []
            for article, origin in latest.values():
                digest = article_hash(article)
                if stored.get(article.id) != digest:
                    todo.append((article, origin, digest))
            skipped = len(latest) - len(todo)

            units = {article.id: units_module.units_for(article) for article, _, _ in todo}
            hashes = {aid: [text_hash(u.embed_text) for u in us] for aid, us in units.items()}
            texts = {h: u.embed_text for aid, us in units.items() for h, u in zip(hashes[aid], us)}
            model, dimension = self.embedder.name, self.embedder.dimension
            known = _select_vectors(self._conn, model, dimension, list(texts))
            if self._cache is not None:
                known.update(self._cache.lookup(model, dimension, [h for h in texts if h not in known]))
            missing = [h for h in texts if h not in known]
            new: dict[str, np.ndarray] = {}
            if missing:
                fresh = self.embedder.encode([texts[h] for h in missing], progress=progress)
                new = dict(zip(missing, fresh))
            passages = sum(len(us) for us in units.values())

            replaced = False
            try:
                with _transaction(self._conn):
                    for article, origin, digest in todo:
                        replaced |= self._delete_article(article.id)
                        self._write_article(article, origin, digest, units[article.id], hashes[article.id])
                    _insert_vectors(
                        self._conn, model, dimension, {h: _vector(known.get(h, new.get(h)), dimension) for h in texts}
                    )
                    if replaced:
                        self._conn.execute(
                            "DELETE FROM embeddings WHERE model = ? AND hash NOT IN (SELECT text_hash FROM units)",
                            (model,),
                        )
                    self._conn.execute("UPDATE meta SET value = ? WHERE key = 'updated_at'", (_now(),))
            except sqlite3.Error as error:
                where = self.path or "the in-memory knowledge base"
                raise RetrievalError(f"cannot write to {where}: {error}; nothing was changed") from None
            if self._cache is not None:
                self._cache.save(model, dimension, new)

            for article, _, _ in todo:
                rows = [_vector(known.get(h, new.get(h)), dimension) for h in hashes[article.id]]
                vectors = np.stack(rows) if rows else np.zeros((0, dimension), dtype=np.float32)
                self._put(article, units[article.id], vectors)
            if todo:
                self._rebuild()
        report = IngestReport(
            articles=len(todo),
            skipped=skipped,
            paragraphs=sum(len(a.paragraphs) for a, _, _ in todo),
            quotes=sum(len(a.quotes) for a, _, _ in todo),
            speakers=sum(len(a.speakers) for a, _, _ in todo),
            embedded=len(new),
            reused=passages - sum(1 for aid in hashes for h in hashes[aid] if h in new),
            seconds=time.perf_counter() - started,
            passages=passages,
        )
        log.info("ingest: %s", report.summary())
        return report

    def _delete_article(self, article_id: str) -> bool:
        row = self._conn.execute("SELECT seq FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            return False
        for table in _ARTICLE_TABLES:
            self._conn.execute(f"DELETE FROM {table} WHERE article_seq = ?", row)
        self._conn.execute("DELETE FROM articles WHERE seq = ?", row)
        return True

    def _write_article(
        self, article: Article, origin: str | None, digest: str, units: list[Unit], hashes: list[str]
    ) -> None:
        conn = self._conn
        seq = conn.execute(
            "INSERT INTO articles (id, title, date, source, content_hash, origin, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (article.id, article.title, article.date, article.source, digest, origin, _now()),
        ).lastrowid
        conn.executemany(
            "INSERT INTO paragraphs (article_seq, pos, idx, source_index, role, text) VALUES (?, ?, ?, ?, ?, ?)",
            [(seq, i, p.index, p.source_index, p.role, p.text) for i, p in enumerate(article.paragraphs)],
        )
        conn.executemany(
            "INSERT INTO quotes (article_seq, pos, id, text, paragraphs, kind, speaker, cue, repeats) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (seq, i, q.id, q.text, json.dumps(list(q.paragraphs)), q.kind, q.speaker, q.cue, q.repeats)
                for i, q in enumerate(article.quotes)
            ],
        )
        conn.executemany(
            "INSERT INTO speakers (article_seq, pos, name, role, aliases) VALUES (?, ?, ?, ?, ?)",
            [(seq, i, s.name, s.role, json.dumps(list(s.aliases), ensure_ascii=False)) for i, s in enumerate(article.speakers)],
        )
        conn.executemany(
            "INSERT INTO mentions (article_seq, pos, name, role, paragraphs) VALUES (?, ?, ?, ?, ?)",
            [(seq, i, m.name, m.role, json.dumps(list(m.paragraphs))) for i, m in enumerate(article.mentions)],
        )
        conn.executemany(
            "INSERT INTO units (article_seq, pos, key, text_hash) VALUES (?, ?, ?, ?)",
            [(seq, i, u.key, h) for i, (u, h) in enumerate(zip(units, hashes))],
        )

    # ----------------------------------------------------------------- in memory

    def _install(self, articles: list[Article], units: dict[str, list[Unit]], matrix: np.ndarray) -> None:
        start = 0
        for article in articles:
            n = len(units[article.id])
            self._put(article, units[article.id], matrix[start : start + n])
            start += n
        self.articles = list(articles)
        self.units = [u for a in articles for u in units[a.id]]
        self.vectors = _frozen(np.ascontiguousarray(matrix, dtype=np.float32))
        self.generation += 1

    def _put(self, article: Article, units: list[Unit], vectors: np.ndarray) -> None:
        if article.id in self._by_id:
            self.articles = [a for a in self.articles if a.id != article.id]
        self.articles.append(article)
        self._by_id[article.id] = article
        self._units_by_id[article.id] = units
        self._vectors_by_id[article.id] = vectors

    def _rebuild(self) -> None:
        self.units = [u for a in self.articles for u in self._units_by_id[a.id]]
        parts = [self._vectors_by_id[a.id] for a in self.articles]
        matrix = np.concatenate(parts) if parts else np.zeros((0, self.embedder.dimension), dtype=np.float32)
        self.vectors = _frozen(np.ascontiguousarray(matrix, dtype=np.float32))
        self.generation += 1

    def article(self, article_id: str) -> Article | None:
        """Return the stored article with this id, or None."""
        return self._by_id.get(article_id)

    def nearest(
        self, query_vector: np.ndarray, k: int = 10, *, rows: np.ndarray | Sequence[int] | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Return ``(indices, cosines)`` of the ``k`` units (among ``rows``, default all) closest to the query, best first.

        Up to EXACT_SEARCH_LIMIT units this is one float32 matrix-vector product. Beyond
        it, a sign-bit sketch of every vector (1/32 of the bytes) picks a shortlist of
        SHORTLIST_FACTOR * k (at least SHORTLIST_MIN) units by Hamming distance, and only
        those are scored exactly: the cosines returned are always exact, but a true
        neighbour can in rare cases miss the shortlist. On this project's 2-core machine
        a full float32 scan of 100,000 units costs about as much as embedding the
        question; the sketch scan costs a sixth of that.
        """
        query = np.asarray(query_vector, dtype=np.float32)
        chosen = None if rows is None else np.asarray(rows, dtype=np.int64)
        total = len(self.units) if chosen is None else len(chosen)
        k = max(0, min(int(k), total))
        if k == 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        if total <= EXACT_SEARCH_LIMIT:
            candidates = np.arange(total) if chosen is None else chosen
            scores = self.vectors @ query if chosen is None else self.vectors[chosen] @ query
        else:
            sketch = self._signs()
            if chosen is not None:
                sketch = sketch[chosen]
            distance = _popcount(sketch ^ _sign_bits(query[None, :])[0]).sum(axis=1, dtype=np.int32)
            size = min(total, max(SHORTLIST_MIN, SHORTLIST_FACTOR * k))
            short = np.argpartition(distance, size - 1)[:size] if size < total else np.arange(total)
            candidates = short if chosen is None else chosen[short]
            scores = self.vectors[candidates] @ query
        top = np.argpartition(-scores, k - 1)[:k] if k < len(scores) else np.arange(len(scores))
        top = top[np.argsort(-scores[top], kind="stable")]
        return np.asarray(candidates[top], dtype=np.int64), scores[top].astype(np.float32)

    def _signs(self) -> np.ndarray:
        """Return the sign-bit sketch of ``vectors`` (built on first use, rebuilt after a change)."""
        if self._sketch is None or self._sketch[0] != self.generation:
            self._sketch = (self.generation, _sign_bits(self.vectors))
        return self._sketch[1]

    def close(self) -> None:
        """Close the database file (the in-memory articles and vectors stay readable)."""
        with self._lock:
            if self._cache is not None:
                self._cache.close()
            self._conn.close()

    def __enter__(self) -> KnowledgeBase:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        where = str(self.path) if self.path else "memory"
        return f"KnowledgeBase({where!r}, articles={len(self.articles)}, units={len(self.units)})"


# --------------------------------------------------------------------- SQL helpers


class _transaction:
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


def _grouped(conn: sqlite3.Connection, sql: str) -> dict[int, list[tuple]]:
    return {seq: [row[1:] for row in group] for seq, group in groupby(conn.execute(sql), key=itemgetter(0))}


def _select_vectors(conn: sqlite3.Connection, model: str, dimension: int, hashes: Sequence[str]) -> dict[str, np.ndarray]:
    found: dict[str, np.ndarray] = {}
    hashes = list(dict.fromkeys(hashes))
    for start in range(0, len(hashes), _SQL_CHUNK):
        chunk = hashes[start : start + _SQL_CHUNK]
        marks = ",".join("?" * len(chunk))
        for digest, stored_dimension, blob in conn.execute(
            f"SELECT hash, dimension, vector FROM embeddings WHERE model = ? AND hash IN ({marks})", (model, *chunk)
        ):
            if stored_dimension == dimension and len(blob) == 4 * dimension:
                found[digest] = np.frombuffer(blob, dtype=np.float32)
    return found


def _insert_vectors(conn: sqlite3.Connection, model: str, dimension: int, vectors: dict[str, np.ndarray]) -> None:
    conn.executemany(
        "INSERT OR IGNORE INTO embeddings (model, hash, dimension, vector) VALUES (?, ?, ?, ?)",
        [(model, digest, dimension, _vector(v, dimension).tobytes()) for digest, v in vectors.items()],
    )


def _vector(value, dimension: int) -> np.ndarray:
    if isinstance(value, bytes):
        value = np.frombuffer(value, dtype=np.float32)
    array = np.asarray(value, dtype=np.float32)
    if array.shape != (dimension,):
        raise RetrievalError(f"an embedding has shape {array.shape}, expected ({dimension},)")
    return array


def _as_bytes(value) -> bytes:
    return value if isinstance(value, bytes) else np.asarray(value, dtype=np.float32).tobytes()


def _sign_bits(vectors: np.ndarray) -> np.ndarray:
    """Return each row's signs packed into uint64 words (zero-padded to a whole word)."""
    packed = np.packbits(vectors > 0, axis=1)
    pad = (-packed.shape[1]) % 8
    if pad:
        packed = np.pad(packed, ((0, 0), (0, pad)))
    return np.ascontiguousarray(packed).view(np.uint64)


if hasattr(np, "bitwise_count"):
    _popcount = np.bitwise_count
else:  # numpy < 2.0
    _BYTE_BITS = np.array([bin(i).count("1") for i in range(256)], dtype=np.uint8)

    def _popcount(words: np.ndarray) -> np.ndarray:
        return _BYTE_BITS[words.view(np.uint8)].reshape(words.shape[0], -1)


def _sqlite_files(path: Path) -> list[Path]:
    """Return the database file and the journal files SQLite may keep beside it."""
    return [path] + [path.with_name(path.name + suffix) for suffix in ("-journal", "-wal", "-shm")]


def _frozen(array: np.ndarray) -> np.ndarray:
    array.flags.writeable = False
    return array


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


__all__ = [
    "IngestReport",
    "KnowledgeBase",
    "EmbeddingCache",
    "article_hash",
    "article_paths",
    "read_articles",
    "default_cache_path",
    "default_db_path",
    "text_hash",
]
