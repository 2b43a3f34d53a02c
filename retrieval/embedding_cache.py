"""Embeddings stored in SQLite by (model, SHA-256 of the text), so unchanged text is never embedded twice."""

from __future__ import annotations

import hashlib
import logging
import sqlite3
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from .records import RetrievalError
from .schema import EMBEDDINGS_TABLE, PAGE_SIZE, transaction

log = logging.getLogger(__name__)

# SQLite allows a limited number of parameters per statement.
_SQL_CHUNK = 500


def text_hash(text: str) -> str:
    """Return the SHA-256 (hex) that keys the embedding of ``text``."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def select_vectors(
    conn: sqlite3.Connection, model: str, dimension: int, hashes: Sequence[str]
) -> dict[str, np.ndarray]:
    """Return the stored vectors of ``model`` among ``hashes`` (hash -> vector); a wrong-sized one is left out."""
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


def insert_vectors(conn: sqlite3.Connection, model: str, dimension: int, vectors: dict[str, np.ndarray]) -> None:
    """Store ``vectors`` (hash -> vector) of ``model``, keeping any already stored under the same hash."""
    conn.executemany(
        "INSERT OR IGNORE INTO embeddings (model, hash, dimension, vector) VALUES (?, ?, ?, ?)",
        [(model, digest, dimension, as_vector(v, dimension).tobytes()) for digest, v in vectors.items()],
    )


def as_vector(value, dimension: int) -> np.ndarray:
    """Return ``value`` (float32 bytes, or anything numpy reads) as a float32 vector; RetrievalError if not ``dimension`` long."""
    if isinstance(value, bytes):
        value = np.frombuffer(value, dtype=np.float32)
    array = np.asarray(value, dtype=np.float32)
    if array.shape != (dimension,):
        raise RetrievalError(f"an embedding has shape {array.shape}, expected ({dimension},)")
    return array


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
                self._conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")
                self._conn.executescript(EMBEDDINGS_TABLE)
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
            return select_vectors(self._conn, model, dimension, hashes)
        except sqlite3.Error as error:
            log.warning("cannot read embedding cache %s (%s)", self.path, error)
            return {}

    def save(self, model: str, dimension: int, vectors: dict[str, np.ndarray]) -> None:
        """Store ``vectors`` (hash -> vector) in one transaction."""
        if self._conn is None or not self.writable or not vectors:
            return
        try:
            with transaction(self._conn):
                insert_vectors(self._conn, model, dimension, vectors)
        except sqlite3.Error as error:
            log.warning("cannot write embedding cache %s (%s)", self.path, error)

    def close(self) -> None:
        """Close the file."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None


__all__ = ["EmbeddingCache", "as_vector", "insert_vectors", "select_vectors", "text_hash"]
