"""The persistent knowledge base: articles, their searchable units and embeddings in one SQLite file.

One file holds the article records (paragraphs, quotations, speakers, mentions) in
normalised tables (retrieval.article_rows, retrieval.schema) and the embedding of
every unit's ``embed_text`` keyed by the model's name and the text's SHA-256
(retrieval.embedding_cache), so unchanged text is never embedded twice and vectors
of another model never mix in. Every ingest is one transaction. Opening a knowledge
base upgrades an older schema in place, then loads the articles and their vectors
into memory (retrieval.vector_index) without embedding anything that is stored.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Self

import numpy as np

from knowledge import Article

from . import units as units_module
from .article_rows import article_hash, delete_article, now, stored_articles, write_article, write_units
from .embedding import TextEmbedder
from .embedding_cache import EmbeddingCache, as_vector, insert_vectors, select_vectors, text_hash
from .paths import DB_ENV, article_paths, default_cache_path, default_db_path, read_articles
from .records import RetrievalError
from .schema import prepare, transaction
from .units import Unit
from .vector_index import VectorIndex

log = logging.getLogger(__name__)


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


class KnowledgeBase:
    """Articles and the embeddings of their units, persisted in SQLite and held in memory for search.

    ``articles`` are in ingest order, ``units`` are every article's units in that
    order, and row ``i`` of ``vectors`` (float32, L2-normalised, read-only) is the
    embedding of ``units[i]``, so ``vectors @ query`` scores every unit at once.
    ``index`` searches those rows (``nearest``).
    """

    def __init__(self, conn: sqlite3.Connection, path: Path | None, embedder: TextEmbedder) -> None:
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
        self.index = VectorIndex.empty(embedder.dimension)
        # Texts embedded while opening (only when units changed since they were stored).
        self.embedded_on_open = 0
        # Goes up whenever articles, units or vectors change, so callers know to re-index.
        self.generation = 0

    # ----------------------------------------------------------------- opening

    @classmethod
    def open(cls, path: str | Path, embedder: TextEmbedder, *, create: bool = True) -> KnowledgeBase:
        """Open (or with ``create``, make) the knowledge base at ``path`` and load it into memory.

        A file of an older schema is upgraded in place first (retrieval.schema).
        Raises RetrievalError, with how to rebuild, for a file that is not a knowledge
        base or is damaged, one of a schema this code cannot upgrade or of another
        model, and for a missing file when ``create`` is false.
        """
        path = Path(path).expanduser()
        if path.is_dir():
            raise RetrievalError(
                f"{path} is a folder; give the knowledge base's file name (e.g. {path / 'knowledge.sqlite'})"
            )
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
            prepare(conn, path, embedder.name, embedder.dimension, create=create)
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
                raise RetrievalError(
                    f"knowledge base {path} is busy (another onrecord is writing to it); try again"
                ) from None
            raise RetrievalError(
                f"{path} is not a readable onrecord knowledge base ({error}); "
                f"delete it or rebuild it: onrecord ingest --rebuild --db {path} ARTICLE..."
            ) from None
        except BaseException:  # RetrievalError, or anything else a damaged file raises: the file is not left open
            conn.close()
            raise
        log.info(
            "opened %s: %d articles, %d units in %.2fs",
            path,
            len(kb.articles),
            len(kb.units),
            time.perf_counter() - started,
        )
        return kb

    @classmethod
    def in_memory(
        cls,
        articles_or_paths: Iterable[Article | str | Path],
        embedder: TextEmbedder,
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
            prepare(conn, None, embedder.name, embedder.dimension, create=True)
            if cache_path is not None:
                kb._cache = EmbeddingCache(cache_path)
            kb.add_articles(articles)
        except BaseException:
            kb.close()  # the in-memory database and the cache file stay open otherwise
            raise
        return kb

    @classmethod
    def rebuild(
        cls, path: str | Path, paths: Sequence[str | Path], embedder: TextEmbedder, *, progress: bool = False
    ) -> IngestReport:
        """Replace the knowledge base at ``path`` with one holding exactly the articles in ``paths``.

        The new file is built beside the old one and renamed over it only when complete,
        so a failure leaves the old file as it was. Embeddings of this model stored in
        the old file (if it is readable) are reused.
        """
        path = Path(path).expanduser()
        if path.is_dir():
            raise RetrievalError(
                f"{path} is a folder; give the knowledge base's file name (e.g. {path / 'knowledge.sqlite'})"
            )
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
                raise RetrievalError(
                    f"cannot replace {path} with the rebuilt knowledge base: {error.strerror}"
                ) from None
        finally:
            for leftover in _sqlite_files(temporary):
                leftover.unlink(missing_ok=True)
        return report

    def _load(self) -> None:
        """Read every stored article and its units' vectors; embed only units that changed since."""
        conn = self._conn
        stored_records = stored_articles(conn)
        seqs = [seq for seq, _ in stored_records]
        articles = [article for _, article in stored_records]
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
            known.update(select_vectors(conn, self.embedder.name, dimension, [h for h in hashes if h not in known]))
            missing = sorted({h for h in hashes if h not in known})
            if missing:
                texts = dict(zip(hashes, (u.embed_text for a in articles for u in units[a.id]), strict=True))
                log.warning("%d passages changed since they were stored; embedding them", len(missing))
                fresh = self.embedder.encode([texts[h] for h in missing])
                new = dict(zip(missing, fresh, strict=True))
                self.embedded_on_open = len(new)
                self._refresh_units(articles, seqs, units, hashes, new)
                known.update({h: v.tobytes() for h, v in new.items()})
            matrix = np.frombuffer(b"".join(_as_bytes(known[h]) for h in hashes), dtype=np.float32).reshape(
                len(hashes), dimension
            )
        self._install(articles, units, matrix)

    def _refresh_units(
        self,
        articles: list[Article],
        seqs: list[int],
        units: dict[str, list[Unit]],
        hashes: list[str],
        new: dict[str, np.ndarray],
    ) -> None:
        """Store the current units and new vectors so the next open embeds nothing (best effort)."""
        try:
            with transaction(self._conn):
                insert_vectors(self._conn, self.embedder.name, self.embedder.dimension, new)
                self._conn.execute("DELETE FROM units")
                position = 0
                for seq, article in zip(seqs, articles, strict=True):
                    article_units = units[article.id]
                    write_units(self._conn, seq, article_units, hashes[position : position + len(article_units)])
                    position += len(article_units)
        except sqlite3.Error as error:
            log.warning(
                "cannot update %s with the new passages (%s); they will be embedded again next time", self.path, error
            )

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
            for article, origin in zip(articles, origins, strict=True):
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
            texts = {h: u.embed_text for aid, us in units.items() for h, u in zip(hashes[aid], us, strict=True)}
            model, dimension = self.embedder.name, self.embedder.dimension
            known = select_vectors(self._conn, model, dimension, list(texts))
            if self._cache is not None:
                known.update(self._cache.lookup(model, dimension, [h for h in texts if h not in known]))
            missing = [h for h in texts if h not in known]
            new: dict[str, np.ndarray] = {}
            if missing:
                fresh = self.embedder.encode([texts[h] for h in missing], progress=progress)
                new = dict(zip(missing, fresh, strict=True))
            passages = sum(len(us) for us in units.values())

            replaced = False
            try:
                with transaction(self._conn):
                    for article, origin, digest in todo:
                        replaced |= delete_article(self._conn, article.id)
                        self._write_article(article, origin, digest, units[article.id], hashes[article.id])
                    insert_vectors(
                        self._conn, model, dimension, {h: as_vector(known.get(h, new.get(h)), dimension) for h in texts}
                    )
                    if replaced:
                        self._conn.execute(
                            "DELETE FROM embeddings WHERE model = ? AND hash NOT IN (SELECT text_hash FROM units)",
                            (model,),
                        )
                    self._conn.execute("UPDATE meta SET value = ? WHERE key = 'updated_at'", (now(),))
            except sqlite3.Error as error:
                where = self.path or "the in-memory knowledge base"
                raise RetrievalError(f"cannot write to {where}: {error}; nothing was changed") from None
            if self._cache is not None:
                self._cache.save(model, dimension, new)

            for article, _, _ in todo:
                rows = [as_vector(known.get(h, new.get(h)), dimension) for h in hashes[article.id]]
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

    def _write_article(
        self, article: Article, origin: str | None, digest: str, units: list[Unit], hashes: list[str]
    ) -> None:
        seq = write_article(self._conn, article, origin, digest)
        write_units(self._conn, seq, units, hashes)

    # ----------------------------------------------------------------- in memory

    def _install(self, articles: list[Article], units: dict[str, list[Unit]], matrix: np.ndarray) -> None:
        start = 0
        for article in articles:
            n = len(units[article.id])
            self._put(article, units[article.id], matrix[start : start + n])
            start += n
        self.articles = list(articles)
        self.units = [u for a in articles for u in units[a.id]]
        self.index = VectorIndex(matrix)
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
        self.index = VectorIndex(matrix)
        self.generation += 1

    def article(self, article_id: str) -> Article | None:
        """Return the stored article with this id, or None."""
        return self._by_id.get(article_id)

    @property
    def vectors(self) -> np.ndarray:
        """Return the embeddings of ``units``, row for row (float32, L2-normalised, read-only)."""
        return self.index.vectors

    def nearest(
        self, query_vector: np.ndarray, k: int = 10, *, rows: np.ndarray | Sequence[int] | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Return ``(indices, cosines)`` of the ``k`` units (among ``rows``, default all) closest to the query, best first.

        The cosines are exact; beyond ``vector_index.EXACT_SEARCH_LIMIT`` units the
        candidates come from a binary shortlist (``VectorIndex.nearest``).
        """
        return self.index.nearest(query_vector, k, rows=rows)

    def close(self) -> None:
        """Close the database file (the in-memory articles and vectors stay readable)."""
        with self._lock:
            if self._cache is not None:
                self._cache.close()
            self._conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        where = str(self.path) if self.path else "memory"
        return f"KnowledgeBase({where!r}, articles={len(self.articles)}, units={len(self.units)})"


def _as_bytes(value) -> bytes:
    return value if isinstance(value, bytes) else np.asarray(value, dtype=np.float32).tobytes()


def _sqlite_files(path: Path) -> list[Path]:
    """Return the database file and the journal files SQLite may keep beside it."""
    return [path] + [path.with_name(path.name + suffix) for suffix in ("-journal", "-wal", "-shm")]


__all__ = [
    "DB_ENV",
    "EmbeddingCache",
    "IngestReport",
    "KnowledgeBase",
    "article_hash",
    "article_paths",
    "default_cache_path",
    "default_db_path",
    "read_articles",
    "text_hash",
]
