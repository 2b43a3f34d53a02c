"""Decides what gets embedded and searched: one unit per quotation and one per paragraph."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from knowledge import Article


@dataclass(frozen=True)
class Unit:
    """One searchable passage of an article.

    ``text`` is verbatim from the article (what is shown); ``embed_text`` is what the
    model embeds: the text with enough context (speaker, role) that a question naming
    the speaker or their role finds it. ``key`` is stable across runs.
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


def units_for(article: Article) -> list[Unit]:
    """Return the searchable units of ``article``: its quotations, then its body paragraphs."""
    units = []
    for quote in article.quotes:
        speaker = article.speaker(quote.speaker) if quote.speaker else None
        role = speaker.role if speaker else None
        context = ", ".join(p for p in (quote.speaker, role) if p)
        units.append(
            Unit(
                key=f"{article.id}:q:{quote.id}",
                article_id=article.id,
                kind="quote",
                quote_id=quote.id,
                paragraphs=tuple(quote.paragraphs),
                text=quote.text,
                speaker=quote.speaker,
                role=role,
                embed_text=f"{context}: {quote.text}" if context else quote.text,
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
