"""How much one collection may hold: articles and bytes of article text, set by environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass

from knowledge import Article

from .records import RetrievalError

MAX_ARTICLES_ENV = "ONRECORD_MAX_ARTICLES"
MAX_BYTES_ENV = "ONRECORD_MAX_COLLECTION_BYTES"
#: Defaults: a server discussing the news adds a few articles a day; a long article is ~50 KB of text.
DEFAULT_MAX_ARTICLES = 200
DEFAULT_MAX_BYTES = 20 * 2**20


class QuotaError(RetrievalError):
    """Adding these articles would take a collection over its quota; nothing was changed."""


@dataclass(frozen=True)
class Quota:
    """The most one collection may hold (0: no limit); global articles have no quota."""

    max_articles: int = DEFAULT_MAX_ARTICLES
    max_bytes: int = DEFAULT_MAX_BYTES

    @classmethod
    def from_environment(cls) -> Quota:
        """Return the quota set by ``$ONRECORD_MAX_ARTICLES`` and ``$ONRECORD_MAX_COLLECTION_BYTES`` (or the defaults).

        Raises RetrievalError for a value that is not a whole number of at least 0.
        """
        return cls(_setting(MAX_ARTICLES_ENV, DEFAULT_MAX_ARTICLES), _setting(MAX_BYTES_ENV, DEFAULT_MAX_BYTES))

    def check(self, collection: str, articles: int, size: int) -> None:
        """Raise QuotaError, in one line saying what to do, when ``articles`` or ``size`` bytes exceed the quota."""
        if self.max_articles and articles > self.max_articles:
            raise QuotaError(
                f"collection {collection} would hold {articles} articles, over its limit of {self.max_articles} "
                f"({MAX_ARTICLES_ENV}); remove an article first"
            )
        if self.max_bytes and size > self.max_bytes:
            raise QuotaError(
                f"collection {collection} would hold {_megabytes(size)} of article text, over its limit of "
                f"{_megabytes(self.max_bytes)} ({MAX_BYTES_ENV}); remove an article first"
            )


def text_bytes(article: Article) -> int:
    """Return the size that counts towards a quota: the UTF-8 bytes of the article's paragraphs."""
    return sum(len(p.text.encode("utf-8")) for p in article.paragraphs)


def _setting(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip().replace("_", "")
    if not value:
        return default
    if not value.isdigit():
        raise RetrievalError(f"{name}={os.environ[name]!r} is not a whole number; give 0 for no limit")
    return int(value)


def _megabytes(size: int) -> str:
    return f"{size / 2**20:.1f} MB" if size >= 2**20 else f"{size / 2**10:.0f} KB"


__all__ = [
    "DEFAULT_MAX_ARTICLES",
    "DEFAULT_MAX_BYTES",
    "MAX_ARTICLES_ENV",
    "MAX_BYTES_ENV",
    "Quota",
    "QuotaError",
    "text_bytes",
]
