"""Nearest-neighbour search: exact scans, and the binary shortlist rescored with the float32 vectors."""

from __future__ import annotations

import numpy as np
import pytest

from retrieval import vector_index
from retrieval.vector_index import VectorIndex


def unit_rows(n: int, dimension: int = 64, seed: int = 0) -> np.ndarray:
    rows = np.random.default_rng(seed).normal(size=(n, dimension)).astype(np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


@pytest.fixture
def shortlisted(monkeypatch):
    """Every search goes through a small shortlist, as it does beyond EXACT_SEARCH_LIMIT rows."""
    monkeypatch.setattr(vector_index, "EXACT_SEARCH_LIMIT", 0)
    monkeypatch.setattr(vector_index, "SHORTLIST_MIN", 20)
    monkeypatch.setattr(vector_index, "SHORTLIST_FACTOR", 4)


def test_exact_search_is_the_top_k_of_a_full_scan_over_all_or_some_rows():
    index = VectorIndex(unit_rows(300))
    query = unit_rows(1, seed=1)[0]
    scores = index.vectors @ query
    indices, cosines = index.nearest(query, 5)
    np.testing.assert_array_equal(indices, np.argsort(-scores, kind="stable")[:5])
    np.testing.assert_allclose(cosines, scores[indices], rtol=1e-6)
    rows = np.arange(0, 300, 3)
    indices, _ = index.nearest(query, 4, rows=rows)
    np.testing.assert_array_equal(indices, rows[np.argsort(-scores[rows], kind="stable")[:4]])
    assert index.nearest(query, 0)[0].size == 0 and len(index.nearest(query, 10**6)[0]) == 300


def test_the_binary_copy_is_one_sign_bit_per_dimension_made_once():
    vectors = unit_rows(10, dimension=100)
    index = VectorIndex(vectors)
    packed = np.packbits(vectors > 0, axis=1)
    assert index.binary.dtype == np.uint64 and index.binary.shape == (10, 2)
    np.testing.assert_array_equal(index.binary.view(np.uint8)[:, : packed.shape[1]], packed)
    assert not index.binary.view(np.uint8)[:, packed.shape[1] :].any()
    assert index.binary is index.binary
    assert not index.vectors.flags.writeable


def test_a_shortlist_search_returns_exact_cosines_best_first(shortlisted):
    index = VectorIndex(unit_rows(500))
    for row in range(0, 500, 25):
        query = index.vectors[row]
        indices, cosines = index.nearest(query, 3)
        assert indices[0] == row and cosines[0] == pytest.approx(1.0, abs=1e-5)
        np.testing.assert_allclose(cosines, index.vectors[indices] @ query, rtol=1e-6)
        assert list(cosines) == sorted(cosines, reverse=True)


def test_a_shortlist_search_finds_the_near_neighbours_among_some_rows(shortlisted):
    vectors = unit_rows(1000)
    index = VectorIndex(vectors)
    rows = np.arange(1, 1000, 2)
    noise = unit_rows(len(rows), seed=2) * 0.3
    found = 0
    for row, jitter in zip(rows, noise, strict=True):
        query = vectors[row] + jitter
        query /= np.linalg.norm(query)
        indices, _ = index.nearest(query, 1, rows=rows)
        assert indices[0] in set(rows.tolist())
        found += indices[0] == row
    assert found / len(rows) > 0.95


def test_an_empty_index_finds_nothing():
    index = VectorIndex.empty(8)
    assert len(index) == 0 and index.nearest(np.ones(8, dtype=np.float32), 5)[0].size == 0
