"""The English an answer uses to say where things are: article names, paragraph numbers, lists."""

from __future__ import annotations

from collections.abc import Sequence

from knowledge import Article

from .records import ArticleRef, Passage
from .scope import Scope


def series(items: Sequence[str]) -> str:
    """Return ``items`` as English lists them: "a", "a and b", "a, b and c"."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def paragraph_numbers(indices: Sequence[int], limit: int = 5) -> str:
    """Return 0-based paragraph indices as a reader counts them: "paragraph 10", "paragraphs 3, 7 and 9"."""
    shown = [str(i + 1) for i in sorted(set(indices))]
    if len(shown) == 1:
        return f"paragraph {shown[0]}"
    if len(shown) > limit:
        return f"paragraphs {', '.join(shown[:limit])} and {len(shown) - limit} more"
    return f"paragraphs {series(shown)}"


def article_name(article: Article | ArticleRef) -> str:
    """Return how a message names an article: its title in quotation marks, else its id."""
    return f"“{article.title}”" if article.title else f"article {article.id}"


def scope_name(scope: Scope) -> str:
    """Return how a message names what was searched: the one article, or the knowledge base."""
    if len(scope.articles) == 1:
        return article_name(scope.articles[0])
    return "the knowledge base"


def mention_places(where: Sequence[Passage], scope: Scope, limit: int = 3) -> str:
    """Return where a person is mentioned: “Title” (paragraphs 10 and 16), per article, at most ``limit`` articles."""
    if not where:
        return scope_name(scope)
    by_article: dict[str, tuple[ArticleRef, list[int]]] = {}
    for passage in where:
        by_article.setdefault(passage.article.id, (passage.article, []))[1].extend(passage.paragraphs)
    places = [f"{article_name(ref)} ({paragraph_numbers(indices)})" for ref, indices in by_article.values()]
    if len(places) > limit:
        others = len(places) - limit
        places = places[:limit] + [f"{others} other article{'s' if others != 1 else ''}"]
    return series(places)
