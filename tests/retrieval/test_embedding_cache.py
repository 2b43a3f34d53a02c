"""Embeddings kept by (model, SHA-256 of text): lookups, saves, and files that cannot serve as a cache."""

from __future__ import annotations

import logging

import numpy as np

from retrieval.embedding_cache import EmbeddingCache, text_hash


def vectors(*texts: str, dimension: int = 4) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(0)
    return {text_hash(t): rng.normal(size=dimension).astype(np.float32) for t in texts}


def test_saved_vectors_are_found_by_model_and_hash_only(tmp_path):
    saved = vectors("one", "two")
    cache = EmbeddingCache(tmp_path / "cache.sqlite")
    cache.save("model-a", 4, saved)
    cache.close()
    reopened = EmbeddingCache(tmp_path / "cache.sqlite", writable=False)
    found = reopened.lookup("model-a", 4, [*saved, text_hash("three")])
    assert found.keys() == saved.keys()
    for digest, vector in saved.items():
        np.testing.assert_array_equal(found[digest], vector)
    assert reopened.lookup("model-b", 4, list(saved)) == {}
    assert reopened.lookup("model-a", 8, list(saved)) == {}, "a vector of another dimension was returned"
    reopened.close()


def test_a_missing_or_foreign_file_only_logs_and_caches_nothing(tmp_path, caplog):
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database\n" * 100)
    with caplog.at_level(logging.WARNING):
        for cache in (EmbeddingCache(tmp_path / "missing.sqlite", writable=False), EmbeddingCache(notes)):
            assert cache.lookup("model-a", 4, [text_hash("one")]) == {}
            cache.save("model-a", 4, vectors("one"))
            cache.close()
    assert not (tmp_path / "missing.sqlite").exists()
    assert notes.read_text() == "not a database\n" * 100
    assert sum("cannot reuse embeddings" in r.getMessage() for r in caplog.records) == 2
