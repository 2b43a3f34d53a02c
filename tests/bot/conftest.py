"""Bot fixtures: the answering API over the bundled article and the embedding model, built once per test session."""

from __future__ import annotations

import shutil
from pathlib import Path

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


@pytest.fixture(scope="session")
def bundled_kb_template(tmp_path_factory, embedder) -> Path:
    """A knowledge base file holding the bundled article as a global one, embedded once per session.

    Tests copy it (``bundled_kb_copy``) and never open it, so each starts from the same file.
    """
    import knowledge
    from retrieval.store import KnowledgeBase

    path = tmp_path_factory.mktemp("bundled-kb") / "kb.sqlite"
    with KnowledgeBase.open(path, embedder) as kb:
        kb.ingest([knowledge.bundled_article_path()])
    return path


def bundled_kb_copy(template: Path, directory: Path) -> Path:
    """Copy the bundled knowledge base file into ``directory``; return the copy's path (for a test to open and change)."""
    path = directory / "kb.sqlite"
    shutil.copyfile(template, path)
    return path
