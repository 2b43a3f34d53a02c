"""Records and an embedder double shared by the knowledge base tests."""

from __future__ import annotations

import numpy as np

from knowledge import Article, Mention, Paragraph, Quote, Speaker


def make_article(article_id: str = "sample-article", *, topic: str = "the harbour", extra: str = "") -> Article:
    """An article exercising every field of the records: pull quote, multi-paragraph quote, repeats, mentions."""
    paragraphs = [
        Paragraph(
            0, f"The mayor, Ana Ortiz, said the council would rebuild {topic} by spring.", 0, reports="Ana Ortiz"
        ),
        Paragraph(1, f"“We will not leave {topic} in ruins,” Ortiz told reporters on Tuesday.", 1, reports="Ana Ortiz"),
        Paragraph(2, "We will not leave it in ruins Ana Ortiz", 3, "pullquote"),
        Paragraph(3, "“The money is there. The plan is there.", 4),
        Paragraph(4, "“What we need now is time,” she said, adding that Luis Vega had been consulted.", 5),
        Paragraph(5, f"A spokesperson for the port authority said it “welcomed the decision”.{extra}", 6),
    ]
    quotes = [
        Quote("q1", f"We will not leave {topic} in ruins,", [1], "direct", "Ana Ortiz", "told reporters"),
        Quote("q2", "We will not leave it in ruins", [2], "pullquote", "Ana Ortiz", None, repeats="q1"),
        Quote(
            "q3",
            "The money is there. The plan is there.\nWhat we need now is time,",
            [3, 4],
            "direct",
            "Ana Ortiz",
            "said",
        ),
        Quote("q4", "welcomed the decision", [5], "partial", "port authority spokesperson", "said"),
    ]
    speakers = [
        Speaker("Ana Ortiz", "mayor", ["Ortiz", "the mayor", "Ana Ortiz’s"]),
        Speaker("port authority spokesperson", None, []),
    ]
    mentions = [Mention("Luis Vega", None, [4])]
    return Article(
        article_id,
        f"Council to rebuild {topic}",
        "2024-03-05",
        "Example Gazette",
        paragraphs,
        quotes,
        speakers,
        mentions,
    )


class CountingEmbedder:
    """Wraps the real embedder and counts the texts it is asked to embed."""

    def __init__(self, inner, name: str | None = None, dimension: int | None = None) -> None:
        self.inner = inner
        self.name = name or inner.name
        self.dimension = dimension or inner.dimension
        self.texts: list[str] = []

    def encode(self, texts, *, batch_size=64, progress=False):
        self.texts.extend(texts)
        vectors = self.inner.encode(texts, batch_size=batch_size)
        if self.dimension != self.inner.dimension:
            vectors = np.resize(vectors, (len(texts), self.dimension)).astype(np.float32)
        return vectors

    def encode_query(self, text):
        return self.inner.encode_query(text)


class RandomEmbedder:
    """Stands in for the model where only the storage matters: seeded random unit vectors, counted."""

    def __init__(self, name: str = "test/random", dimension: int = 16) -> None:
        self.name, self.dimension = name, dimension
        self.texts: list[str] = []
        self._rng = np.random.default_rng(0)

    def encode(self, texts, **kwargs):
        self.texts.extend(texts)
        vectors = self._rng.normal(size=(len(texts), self.dimension)).astype(np.float32)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)

    def encode_query(self, text):
        return self.encode([text])[0]
