"""Articles made up of a few paragraphs, read straight into extraction (no reader in between)."""

from __future__ import annotations

from knowledge.extraction import extract_knowledge
from knowledge.model import Article, Document, Paragraph


def article(*paragraphs: str, title: str | None = None) -> Article:
    """Return the Article for made-up paragraphs."""
    doc = Document(
        id="t",
        title=title,
        date=None,
        source=None,
        paragraphs=[Paragraph(index=i, text=t, source_index=i) for i, t in enumerate(paragraphs)],
    )
    return extract_knowledge(doc)


def texts(a: Article) -> list[str]:
    """Return the texts of an article's quotations, in order."""
    return [q.text for q in a.quotes]


def speakers_of(a: Article) -> list[str | None]:
    """Return the speaker of each of an article's quotations, in order."""
    return [q.speaker for q in a.quotes]
