"""What each command replies, as pages of posts: the one path both Discord and the terminal harness take.

These functions are synchronous (they call the answering API, which runs the
model); the Discord cogs run them on the bot's own model threads. Input a person
got wrong raises ``BadInput`` with a one-line message to show them.
"""

from __future__ import annotations

import re
from typing import Protocol

from retrieval import Answer, Answerer, ArticleSummary, SpeakerSummary
from retrieval.question import MAX_QUESTION_CHARS

from . import render
from .errors import BadInput
from .render import Pages, Post

MAX_PAGES = 3  # /ask and mentions fetch up to PAGE_SIZE * MAX_PAGES passages

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class AnswererLike(Protocol):
    """The part of ``retrieval.Answerer`` the bot uses (a fake in tests has the same methods).

    ``collection`` is a Discord server's id as text (its own articles besides the
    global ones); None sees the global articles only.
    """

    def ask(
        self, question: str, *, k: int = 3, article: str | None = None, collection: str | None = None
    ) -> Answer: ...

    def quotes(
        self,
        speaker: str,
        *,
        topic: str | None = None,
        article: str | None = None,
        k: int | None = None,
        collection: str | None = None,
    ) -> Answer: ...

    def speakers(self, article: str | None = None, *, collection: str | None = None) -> list[SpeakerSummary]: ...

    def articles(self, *, collection: str | None = None) -> list[ArticleSummary]: ...

    def find_speakers(self, text: str, limit: int = 25, *, collection: str | None = None) -> list[str]: ...

    def find_articles(self, text: str, limit: int = 25, *, collection: str | None = None) -> list[ArticleSummary]: ...


def open_answerer(*, db=None, knowledge=None) -> AnswererLike:
    """Open the answering API: ``db`` a knowledge base file, ``knowledge`` article paths, neither the default."""
    return Answerer.open(db=db, knowledge=knowledge)


def clean_question(text: str | None) -> str:
    """Return the question with control characters and extra whitespace removed.

    Raises BadInput for an empty question or one over ``MAX_QUESTION_CHARS`` (the
    answering API's own limit).
    """
    question = " ".join(_CONTROL.sub(" ", text or "").split())
    if not question:
        raise BadInput("Ask a question, for example: what did the defence secretary say about talks?")
    if len(question) > MAX_QUESTION_CHARS:
        raise BadInput(
            f"That question is {len(question):,} characters long; keep it under {MAX_QUESTION_CHARS:,} "
            "(ask about one thing at a time)."
        )
    return question


def resolve_article(
    answerer: AnswererLike, text: str | None, *, collection: str | None = None
) -> ArticleSummary | None:
    """Return the article meant by ``text`` (an id, as autocomplete sends, or an exact title); None for none.

    Raises BadInput naming the closest titles when nothing matches exactly.
    """
    wanted = " ".join((text or "").split())
    if not wanted:
        return None
    articles = answerer.articles(collection=collection)
    for article in articles:
        if article.id == wanted:
            return article
    folded = wanted.casefold()
    for article in articles:
        if (article.title or "").casefold() == folded or article.id.casefold() == folded:
            return article
    close = [a.title or a.id for a in answerer.find_articles(wanted, limit=3, collection=collection)]
    hint = f" Did you mean: {'; '.join(close)}?" if close else " Type /article to see them."
    raise BadInput(f"No article matches “{render.shorten(wanted, 80)}”: pick one from the list.{hint}")


def ask_pages(
    answerer: AnswererLike, question: str | None, *, article: str | None = None, collection: str | None = None
) -> Pages:
    """Return the pages answering ``question`` (optionally within one article)."""
    question = clean_question(question)
    chosen = resolve_article(answerer, article, collection=collection)
    answer = answerer.ask(
        question, k=render.PAGE_SIZE * MAX_PAGES, article=chosen.id if chosen else None, collection=collection
    )
    return render.answer_pages(answer)


def quote_pages(
    answerer: AnswererLike,
    speaker: str | None,
    *,
    topic: str | None = None,
    article: str | None = None,
    collection: str | None = None,
) -> Pages:
    """Return the pages of a speaker's quotations, ranked by ``topic`` when given, else in article order."""
    name = " ".join((speaker or "").split())
    if not name:
        raise BadInput("Name a speaker: type /quote and pick one from the list.")
    if len(name) > 200:
        raise BadInput("That speaker name is too long; pick one from the list.")
    topic = " ".join(_CONTROL.sub(" ", topic or "").split()) or None
    if topic and len(topic) > MAX_QUESTION_CHARS:
        raise BadInput(f"That topic is too long; keep it under {MAX_QUESTION_CHARS:,} characters.")
    chosen = resolve_article(answerer, article, collection=collection)
    answer = answerer.quotes(name, topic=topic, article=chosen.id if chosen else None, collection=collection)
    return render.quote_pages(answer)


def speakers_reply(answerer: AnswererLike, article: str | None = None, *, collection: str | None = None) -> Post:
    """Return who is quoted (in one article, when given) among the articles ``collection`` sees."""
    chosen = resolve_article(answerer, article, collection=collection)
    return render.speakers_post(answerer.speakers(chosen.id if chosen else None, collection=collection), chosen)


def article_reply(answerer: AnswererLike, article: str | None = None, *, collection: str | None = None) -> Post:
    """Return the articles ``collection`` sees, or one article with its speakers."""
    chosen = resolve_article(answerer, article, collection=collection)
    if chosen is None:
        return render.articles_post(answerer.articles(collection=collection))
    return render.article_post(chosen, answerer.speakers(chosen.id, collection=collection))


def help_reply() -> Post:
    """Return the help text."""
    return render.help_post()


def speaker_choices(
    answerer: AnswererLike, typed: str, limit: int = 25, *, collection: str | None = None
) -> list[tuple[str, str]]:
    """Return autocomplete choices ``(name, value)`` for a speaker: canonical names best matching ``typed``."""
    names = answerer.find_speakers(typed or "", limit=limit, collection=collection)
    return [(render.shorten(n, 100), n[:100]) for n in names[:limit]]


def article_choices(
    answerer: AnswererLike, typed: str, limit: int = 25, *, collection: str | None = None
) -> list[tuple[str, str]]:
    """Return autocomplete choices ``(title · date, id)`` for an article best matching ``typed``."""
    found = answerer.find_articles(typed or "", limit=limit, collection=collection)
    return [(render.shorten(render.article_line(a), 100), a.id[:100]) for a in found[:limit]]


def _knowledge_base(answerer: AnswererLike):
    kb = getattr(answerer, "kb", None)
    if kb is None:
        raise BadInput("This bot's knowledge base does not take new articles.")
    return kb


def add_article(
    answerer: AnswererLike, filename: str, data: bytes, *, collection: str, origin: str | None = None
) -> tuple[str, Post]:
    """Add the article file ``filename`` (its bytes ``data``) to ``collection``; return its id and what was understood.

    The post says whether it was added, replaced a stored article of the same id, or
    was unchanged; then title, date, outlet, paragraphs, who is quoted and how often,
    and the id to ask about. Raises KnowledgeError, QuotaError or RetrievalError with
    one line to show, having changed nothing.
    """
    article, report = _knowledge_base(answerer).add_upload(filename, data, collection=collection, origin=origin)
    if report.skipped:
        outcome = "Unchanged: this article is already here, exactly as it is now."
    elif report.replaced:
        outcome = "Replaced: the page changed, so the stored article was replaced."
    else:
        outcome = "Added."
    summary = next(a for a in answerer.articles(collection=collection) if a.id == article.id)
    post = render.article_post(summary, answerer.speakers(article.id, collection=collection))
    content = f"{outcome} Ask about it with article: `{article.id}`."
    return article.id, Post(cards=post.cards, content=content, ephemeral=True)


def remove_article(answerer: AnswererLike, article: str | None, *, collection: str) -> str:
    """Remove one of ``collection``'s own articles (by id, as autocomplete sends, or exact title); return its id.

    Raises BadInput when ``collection`` holds no such article (a global article cannot be removed here).
    """
    kb = _knowledge_base(answerer)
    wanted = " ".join((article or "").split())
    folded = wanted.casefold()
    own = kb.articles_in(collection)
    chosen = next((a for a in own if a.id == wanted), None) or next(
        (a for a in own if (a.title or "").casefold() == folded or a.id.casefold() == folded), None
    )
    if not wanted or chosen is None:
        raise BadInput(f"This server has no article “{render.shorten(wanted, 80)}”: pick one of its own from the list.")
    if not kb.remove(chosen.id, collection=collection):
        raise BadInput(f"The article {chosen.id} was already removed.")
    return chosen.id


def own_article_choices(
    answerer: AnswererLike, typed: str, limit: int = 25, *, collection: str | None = None
) -> list[tuple[str, str]]:
    """Return autocomplete choices ``(title · date, id)`` among ``collection``'s own articles (not the global ones)."""
    if collection is None:
        return []
    own = {a.id for a in _knowledge_base(answerer).articles_in(collection)}
    found = [a for a in answerer.find_articles(typed or "", limit=100, collection=collection) if a.id in own]
    return [(render.shorten(render.article_line(a), 100), a.id[:100]) for a in found[:limit]]
