"""Nearest-neighbour search over unit embeddings: exact up to a size, beyond it a binary shortlist rescored exactly."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property

import numpy as np

#: ``VectorIndex.nearest`` scans every vector exactly up to this many rows...
EXACT_SEARCH_LIMIT = 20_000
#: ... and beyond it rescores a shortlist of this many per wanted result (at least SHORTLIST_MIN).
SHORTLIST_FACTOR = 50
SHORTLIST_MIN = 1_000


class VectorIndex:
    """A read-only float32 matrix of L2-normalised embeddings, one row per unit, and the search over it.

    ``vectors @ query`` is the cosine similarity of every row to a normalised query.
    A new index is made whenever the rows change, so what is derived from them (the
    binary copy) is computed once per index.
    """

    def __init__(self, vectors: np.ndarray) -> None:
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        vectors.flags.writeable = False
        self.vectors = vectors

    @classmethod
    def empty(cls, dimension: int) -> VectorIndex:
        """Return an index of no rows of ``dimension`` columns."""
        return cls(np.zeros((0, dimension), dtype=np.float32))

    def __len__(self) -> int:
        return len(self.vectors)

    @cached_property
    def binary(self) -> np.ndarray:
        """Return each row quantised to one bit per dimension (its sign), packed into 64-bit words.

        An eighth of a byte per dimension: 1/32 of the float32 matrix to scan.
        """
        return _words(_ubinary(self.vectors))

    def nearest(
        self, query_vector: np.ndarray, k: int = 10, *, rows: np.ndarray | Sequence[int] | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Return ``(indices, cosines)`` of the ``k`` rows (among ``rows``, default all) closest to the query, best first.

        Up to EXACT_SEARCH_LIMIT rows this is one float32 matrix-vector product.
        Beyond it, the query is quantised as the rows are and the Hamming distance to
        every binary row picks a shortlist of SHORTLIST_FACTOR * k (at least
        SHORTLIST_MIN) rows, which alone are rescored with the float32 vectors: the
        cosines returned are always exact, but a true neighbour can in rare cases
        miss the shortlist. On two CPU cores a float32 scan of 100,000 rows costs
        about as much as embedding the question; the binary scan and rescoring about a quarter.
        """
        query = np.asarray(query_vector, dtype=np.float32)
        chosen = None if rows is None else np.asarray(rows, dtype=np.int64)
        total = len(self.vectors) if chosen is None else len(chosen)
        k = max(0, min(int(k), total))
        if k == 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        if total <= EXACT_SEARCH_LIMIT:
            candidates = np.arange(total) if chosen is None else chosen
            scores = self.vectors @ query if chosen is None else self.vectors[chosen] @ query
        else:
            binary = self.binary if chosen is None else self.binary[chosen]
            distance = _popcount(binary ^ _words(_ubinary(query[None, :]))[0]).sum(axis=1, dtype=np.int32)
            size = min(total, max(SHORTLIST_MIN, SHORTLIST_FACTOR * k))
            short = np.argpartition(distance, size - 1)[:size] if size < total else np.arange(total)
            candidates = short if chosen is None else chosen[short]
            scores = self.vectors[candidates] @ query
        top = np.argpartition(-scores, k - 1)[:k] if k < len(scores) else np.arange(len(scores))
        top = top[np.argsort(-scores[top], kind="stable")]
        return np.asarray(candidates[top], dtype=np.int64), scores[top].astype(np.float32)


def _ubinary(vectors: np.ndarray) -> np.ndarray:
    """Return sentence-transformers' "ubinary" quantisation of ``vectors``: one bit per dimension, set when positive."""
    # sentence-transformers is imported only when a shortlist is needed: it takes seconds.
    from sentence_transformers import quantize_embeddings

    return np.asarray(quantize_embeddings(vectors, precision="ubinary"))


def _words(packed: np.ndarray) -> np.ndarray:
    """Return rows of packed bytes as rows of 64-bit words (zero-padded), so popcounts run a word at a time."""
    pad = (-packed.shape[1]) % 8
    if pad:
        packed = np.pad(packed, ((0, 0), (0, pad)))
    return np.ascontiguousarray(packed).view(np.uint64)


_BYTE_BITS = np.array([i.bit_count() for i in range(256)], dtype=np.uint8)


def _popcount(words: np.ndarray) -> np.ndarray:
    """Return the set bits of each word (numpy 2's bitwise_count; before it, a byte table, per byte)."""
    if hasattr(np, "bitwise_count"):
        return np.bitwise_count(words)
    return _BYTE_BITS[words.view(np.uint8)].reshape(words.shape[0], -1)


__all__ = ["EXACT_SEARCH_LIMIT", "SHORTLIST_FACTOR", "SHORTLIST_MIN", "VectorIndex"]
