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

import dataclasses
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
from .quotas import Quota, QuotaError, text_bytes
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
    #: Of ``articles``, how many replaced a stored article of the same id (the rest are new).
    replaced: int = 0

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


#: Ingest embeds this many texts at a time: the model serves one batch (or one question)
#: at a time, so a question asked meanwhile waits for one small batch, not the whole article.
INGEST_BATCH_SIZE = 16
#: refresh() looks at the file at most this often (seconds).
REFRESH_SECONDS = 1.0
#: What names one stored article: its collection (None: global) and its id, unique within the collection.
ArticleKey = tuple[str | None, str]
#: Longest collection name (a Discord guild's id is about 20 digits).
MAX_COLLECTION_LENGTH = 100


def collection_name(collection: str | int | None) -> str | None:
    """Return ``collection`` as stored: None (global) or its name as text; raise RetrievalError for a bad name."""
    if collection is None:
        return None
    name = str(collection).strip()
    if not name or len(name) > MAX_COLLECTION_LENGTH or not name.isprintable():
        raise RetrievalError(
            f"{str(collection)[:40]!r} is not a collection name: give 1 to {MAX_COLLECTION_LENGTH} printable characters"
        )
    return name


@dataclass
class _Held:
    """One article held in memory: where it is stored, its units and their embeddings, row for row."""

    seq: int
    collection: str | None
    article: Article
    units: list[Unit]
    vectors: np.ndarray


class KnowledgeBase:
    """Articles and the embeddings of their units, persisted in SQLite and held in memory for search.

    Every article belongs to a collection (a Discord server's id, say) or, with
    collection None, to none: a global article, visible from every collection. An
    article id is unique within its collection; two collections may hold the same id.
    ``articles`` are every collection's articles in ingest order, ``units`` are every
    article's units in that order (each names its collection), and row ``i`` of
    ``vectors`` (float32, L2-normalised, read-only) is the embedding of ``units[i]``,
    so ``vectors @ query`` scores every unit at once. ``index`` searches those rows
    (``nearest``). ``visible(collection)`` is what one collection sees.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path | None, embedder: TextEmbedder) -> None:
        self._conn = conn
        self.path = path
        self.embedder = embedder
        self._lock = threading.RLock()
        self._cache: EmbeddingCache | None = None
        self._held: dict[ArticleKey, _Held] = {}
        self.articles: list[Article] = []
        self.units: list[Unit] = []
        self.index = VectorIndex.empty(embedder.dimension)
        # Texts embedded while opening (only when units changed since they were stored).
        self.embedded_on_open = 0
        # Goes up whenever articles, units or vectors change, so callers know to re-index.
        self.generation = 0
        # How much each collection may hold (global articles have no quota).
        self.quota = Quota.from_environment()
        # PRAGMA data_version when the held articles were last matched with the file's,
        # and when refresh() last looked (time.monotonic()).
        self._data_version: int | None = None
        self._checked = 0.0

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
        self._data_version = self._conn.execute("PRAGMA data_version").fetchone()[0]
        self._checked = time.monotonic()
        self._held = {}
        self._change([], self._read(None))

    def refresh(self, *, force: bool = False) -> bool:
        """Take in articles that other processes added to or removed from the file; return whether any changed.

        Costs one ``PRAGMA data_version`` when nothing changed, and is skipped when the
        last look was less than REFRESH_SECONDS ago (unless ``force``). Only the
        articles that changed are read; the vectors already held stay as they are. A
        file that cannot be read just now is tried again at the next call.
        """
        if self.path is None:
            return False
        # An ingest in this process holds the lock while it embeds; it brings memory up to
        # date itself, and a question must not wait for it.
        if not self._lock.acquire(blocking=False):
            return False
        try:
            moment = time.monotonic()
            if not force and moment - self._checked < REFRESH_SECONDS:
                return False
            self._checked = moment
            try:
                version = self._conn.execute("PRAGMA data_version").fetchone()[0]
                if version == self._data_version:
                    return False
                # One read transaction: the list of articles and their rows are of one state of the file.
                self._conn.execute("BEGIN")
                try:
                    stored = {
                        seq: (collection, article_id)
                        for seq, collection, article_id in self._conn.execute(
                            "SELECT seq, collection, id FROM articles"
                        )
                    }
                    held = {h.seq: key for key, h in self._held.items()}
                    gone = [key for seq, key in held.items() if seq not in stored]
                    fresh = sorted(seq for seq in stored if seq not in held)
                    added = self._read(fresh) if fresh else []
                finally:
                    self._conn.execute("COMMIT")
            except (sqlite3.Error, ValueError, TypeError, KeyError) as error:
                log.warning("cannot read the changes to %s (%s); trying again later", self.path, error)
                return False
            self._data_version = version
            if not gone and not added:
                return False
            self._change(gone, added)
        finally:
            self._lock.release()
        log.info("%s changed: %d articles taken in, %d dropped", self.path, len(added), len(gone))
        return True

    def _read(self, seqs: Sequence[int] | None) -> list[_Held]:
        """Return the stored articles of ``seqs`` (None: all) with their units and vectors, in ingest order.

        Vectors come from the file; units whose text is not embedded there (the unit
        definition changed since they were stored) are embedded and stored.
        """
        conn = self._conn
        only = "" if seqs is None else f"WHERE u.article_seq IN ({', '.join('?' * len(seqs))}) "
        stored_records = stored_articles(conn, seqs)
        collections = dict(conn.execute("SELECT seq, collection FROM articles"))
        seqs = [seq for seq, _ in stored_records]
        articles = {seq: article for seq, article in stored_records}
        units = {seq: _units_for(a, collections.get(seq)) for seq, a in articles.items()}
        hashes = [text_hash(u.embed_text) for seq in seqs for u in units[seq]]
        stored = conn.execute(
            "SELECT u.text_hash, e.vector FROM units u LEFT JOIN embeddings e ON e.model = ? AND e.hash = u.text_hash "
            f"{only}ORDER BY u.article_seq, u.pos",
            (self.embedder.name, *(seqs if only else ())),
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
                texts = dict(zip(hashes, (u.embed_text for seq in seqs for u in units[seq]), strict=True))
                log.warning("%d passages changed since they were stored; embedding them", len(missing))
                fresh = self.embedder.encode([texts[h] for h in missing])
                new = dict(zip(missing, fresh, strict=True))
                self.embedded_on_open += len(new)
                self._refresh_units(seqs, units, hashes, new)
                known.update({h: v.tobytes() for h, v in new.items()})
            matrix = np.frombuffer(b"".join(_as_bytes(known[h]) for h in hashes), dtype=np.float32).reshape(
                len(hashes), dimension
            )
        out = []
        start = 0
        for seq in seqs:
            n = len(units[seq])
            out.append(_Held(seq, collections.get(seq), articles[seq], units[seq], matrix[start : start + n]))
            start += n
        return out

    def _refresh_units(
        self,
        seqs: list[int],
        units: dict[int, list[Unit]],
        hashes: list[str],
        new: dict[str, np.ndarray],
    ) -> None:
        """Store the current units and new vectors so the next open embeds nothing (best effort)."""
        try:
            with transaction(self._conn):
                insert_vectors(self._conn, self.embedder.name, self.embedder.dimension, new)
                position = 0
                for seq in seqs:
                    article_units = units[seq]
                    self._conn.execute("DELETE FROM units WHERE article_seq = ?", (seq,))
                    write_units(self._conn, seq, article_units, hashes[position : position + len(article_units)])
                    position += len(article_units)
        except sqlite3.Error as error:
            log.warning(
                "cannot update %s with the new passages (%s); they will be embedded again next time", self.path, error
            )

    # ----------------------------------------------------------------- ingest

    def ingest(
        self, paths: Sequence[str | Path], *, collection: str | int | None = None, progress: bool = False
    ) -> IngestReport:
        """Read the articles in ``paths`` (files, or folders of *.txt/*.htm/*.html) and add them in one transaction.

        They go into ``collection`` (None: global, seen from every collection). Every
        file is read before anything is written: a bad file raises KnowledgeError (or
        RetrievalError) and the knowledge base is unchanged.
        """
        started = time.perf_counter()
        collection = collection_name(collection)
        files, articles = read_articles(paths)
        report = self.add_articles(articles, collection=collection, progress=progress, origins=[str(p) for p in files])
        report.seconds = time.perf_counter() - started
        return report

    def add_articles(
        self,
        articles: Sequence[Article],
        *,
        collection: str | int | None = None,
        progress: bool = False,
        origins: Sequence[str | None] | None = None,
    ) -> IngestReport:
        """Add or replace ``articles`` (by id, within ``collection``) in one transaction; an unchanged one is skipped.

        ``collection`` None adds global articles. Only text whose embedding is not
        stored yet is embedded. ``origins`` are the files the articles came from,
        kept for reference.
        """
        started = time.perf_counter()
        collection = collection_name(collection)
        origins = list(origins) if origins is not None else [None] * len(articles)
        with self._lock:
            # Within one call the last record of an id wins, as if added one by one.
            latest: dict[str, tuple[Article, str | None]] = {}
            for article, origin in zip(articles, origins, strict=True):
                latest.pop(article.id, None)
                latest[article.id] = (article, origin)
            stored = dict(
                self._conn.execute("SELECT id, content_hash FROM articles WHERE collection IS ?", (collection,))
            )
            todo = []
            for article, origin in latest.values():
                digest = article_hash(article)
                if stored.get(article.id) != digest:
                    todo.append((article, origin, digest))
            skipped = len(latest) - len(todo)
            # Checked before embedding (so a refusal costs nothing) and again when writing.
            self._check_quota(collection, [article for article, _, _ in todo])

            units = {article.id: _units_for(article, collection) for article, _, _ in todo}
            hashes = {aid: [text_hash(u.embed_text) for u in us] for aid, us in units.items()}
            texts = {h: u.embed_text for aid, us in units.items() for h, u in zip(hashes[aid], us, strict=True)}
            model, dimension = self.embedder.name, self.embedder.dimension
            known = select_vectors(self._conn, model, dimension, list(texts))
            if self._cache is not None:
                known.update(self._cache.lookup(model, dimension, [h for h in texts if h not in known]))
            missing = [h for h in texts if h not in known]
            new: dict[str, np.ndarray] = {}
            if missing:
                fresh = self.embedder.encode(
                    [texts[h] for h in missing], batch_size=INGEST_BATCH_SIZE, progress=progress
                )
                new = dict(zip(missing, fresh, strict=True))
            passages = sum(len(us) for us in units.values())

            replaced = 0
            seqs: dict[str, int] = {}
            try:
                with transaction(self._conn):
                    self._check_quota(collection, [article for article, _, _ in todo])
                    for article, origin, digest in todo:
                        replaced += delete_article(self._conn, article.id, collection)
                        seqs[article.id] = self._write_article(
                            article, origin, digest, collection, units[article.id], hashes[article.id]
                        )
                    insert_vectors(
                        self._conn, model, dimension, {h: as_vector(known.get(h, new.get(h)), dimension) for h in texts}
                    )
                    if replaced:
                        self._forget_unused_vectors()
                    self._conn.execute("UPDATE meta SET value = ? WHERE key = 'updated_at'", (now(),))
            except sqlite3.Error as error:
                where = self.path or "the in-memory knowledge base"
                raise RetrievalError(f"cannot write to {where}: {error}; nothing was changed") from None
            if self._cache is not None:
                self._cache.save(model, dimension, new)

            added = []
            for article, _, _ in todo:
                rows = [as_vector(known.get(h, new.get(h)), dimension) for h in hashes[article.id]]
                vectors = np.stack(rows) if rows else np.zeros((0, dimension), dtype=np.float32)
                added.append(_Held(seqs[article.id], collection, article, units[article.id], vectors))
            if todo:
                self._change([], added)
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
            replaced=replaced,
        )
        log.info("ingest: %s", report.summary())
        return report

    def add_upload(
        self, filename: str, data: bytes, *, collection: str | int | None, origin: str | None = None
    ) -> tuple[Article, IngestReport]:
        """Read ``data`` as the article file ``filename`` and add it to ``collection``; return it and the report.

        The report says whether it was new (``articles`` 1, ``replaced`` 0), replaced a
        stored one of the same id (``replaced`` 1) or was unchanged (``skipped`` 1).
        ``origin`` (a URL, say) is kept for reference. Raises KnowledgeError for bytes
        that are no article (empty, binary, no article text, too large), QuotaError when
        the collection is full, RetrievalError for other refusals; nothing is changed then.
        """
        from .uploads import read_upload

        article = read_upload(filename, data)
        return article, self.add_articles([article], collection=collection, origins=[origin or filename])

    def _check_quota(self, collection: str | None, articles: list[Article]) -> None:
        """Raise QuotaError when adding (or replacing) ``articles`` would take ``collection`` over its quota."""
        if collection is None or not articles:
            return
        stored = dict(
            self._conn.execute(
                "SELECT a.id, ifnull(sum(length(CAST(p.text AS BLOB))), 0) FROM articles a "
                "LEFT JOIN paragraphs p ON p.article_seq = a.seq WHERE a.collection = ? GROUP BY a.seq",
                (collection,),
            )
        )
        kept = {article_id: size for article_id, size in stored.items() if article_id not in {a.id for a in articles}}
        self.quota.check(
            collection,
            len(kept) + len(articles),
            sum(kept.values()) + sum(text_bytes(a) for a in articles),
        )

    def collection_usage(self, collection: str | int) -> tuple[int, int]:
        """Return how many articles ``collection`` holds and the bytes of their text (what its quota counts)."""
        with self._lock:
            row = self._conn.execute(
                "SELECT count(DISTINCT a.seq), ifnull(sum(length(CAST(p.text AS BLOB))), 0) FROM articles a "
                "LEFT JOIN paragraphs p ON p.article_seq = a.seq WHERE a.collection = ?",
                (collection_name(collection),),
            ).fetchone()
        return int(row[0]), int(row[1])

    def _write_article(
        self,
        article: Article,
        origin: str | None,
        digest: str,
        collection: str | None,
        units: list[Unit],
        hashes: list[str],
    ) -> int:
        seq = write_article(self._conn, article, origin, digest, collection)
        write_units(self._conn, seq, units, hashes)
        return seq

    def _forget_unused_vectors(self) -> None:
        """Delete the stored embeddings (of this model) that no stored unit uses any more."""
        self._conn.execute(
            "DELETE FROM embeddings WHERE model = ? AND hash NOT IN (SELECT text_hash FROM units)",
            (self.embedder.name,),
        )

    # ----------------------------------------------------------------- removing

    def remove(self, article_id: str, *, collection: str | int | None = None) -> bool:
        """Delete article ``article_id`` of ``collection`` (None: a global one); return whether there was one.

        The article's rows and the embeddings no other article uses go in one transaction.
        """
        collection = collection_name(collection)
        with self._lock:
            try:
                with transaction(self._conn):
                    found = delete_article(self._conn, article_id, collection)
                    if found:
                        self._forget_unused_vectors()
                        self._conn.execute("UPDATE meta SET value = ? WHERE key = 'updated_at'", (now(),))
            except sqlite3.Error as error:
                where = self.path or "the in-memory knowledge base"
                raise RetrievalError(f"cannot write to {where}: {error}; nothing was changed") from None
            if (collection, article_id) in self._held:
                self._change([(collection, article_id)], [])
        if found:
            log.info("removed article %r from %s", article_id, _collection_label(collection))
        return found

    # ----------------------------------------------------------------- in memory

    def _change(self, gone: Sequence[ArticleKey], added: Sequence[_Held]) -> None:
        """Drop the articles of ``gone`` and put ``added`` last (replacing any of the same key), then re-index.

        The held articles are replaced by a new dict, never changed in place, so a
        reader in another thread iterates a consistent one without taking the lock.
        """
        held = dict(self._held)
        for key in gone:
            held.pop(key, None)
        for entry in added:
            key = (entry.collection, entry.article.id)
            held.pop(key, None)
            held[key] = entry
        self._held = held
        self._rebuild()

    def _rebuild(self) -> None:
        held = list(self._held.values())
        self.articles = [h.article for h in held]
        self.units = [u for h in held for u in h.units]
        parts = [h.vectors for h in held]
        matrix = np.concatenate(parts) if parts else np.zeros((0, self.embedder.dimension), dtype=np.float32)
        self.index = VectorIndex(matrix)
        self.generation += 1

    def article(self, article_id: str, collection: str | int | None = None) -> Article | None:
        """Return the article with this id stored in ``collection`` (None: a global one), or None."""
        held = self._held.get((collection_name(collection), article_id))
        return held.article if held is not None else None

    def articles_in(self, collection: str | int | None) -> list[Article]:
        """Return the articles stored in ``collection`` exactly (None: the global ones), in ingest order."""
        collection = collection_name(collection)
        return [h.article for h in self._held.values() if h.collection == collection]

    def visible(self, collection: str | int | None = None) -> list[tuple[str | None, Article]]:
        """Return what ``collection`` sees, as (collection, article) pairs in ingest order.

        That is every global article and every article of ``collection``; an article of
        the collection hides a global one of the same id. None sees the global ones only.
        """
        collection = collection_name(collection)
        held = list(self._held.values())
        own = {h.article.id for h in held if collection is not None and h.collection == collection}
        return [
            (h.collection, h.article)
            for h in held
            if (h.collection is None and h.article.id not in own)
            or (collection is not None and h.collection == collection)
        ]

    def collections(self) -> list[str]:
        """Return the names of the collections that hold articles, sorted."""
        return sorted({h.collection for h in self._held.values() if h.collection is not None})

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


def _units_for(article: Article, collection: str | None) -> list[Unit]:
    """Return the units of ``article`` stored in ``collection``: they name it, so two collections' ids never mix."""
    units = units_module.units_for(article)
    return units if collection is None else [dataclasses.replace(u, collection=collection) for u in units]


def _collection_label(collection: str | None) -> str:
    return "the global articles" if collection is None else f"collection {collection}"


def _as_bytes(value) -> bytes:
    return value if isinstance(value, bytes) else np.asarray(value, dtype=np.float32).tobytes()


def _sqlite_files(path: Path) -> list[Path]:
    """Return the database file and the journal files SQLite may keep beside it."""
    return [path] + [path.with_name(path.name + suffix) for suffix in ("-journal", "-wal", "-shm")]


__all__ = [
    "DB_ENV",
    "ArticleKey",
    "EmbeddingCache",
    "IngestReport",
    "KnowledgeBase",
    "Quota",
    "QuotaError",
    "article_hash",
    "article_paths",
    "collection_name",
    "default_cache_path",
    "default_db_path",
    "read_articles",
    "text_hash",
]
