"""Plain records that the answering API returns to every surface (Discord, terminal, JSON)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

Intent = Literal["said", "who", "fact"]
PassageKind = Literal["quote", "paragraph"]


@dataclass(frozen=True)
class ArticleRef:
    """Which article a passage comes from."""

    id: str
    title: str | None
    date: str | None


@dataclass
class Passage:
    """One verbatim passage of an answer.

    ``paragraphs`` are 0-based indices of the article's clean paragraphs (surfaces
    show them 1-based). ``text`` is verbatim from the article; a multi-paragraph
    quotation joins its paragraphs with a newline. ``beside`` names the person the
    article sets these words beside when the quoted words in them are credited to
    no one: the article's text, shown for that person but not quoted by name.
    """

    text: str
    speaker: str | None
    role: str | None
    kind: PassageKind
    article: ArticleRef
    paragraphs: list[int]
    score: float
    quote_id: str | None = None
    beside: str | None = None


@dataclass
class Answer:
    """What the bot says to a question.

    When ``no_answer`` is true, ``message`` says why (no passage good enough; the
    person is mentioned but never quoted, with ``mentioned_in`` holding where; an
    unknown person, with ``suggestions`` holding the closest speaker names).
    """

    question: str
    speaker: str | None
    intent: Intent
    no_answer: bool
    message: str | None
    answers: list[Passage] = field(default_factory=list)
    mentioned_in: list[Passage] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        """Return the answer in the JSON shape that ``onrecord ask --json`` prints.

        A passage shown beside a person, its words credited to no one, also has
        "beside": that person's name.
        """
        return {
            "question": self.question,
            "speaker": self.speaker,
            "intent": self.intent,
            "no_answer": self.no_answer,
            "message": self.message,
            "answers": [
                {
                    "text": p.text,
                    "speaker": p.speaker,
                    "role": p.role,
                    "kind": p.kind,
                    "article": asdict(p.article),
                    "paragraphs": list(p.paragraphs),
                    "score": round(float(p.score), 4),
                }
                | ({"beside": p.beside} if p.beside else {})
                for p in self.answers
            ],
        }


@dataclass(frozen=True)
class SpeakerSummary:
    """A quoted person across the knowledge base (or one article)."""

    name: str
    role: str | None
    aliases: tuple[str, ...]
    quotes: int
    articles: tuple[str, ...]


@dataclass(frozen=True)
class ArticleSummary:
    """An article in the knowledge base, with counts."""

    id: str
    title: str | None
    date: str | None
    source: str | None
    paragraphs: int
    quotes: int
    speakers: tuple[str, ...]


class RetrievalError(Exception):
    """A problem a user can fix: bad question, unknown article, missing or corrupt knowledge base.

    The message is one line a person can act on.
    """
