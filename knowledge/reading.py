"""Reads an article file (scraped text or saved HTML) into metadata and clean paragraphs."""

from __future__ import annotations

from pathlib import Path

from .model import Document, KnowledgeError


def read_source(path: Path) -> tuple[str, bool]:
    """Return ``(content, is_html)`` for the file at ``path``.

    Raises KnowledgeError for a missing, empty or binary file.
    """
    raise NotImplementedError


def read_document(content: str, article_id: str, *, html: bool | None = None) -> Document:
    """Return the Document (metadata and clean body paragraphs) in ``content``.

    Raises KnowledgeError when there is no article text.
    """
    raise NotImplementedError
