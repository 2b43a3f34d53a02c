"""Plain records for what an article holds: paragraphs, quotations, speakers and mentions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

QuoteKind = Literal["direct", "partial", "continued", "pullquote"]
ParagraphRole = Literal["body", "pullquote"]


@dataclass(frozen=True)
class Paragraph:
    """One clean paragraph of the story.

    ``index`` is the paragraph's 0-based position among the article's clean
    paragraphs (what users see, shown 1-based); ``source_index`` is the position of
    the block it came from in the input as split into blocks (blank lines, or single
    newlines where the text has no blank lines), so a reader can find it in the file.
    ``role`` is ``"pullquote"`` for a paragraph that only repeats a quotation from
    the body (printed without quotation marks and followed by the speaker's name).
    ``reports`` is the canonical name of the speaker the paragraph reports ("Healey
    said ...", or a paragraph holding only their quotations), worked out once when
    the article is read; None when it reports no one, or more than one person.
    """

    index: int
    text: str
    source_index: int
    role: ParagraphRole = "body"
    reports: str | None = None


@dataclass
class Speaker:
    """One person (or unnamed source, or institution) quoted in an article.

    ``name`` is the canonical name ("John Healey", "UCEA spokesperson");
    ``aliases`` are the references to them as they occur in the text ("Healey",
    "Mr Healey", "the Defence Secretary").
    """

    name: str
    role: str | None = None
    aliases: list[str] = field(default_factory=list)


@dataclass
class Mention:
    """A person named in the article who is never quoted, with where they are named."""

    name: str
    role: str | None = None
    paragraphs: list[int] = field(default_factory=list)


@dataclass
class Quote:
    """One stretch of quoted speech, verbatim.

    ``text`` is exactly the words between the quotation marks; a quotation that runs
    over several paragraphs is one Quote whose text joins them with a newline, and
    ``paragraphs`` lists every paragraph index it spans. ``speaker`` is the canonical
    name of the Speaker, or None when nobody can be named. ``cue`` is the attribution
    verb or phrase ("said", "told reporters", "according to"). For a pull quote,
    ``repeats`` is the id of the body quotation it repeats.
    """

    id: str
    text: str
    paragraphs: list[int]
    kind: QuoteKind
    speaker: str | None = None
    cue: str | None = None
    repeats: str | None = None


@dataclass
class Article:
    """An article turned into structured knowledge."""

    id: str
    title: str | None
    date: str | None
    source: str | None
    paragraphs: list[Paragraph]
    quotes: list[Quote] = field(default_factory=list)
    speakers: list[Speaker] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)

    def speaker(self, name: str) -> Speaker | None:
        """Return the Speaker with this canonical name, or None."""
        return next((s for s in self.speakers if s.name == name), None)

    def quotes_by(self, name: str) -> list[Quote]:
        """Return the quotations attributed to the speaker with this canonical name."""
        return [q for q in self.quotes if q.speaker == name]

    def to_json(self) -> dict:
        """Return the article in the JSON shape that ``onrecord quotes --json`` prints."""
        counts: dict[str, int] = {}
        for quote in self.quotes:
            if quote.speaker is not None:
                counts[quote.speaker] = counts.get(quote.speaker, 0) + 1
        return {
            "article": {
                "id": self.id,
                "title": self.title,
                "date": self.date,
                "source": self.source,
                "paragraphs": len(self.paragraphs),
            },
            "speakers": [
                {"name": s.name, "role": s.role, "aliases": list(s.aliases), "quotes": counts.get(s.name, 0)}
                for s in self.speakers
                if counts.get(s.name, 0) > 0
            ],
            "mentions": [{"name": m.name, "role": m.role} for m in self.mentions],
            "quotes": [
                {
                    "id": q.id,
                    "speaker": q.speaker,
                    "text": q.text,
                    "paragraphs": list(q.paragraphs),
                    "kind": q.kind,
                    "cue": q.cue,
                }
                for q in self.quotes
            ],
        }


@dataclass
class Document:
    """An article's text before quotation analysis: metadata and clean body paragraphs."""

    id: str
    title: str | None
    date: str | None
    source: str | None
    paragraphs: list[Paragraph]


class KnowledgeError(Exception):
    """An article that cannot be read: missing, empty, binary, or with no article text.

    The message is one line a person can act on.
    """


__all__ = [
    "Article",
    "Document",
    "KnowledgeError",
    "Mention",
    "Paragraph",
    "ParagraphRole",
    "Quote",
    "QuoteKind",
    "Speaker",
]
