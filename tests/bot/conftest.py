"""Bot fixtures: the answering API over the bundled article and the embedding model, built once per test session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def bundled_answerer():
    """The answering API over the bundled article, with the session's embedding model."""
    import knowledge
    from retrieval import Answerer

    return Answerer.open(knowledge=[knowledge.bundled_article_path()])


@pytest.fixture(scope="session")
def embedder():
    """The bundled all-MiniLM-L6-v2 embedder (the process-wide instance, loaded once)."""
    from retrieval.embedding import get_embedder

    return get_embedder(None)
