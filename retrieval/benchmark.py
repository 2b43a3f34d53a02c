"""Times query embedding, answering, knowledge-base loading and ingest, on real and synthetic articles.

Everything runs in one process, so the figures compare like with like: ``ask`` is
measured against the bare query embedding of the same run, on the bundled article
and on a synthetic knowledge base of many passages written through the real store
(synthetic text with random unit vectors: embedding 100,000 passages would take
the model far longer than the benchmark is worth).
"""

from __future__ import annotations

import logging
import os
import random
import resource
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from knowledge import Article, Paragraph, Quote, Speaker, bundled_article_path, load_article

from . import units as units_module
from .answering import Answerer
from .embedding import Embedder, get_embedder
from .store import KnowledgeBase

log = logging.getLogger(__name__)

#: ``ask`` p50 at most this many times the bare query embedding p50 on the bundled article...
ASK_RATIO_SMALL = 1.5
#: ... and under this at the large synthetic size.
ASK_RATIO_LARGE = 2.0
#: Reading an article (extraction and attribution) takes no longer than embedding its passages.
READ_OVER_EMBED = 1.0

_FIRST = [
    "Maria",
    "James",
    "Aisha",
    "Tomas",
    "Chen",
    "Olga",
    "Kwame",
    "Priya",
    "Lucas",
    "Fatima",
    "Noah",
    "Ingrid",
    "Diego",
    "Hana",
    "Samuel",
    "Leila",
    "Pavel",
    "Grace",
    "Omar",
    "Elena",
]
_LAST = [
    "Alvarez",
    "Brennan",
    "Okafor",
    "Lindqvist",
    "Nakamura",
    "Petrov",
    "Haddad",
    "Moreau",
    "Singh",
    "Kowalski",
    "Mensah",
    "Fischer",
    "Rossi",
    "Duarte",
    "Tanaka",
    "Walsh",
    "Novak",
    "Ibrahim",
    "Larsen",
    "Costa",
]
_ROLES = [
    "minister",
    "spokesperson",
    "chief executive",
    "professor",
    "mayor",
    "union leader",
    "analyst",
    "coach",
    "police chief",
    "senator",
    None,
]


class _RandomVectors:
    """Stands in for the model when filling a synthetic knowledge base: random unit vectors, same name."""

    def __init__(self, real: Embedder, seed: int = 0) -> None:
        self.name, self.dimension = real.name, real.dimension
        self._real = real
        self._rng = np.random.default_rng(seed)

    def encode(self, texts: Sequence[str], *, batch_size: int = 64, progress: bool = False) -> np.ndarray:
        vectors = self._rng.standard_normal((len(texts), self.dimension), dtype=np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors

    def encode_query(self, text: str) -> np.ndarray:
        return self._real.encode_query(text)


class _Counting:
    """Passes through to the real embedder, counting the texts it embeds for the store."""

    def __init__(self, real: Embedder) -> None:
        self.name, self.dimension = real.name, real.dimension
        self._real = real
        self.embedded = 0

    def encode(self, texts: Sequence[str], **kwargs) -> np.ndarray:
        self.embedded += len(texts)
        return self._real.encode(texts, **kwargs)

    def encode_query(self, text: str) -> np.ndarray:
        return self._real.encode_query(text)


def run(
    *,
    passages: int = 100_000,
    questions: int = 200,
    ingest_passages: int = 1_000,
    model: str | None = None,
    read_articles: Sequence[Path] = (),
    stage: Callable[[str], None] | None = None,
) -> dict:
    """Run every measurement and return the figures (milliseconds and seconds as named).

    ``read_articles`` are extra article files whose reading (extraction) is timed against
    embedding their passages, beside the bundled article.
    """
    stage = stage or (lambda message: log.info("%s", message))
    figures: dict = {"cpus": os.cpu_count(), "load_average_before": _load_average()}
    started = time.perf_counter()
    stage("loading the embedding model")
    embedder = get_embedder(model)
    figures["model"] = embedder.name
    figures["model_load_seconds"] = round(time.perf_counter() - started, 3)
    try:
        import torch

        figures["torch_threads"] = torch.get_num_threads()
    except ImportError:  # pragma: no cover - torch comes with sentence-transformers
        pass
    rng = random.Random(0)
    vocabulary = _vocabulary()

    stage(f"reading and embedding {1 + len(read_articles)} article(s)")
    figures["read_vs_embed"] = read_vs_embed([bundled_article_path(), *read_articles], embedder)

    with tempfile.TemporaryDirectory(prefix="onrecord-bench-") as name:
        folder = Path(name)

        stage("ingesting the bundled article")
        small_db = folder / "small.sqlite"
        with KnowledgeBase.open(small_db, embedder) as kb:
            report = kb.ingest([bundled_article_path()])
        figures["ingest_bundled"] = _ingest_figures(report)

        ingest_passages = min(ingest_passages, passages)
        stage(f"ingesting {ingest_passages} passages of synthetic articles with the model")
        articles = _synthetic_articles(ingest_passages, vocabulary, rng, prefix="embedded")
        with KnowledgeBase.open(folder / "ingest.sqlite", embedder) as kb:
            report = kb.add_articles(articles)
        figures["ingest_embedding"] = _ingest_figures(report)

        stage("answering on the bundled article")
        figures["small"] = _measure(small_db, embedder, questions, rng)

        stage(f"writing a synthetic knowledge base of {passages} passages")
        large_db = folder / "large.sqlite"
        with KnowledgeBase.open(large_db, embedder) as kb:
            kb.ingest([bundled_article_path()])
        articles = _synthetic_articles(passages, vocabulary, rng, prefix="synthetic")
        with KnowledgeBase.open(large_db, _RandomVectors(embedder)) as kb:
            report = kb.add_articles(articles)
        del articles
        figures["ingest_store_only"] = _ingest_figures(report)
        figures["db_megabytes"] = round(large_db.stat().st_size / 1e6, 1)

        stage(f"answering on {passages} passages")
        figures["large"] = _measure(large_db, embedder, questions, rng)

    figures["peak_rss_megabytes"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    figures["load_average"] = _load_average()
    figures["targets"] = _targets(figures)
    figures["seconds"] = round(time.perf_counter() - started, 1)
    return figures


def read_vs_embed(paths: Sequence[Path], embedder: Embedder) -> dict:
    """Time reading each article (parsing and attribution) against embedding its passages.

    Reading is the best of three runs (it is pure Python and short, so the minimum is
    the least disturbed by the rest of the machine); embedding runs once, with no cache.
    Returns per-article rows and the totals, in seconds.
    """
    rows = []
    read = embed = 0.0
    for path in paths:
        timings = []
        for _ in range(3):
            started = time.perf_counter()
            article = load_article(path)
            timings.append(time.perf_counter() - started)
        texts = [unit.embed_text for unit in units_module.units_for(article)]
        started = time.perf_counter()
        embedder.encode(texts)
        embed_seconds = time.perf_counter() - started
        read += min(timings)
        embed += embed_seconds
        rows.append(
            {
                "article": article.id,
                "words": sum(len(p.text.split()) for p in article.paragraphs),
                "passages": len(texts),
                "read_seconds": round(min(timings), 4),
                "embed_seconds": round(embed_seconds, 4),
            }
        )
    return {
        "articles": rows,
        "read_seconds": round(read, 4),
        "embed_seconds": round(embed, 4),
        "read_over_embed": round(read / embed, 3) if embed else None,
    }


def _ingest_figures(report) -> dict:
    return {
        "articles": report.articles,
        "passages": report.passages,
        "embedded": report.embedded,
        "seconds": round(report.seconds, 3),
        "passages_per_second": round(report.passages / report.seconds, 1) if report.seconds else None,
    }


def _measure(db: Path, embedder: Embedder, questions: int, rng: random.Random) -> dict:
    """Open the stored knowledge base, then time bare query embeddings and full answers."""
    counting = _Counting(embedder)
    started = time.perf_counter()
    with KnowledgeBase.open(db, counting, create=False) as kb:
        load_seconds = time.perf_counter() - started
        return _measure_open(kb, counting, embedder, load_seconds, questions, rng)


def _measure_open(
    kb: KnowledgeBase, counting: _Counting, embedder: Embedder, load_seconds: float, questions: int, rng: random.Random
) -> dict:
    """Return the figures of ``_measure`` for a knowledge base opened in ``load_seconds``."""
    out: dict = {
        "articles": len(kb.articles),
        "passages": len(kb.units),
        "load_seconds": round(load_seconds, 3),
        "embedded_on_open": counting.embedded,
    }
    warming = min(20, questions)
    asked = _questions(kb.articles, questions + warming, rng)
    warm, timed = asked[:warming], asked[warming:]
    started = time.perf_counter()
    answerer = Answerer(kb, embedder)
    answerer.ask(warm[0])
    out["first_ask_seconds"] = round(time.perf_counter() - started, 3)
    for question in warm:
        embedder.encode_query(question)
        answerer.ask(question, k=3)
    bare, full, no_answers = [], [], 0
    for question in timed:
        started = time.perf_counter()
        answer = answerer.ask(question, k=3)
        full.append(time.perf_counter() - started)
        no_answers += answer.no_answer
        started = time.perf_counter()
        embedder.encode_query(question)
        bare.append(time.perf_counter() - started)
    # The search alone: one matrix-vector product and a top-k over every unit.
    search = []
    query = embedder.encode_query(timed[0])
    for _ in range(min(len(timed), 50)):
        started = time.perf_counter()
        scores = kb.vectors @ query
        np.argpartition(scores, -min(10, len(scores)))[-10:]
        search.append(time.perf_counter() - started)
    kb.nearest(query, 10)  # makes the binary copy of the vectors, once
    nearest = []
    for _ in range(min(len(timed), 50)):
        started = time.perf_counter()
        kb.nearest(query, 10)
        nearest.append(time.perf_counter() - started)
    out["questions"] = len(timed)
    out["load_average"] = _load_average()
    out["embed_query_ms"] = _percentiles(bare)
    out["vector_search_ms"] = _percentiles(search)
    out["nearest_ms"] = _percentiles(nearest)
    out["nearest_recall_at_10"] = _recall(kb, [embedder.encode_query(q) for q in timed[:50]], 10)
    if full:
        out["ask_ms"] = _percentiles(full)
        out["ask_over_embed_p50"] = round(out["ask_ms"]["p50"] / out["embed_query_ms"]["p50"], 2)
        out["no_answers"] = no_answers
    return out


def _recall(kb: KnowledgeBase, queries: list[np.ndarray], k: int) -> float:
    """Return the share of the exact top ``k`` (by a full scan) that ``kb.nearest`` finds, over ``queries``."""
    found = wanted = 0
    for query in queries:
        exact = set(np.argsort(-(kb.vectors @ query), kind="stable")[:k].tolist())
        found += len(exact & set(kb.nearest(query, k)[0].tolist()))
        wanted += len(exact)
    return round(found / wanted, 4) if wanted else 1.0


def _load_average() -> float | None:
    """Return the 1-minute load average: above the CPU count, other work skews every timing."""
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return None


def _percentiles(seconds: list[float]) -> dict:
    values = np.asarray(seconds) * 1000
    return {"p50": round(float(np.percentile(values, 50)), 2), "p99": round(float(np.percentile(values, 99)), 2)}


def _targets(figures: dict) -> dict:
    small, large = figures["small"], figures["large"]
    return {
        "ask_p50_small": {
            "limit": ASK_RATIO_SMALL,
            "value": small.get("ask_over_embed_p50"),
            "ok": small.get("ask_over_embed_p50") is not None and small["ask_over_embed_p50"] <= ASK_RATIO_SMALL,
        },
        "ask_p50_large": {
            "limit": ASK_RATIO_LARGE,
            "value": large.get("ask_over_embed_p50"),
            "ok": large.get("ask_over_embed_p50") is not None and large["ask_over_embed_p50"] < ASK_RATIO_LARGE,
        },
        "read_not_slower_than_embedding": {
            "limit": READ_OVER_EMBED,
            "value": figures["read_vs_embed"]["read_over_embed"],
            "ok": (figures["read_vs_embed"]["read_over_embed"] or 0) <= READ_OVER_EMBED,
        },
        "no_embedding_on_open": {
            "limit": 0,
            "value": small["embedded_on_open"] + large["embedded_on_open"],
            "ok": small["embedded_on_open"] + large["embedded_on_open"] == 0,
        },
    }


# --------------------------------------------------------------------- synthetic data


def _vocabulary() -> list[str]:
    """Return the words of the bundled article (so synthetic text has news-like words)."""
    words = bundled_article_path().read_text(encoding="utf-8").split()
    cleaned = [w.strip("“”\"'‘’.,;:!?()[]") for w in words]
    return [w for w in cleaned if w.isalpha()] or ["news"]


def _synthetic_articles(passages: int, vocabulary: list[str], rng: random.Random, *, prefix: str) -> list[Article]:
    """Return articles whose units (as the unit definition makes them) add up to at least ``passages``."""
    articles: list[Article] = []
    total = 0
    while total < passages:
        article = _synthetic_article(f"{prefix}-{len(articles):05d}", vocabulary, rng)
        articles.append(article)
        total += len(units_module.units_for(article))
    return articles


def _synthetic_article(article_id: str, vocabulary: list[str], rng: random.Random) -> Article:
    def words(low: int, high: int) -> str:
        return " ".join(rng.choice(vocabulary) for _ in range(rng.randint(low, high)))

    people: list[Speaker] = []
    for _ in range(rng.randint(2, 4)):
        first, last = rng.choice(_FIRST), rng.choice(_LAST)
        role = rng.choice(_ROLES)
        if all(p.name != f"{first} {last}" for p in people):
            people.append(Speaker(f"{first} {last}", role, [last] + ([f"the {role}"] if role else [])))
    paragraphs: list[Paragraph] = []
    quotes: list[Quote] = []
    for index in range(24):
        if index % 2:
            speaker = rng.choice(people)
            said = words(8, 30).capitalize()
            quotes.append(Quote(f"q{len(quotes) + 1}", said + ",", [index], "direct", speaker.name, "said"))
            text = f"“{said},” {speaker.aliases[0]} said."
        else:
            text = words(15, 45).capitalize() + "."
        paragraphs.append(Paragraph(index, text, index))
    return Article(
        id=article_id,
        title=words(5, 10).capitalize(),
        date=f"20{rng.randint(10, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        source="synthetic",
        paragraphs=paragraphs,
        quotes=quotes,
        speakers=people,
    )


def _questions(articles: list[Article], n: int, rng: random.Random) -> list[str]:
    """Return ``n`` varied questions about ``articles``: who said, what did X (or a role) say about, facts.

    Every one goes through the search, so ``ask`` is timed on its full path.
    """
    quoted = [a for a in articles if a.quotes] or articles
    out = []
    for i in range(n):
        article = rng.choice(quoted)
        paragraph = rng.choice(article.paragraphs).text.split()
        start = rng.randrange(max(1, len(paragraph) - 4))
        phrase = " ".join(w.strip('“”",.') for w in paragraph[start : start + rng.randint(2, 4)])
        speaker = rng.choice(article.speakers) if article.speakers else None
        name = rng.choice([speaker.name, *speaker.aliases]) if speaker else "the minister"
        kind = i % 5
        if kind == 0:
            out.append(f"what did {name} say about {phrase}?")
        elif kind == 1:
            out.append(f"who said {phrase}?")
        elif kind == 2:
            out.append(f"why {phrase}?")
        elif kind == 3 and speaker is not None and speaker.role:
            out.append(f"what did the {speaker.role} say about {phrase}?")
        else:
            out.append(f"what does {name} think of {phrase}")
    return out


__all__ = ["ASK_RATIO_LARGE", "ASK_RATIO_SMALL", "run"]
