"""Turns a news article (scraped text or a saved HTML page) into attributed quotations.

>>> from knowledge import load_article
>>> article = load_article()          # the bundled article
>>> [s.name for s in article.speakers]
['John Healey', 'Volodymyr Zelensky', 'Donald Trump']
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from .extraction import extract_knowledge
from .model import Article, Document, KnowledgeError, Mention, Paragraph, Quote, Speaker
from .reading import read_document, read_source

BUNDLED_ARTICLE_NAME = "independent-2025-02-19-healey-norway.txt"


def bundled_article_path() -> Path:
    """Return the path of the article the bot ships with (inside the installed package)."""
    return Path(str(resources.files("knowledge") / "data" / BUNDLED_ARTICLE_NAME))


def parse_article(content: str, article_id: str, *, html: bool | None = None) -> Article:
    """Return the Article in ``content`` (plain text, or HTML when ``html`` is true or sniffed).

    Raises KnowledgeError, naming ``article_id``, when there is no article text in it.
    """
    return _parse(content, article_id, html, where=article_id)


def _parse(content: str, article_id: str, html: bool | None, *, where: str | Path) -> Article:
    try:
        document = read_document(content, article_id, html=html)
    except KnowledgeError as error:
        raise KnowledgeError(f"{where}: {error}") from None
    return extract_knowledge(document)


def load_article(path: str | Path | None = None) -> Article:
    """Read and parse the article at ``path`` (default: the bundled article).

    Raises KnowledgeError with a one-line message for a missing, empty or binary
    file, or an HTML page with no article text.
    """
    path = Path(path) if path is not None else bundled_article_path()
    content, html = read_source(path)
    return _parse(content, path.stem, html, where=path)


__all__ = [
    "Article",
    "Document",
    "KnowledgeError",
    "Mention",
    "Paragraph",
    "Quote",
    "Speaker",
    "bundled_article_path",
    "load_article",
    "parse_article",
]
