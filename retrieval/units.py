"""Decides what gets embedded and searched: one unit per quotation and one per paragraph."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from knowledge import Article

#: A quotation shorter than this many words is searched through its paragraph.
MIN_QUOTE_WORDS = 6


@dataclass(frozen=True)
class Unit:
    """One searchable passage of an article.

    ``text`` is verbatim from the article (what is shown); ``embed_text`` is what the
    model embeds. Quotations are embedded as their words alone: the speaker and role
    are matched by name, alias and role words when a question is understood
    (retrieval.question), and prefixing them to every quotation only pulled all of a
    speaker's quotations towards any question naming them (measured on the dev
    questions). ``key`` is stable across runs.
    """

    key: str
    article_id: str
    kind: Literal["quote", "paragraph"]
    quote_id: str | None
    paragraphs: tuple[int, ...]
    text: str
    speaker: str | None
    role: str | None
    embed_text: str
    #: The collection the article belongs to (None: global); an article id is unique only within one.
    collection: str | None = None


def units_for(article: Article) -> list[Unit]:
    """Return the searchable units of ``article``: its quotations, then its body paragraphs.

    A quotation that runs over several paragraphs is one unit with its whole text,
    plus one unit per paragraph of it (same ``quote_id``), so a question about one
    thing it says finds the paragraph that says it. A pull quote that repeats a body
    quotation is left out: the body quotation is the passage to show.
    """
    units = []
    for quote in article.quotes:
        if quote.kind == "pullquote" and quote.repeats:
            continue
        if len(quote.text.split()) < MIN_QUOTE_WORDS:
            continue
        speaker = article.speaker(quote.speaker) if quote.speaker else None
        role = speaker.role if speaker else None
        pieces = [(f"{article.id}:q:{quote.id}", tuple(quote.paragraphs), quote.text)]
        parts = quote.text.split("\n")
        if len(quote.paragraphs) > 1 and len(parts) == len(quote.paragraphs):
            pieces += [
                (f"{article.id}:q:{quote.id}:{n}", (paragraph,), part)
                for n, (paragraph, part) in enumerate(zip(quote.paragraphs, parts, strict=True))
                if part.strip()
            ]
        for key, paragraphs, text in pieces:
            units.append(
                Unit(
                    key=key,
                    article_id=article.id,
                    kind="quote",
                    quote_id=quote.id,
                    paragraphs=paragraphs,
                    text=text,
                    speaker=quote.speaker,
                    role=role,
                    embed_text=text,
                )
            )
    for paragraph in article.paragraphs:
        if paragraph.role != "body":
            continue
        units.append(
            Unit(
                key=f"{article.id}:p:{paragraph.index}",
                article_id=article.id,
                kind="paragraph",
                quote_id=None,
                paragraphs=(paragraph.index,),
                text=paragraph.text,
                speaker=None,
                role=None,
                embed_text=paragraph.text,
            )
        )
    return units
