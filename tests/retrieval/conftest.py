"""Retrieval fixtures: the embedding model, loaded once per test session."""

from __future__ import annotations

import pytest

from retrieval.embedding import Embedder, get_embedder


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    """The bundled all-MiniLM-L6-v2 embedder (the process-wide instance, loaded once)."""
    return get_embedder(None)
