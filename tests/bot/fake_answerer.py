"""A stand-in for ``retrieval.Answerer`` for the bot's unit tests: the same methods, answers built from a tiny made-up article.

It does no ranking: it answers from passages the test gives it, so the tests exercise
the bot's rendering and plumbing, not retrieval.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from retrieval import Answer, ArticleRef, ArticleSummary, Passage, RetrievalError, SpeakerSummary

ARTICLE = ArticleRef(id="gazette-2024-harbour", title="Harbour plan approved after long debate", date="2024-05-02")
SUMMARY = ArticleSummary(
    id=ARTICLE.id,
    title=ARTICLE.title,
    date=ARTICLE.date,
    source="The Gazette",
    paragraphs=20,
    quotes=5,
    speakers=("Maria Lopez", "Tom Berg"),
)


def passage(
    text: str,
    speaker: str | None = "Maria Lopez",
    *,
    role: str | None = "harbour master",
    paragraphs: list[int] | None = None,
    kind: str = "quote",
    article: ArticleRef = ARTICLE,
) -> Passage:
    """Return a passage of the made-up article."""
    return Passage(
        text=text,
        speaker=speaker,
        role=role,
        kind=kind,
        article=article,
        paragraphs=paragraphs if paragraphs is not None else [3],
        score=0.8,
    )


DEFAULT_PASSAGES = [
    passage("The harbour will be open to everyone by the summer.", paragraphs=[3]),
    passage("We listened to the fishermen and changed the plan twice.", paragraphs=[5, 6]),
    passage("It is a good day for the town.", speaker="Tom Berg", role="mayor", paragraphs=[9]),
    passage("Nobody expected the vote to pass so easily.", speaker="Tom Berg", role="mayor", paragraphs=[11]),
]


@dataclass
class FakeAnswerer:
    """Answers every question with ``passages`` (up to k); records the calls it got."""

    passages: list[Passage] = field(default_factory=lambda: list(DEFAULT_PASSAGES))
    no_answer: Answer | None = None
    calls: list[tuple] = field(default_factory=list)

    def ask(self, question: str, *, k: int = 3, article: str | None = None, collection: str | None = None) -> Answer:
        self.calls.append(("ask", question, k, article))
        self._check_article(article)
        if self.no_answer is not None:
            return self.no_answer
        return Answer(
            question=question, speaker=None, intent="said", no_answer=False, message=None, answers=self.passages[:k]
        )

    def quotes(
        self,
        speaker: str,
        *,
        topic: str | None = None,
        article: str | None = None,
        k: int | None = None,
        collection: str | None = None,
    ) -> Answer:
        self.calls.append(("quotes", speaker, topic, article))
        self._check_article(article)
        mine = [p for p in self.passages if p.speaker and speaker.lower() in p.speaker.lower()]
        if not mine:
            return Answer(
                question=speaker,
                speaker=None,
                intent="said",
                no_answer=True,
                message=f"No one called {speaker} is quoted.",
                suggestions=["Maria Lopez", "Tom Berg"],
            )
        return Answer(
            question=speaker,
            speaker=mine[0].speaker,
            intent="said",
            no_answer=False,
            message=None,
            answers=mine[:k] if k else mine,
        )

    def speakers(self, article: str | None = None, *, collection: str | None = None) -> list[SpeakerSummary]:
        self.calls.append(("speakers", article))
        self._check_article(article)
        return [
            SpeakerSummary("Maria Lopez", "harbour master", ("Lopez",), 2, (ARTICLE.id,)),
            SpeakerSummary("Tom Berg", "mayor", ("Berg", "the mayor"), 2, (ARTICLE.id,)),
        ]

    def articles(self, *, collection: str | None = None) -> list[ArticleSummary]:
        return [SUMMARY]

    def find_speakers(self, text: str, limit: int = 25, *, collection: str | None = None) -> list[str]:
        names = ["Maria Lopez", "Tom Berg"]
        return [n for n in names if text.lower() in n.lower()][:limit]

    def find_articles(self, text: str, limit: int = 25, *, collection: str | None = None) -> list[ArticleSummary]:
        return [SUMMARY][:limit] if text.lower() in (SUMMARY.title or "").lower() else []

    def warm_up(self) -> None:
        self.calls.append(("warm_up",))

    @staticmethod
    def _check_article(article: str | None) -> None:
        if article is not None and article != ARTICLE.id:
            raise RetrievalError(f"no article {article!r} in the knowledge base")
