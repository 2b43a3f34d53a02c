"""Reads an article file (scraped text or saved HTML) into metadata and clean paragraphs."""

from __future__ import annotations

import re
from pathlib import Path

from .model import Document, KnowledgeError, Paragraph

# PROVISIONAL: a minimal reader so the quotation work can start; the real one
# (HTML through trafilatura, boilerplate removal, metadata) replaces it.


def read_source(path: Path) -> tuple[str, bool]:
    """Return ``(content, is_html)`` for the file at ``path``.

    Raises KnowledgeError for a missing, empty or binary file.
    """
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise KnowledgeError(f"{path}: no such file") from None
    except OSError as error:
        raise KnowledgeError(f"{path}: cannot read ({error.strerror})") from None
    if not raw.strip():
        raise KnowledgeError(f"{path}: the file is empty")
    if b"\x00" in raw:
        raise KnowledgeError(f"{path}: this is a binary file, not an article")
    text = raw.decode("utf-8", errors="replace")
    return text, bool(re.match(r"\s*<(!doctype|html)", text, re.I))


def read_document(content: str, article_id: str, *, html: bool | None = None) -> Document:
    """Return the Document (metadata and clean body paragraphs) in ``content``.

    Raises KnowledgeError when there is no article text.
    """
    blocks = re.split(r"\n\s*\n", content) if re.search(r"\n\s*\n", content) else content.split("\n")
    blocks = [b.strip() for b in blocks]
    date = None
    paragraphs = []
    for source_index, block in enumerate(b for b in blocks if b):
        match = re.match(r"date (\d{4}-\d{2}-\d{2})\b", block)
        if match:
            date = match.group(1)
            continue
        paragraphs.append(Paragraph(index=len(paragraphs), text=block, source_index=source_index))
    if not paragraphs:
        raise KnowledgeError(f"{article_id}: no article text found")
    return Document(id=article_id, title=None, date=date, source=None, paragraphs=paragraphs)
