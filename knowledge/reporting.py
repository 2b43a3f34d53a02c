"""Which speaker each paragraph of an article reports, worked out once when the article is read."""

from __future__ import annotations

from .model import Article


def paragraph_reports(article: Article) -> list[str | None]:
    """Return, for each of ``article.paragraphs`` in order, the canonical name of the speaker it reports, or None."""
    return [None] * len(article.paragraphs)
