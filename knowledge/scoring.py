"""Scores an Article's quotations against a gold ``.quotes.json`` file (matching by text).

The matching rule: after normalising quotation marks, apostrophes, case and whitespace, a
predicted quote matches a gold entry when the gold text is inside it (so a merged
multi-paragraph quote matches each paragraph's entry), or when it is inside the gold text
and at least half as long.

- precision: predicted quotes that match a gold entry with an acceptable speaker, over
  predicted quotes; a quote that matches only ``ignore`` entries (titles, terms) is
  neither right nor wrong and is left out; one that matches nothing or a
  ``boilerplate`` entry, or gives an ``optional`` entry a wrong speaker, is wrong;
- recall: required entries (not optional, ignore or boilerplate) matched, over all
  required entries;
- speaker accuracy: required entries matched whose every matching quote names an
  accepted speaker, over required entries matched. A speaker string is accepted when
  it contains (case-insensitively) any of the entry's ``accept`` words, by default the
  gold speaker's surname.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .model import Article, Quote
from .text import normalise_marks

_EDGE = " \t\n.,;:!?\"'()[]—–-"


def _normalise(text: str) -> str:
    return normalise_marks(text).strip(_EDGE)


def text_matches(predicted: str, gold: str) -> bool:
    """Return True when a predicted quote's text matches a gold entry's text."""
    p, g = _normalise(predicted), _normalise(gold)
    if not p or not g:
        return False
    return g in p or (p in g and len(p) * 2 >= len(g))


@dataclass
class QuoteScore:
    """How well an article's quotations match the gold file (see module docstring)."""

    matched: int = 0  # required gold entries found
    predicted: int = 0  # predicted quotes that count for precision
    gold_required: int = 0
    correct_predictions: int = 0
    speakers_right: int = 0  # of the matched required entries
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    wrong_speakers: list[tuple[str, str | None, str]] = field(default_factory=list)
    # by the gold's ``speaker_kind`` (PolNeAR: named, coref, title, unnamed), where it gives one
    kind_matched: Counter[str] = field(default_factory=Counter)
    kind_right: Counter[str] = field(default_factory=Counter)

    @property
    def precision(self) -> float:
        return self.correct_predictions / self.predicted if self.predicted else float(self.gold_required == 0)

    @property
    def recall(self) -> float:
        return self.matched / self.gold_required if self.gold_required else 1.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speakers_right / self.matched if self.matched else 1.0

    def speaker_accuracy_by_kind(self) -> dict[str, tuple[float, int]]:
        """Return ``{speaker kind: (speaker accuracy, required entries matched)}`` for golds that give kinds."""
        return {kind: (self.kind_right[kind] / n, n) for kind, n in sorted(self.kind_matched.items())}

    def __add__(self, other: QuoteScore) -> QuoteScore:
        return QuoteScore(
            self.matched + other.matched,
            self.predicted + other.predicted,
            self.gold_required + other.gold_required,
            self.correct_predictions + other.correct_predictions,
            self.speakers_right + other.speakers_right,
            self.misses + other.misses,
            self.false_positives + other.false_positives,
            self.wrong_speakers + other.wrong_speakers,
            self.kind_matched + other.kind_matched,
            self.kind_right + other.kind_right,
        )

    def summary(self) -> str:
        """Return one line: precision, recall and speaker accuracy with their counts."""
        return (
            f"precision {self.precision:.2f} ({self.correct_predictions}/{self.predicted}), "
            f"recall {self.recall:.2f} ({self.matched}/{self.gold_required}), "
            f"speaker accuracy {self.speaker_accuracy:.2f} ({self.speakers_right}/{self.matched})"
        )


def _accepts(entry: dict, gold: dict) -> list[str]:
    accept = entry.get("accept")
    if not accept and entry.get("speaker"):
        accept = gold.get("speakers", {}).get(entry["speaker"], {}).get("accept")
    if not accept and entry.get("speaker"):
        accept = [entry["speaker"].split()[-1]]
    return [a.lower() for a in accept or []]


def _speaker_ok(quote: Quote, entry: dict, gold: dict) -> bool:
    if not quote.speaker:
        return False
    speaker = quote.speaker.lower()
    return any(word in speaker for word in _accepts(entry, gold))


def score_quotes(article: Article, gold: dict) -> QuoteScore:
    """Return the QuoteScore of ``article``'s quotations against a gold quotes dict."""
    entries = gold.get("quotes", [])
    required = [e for e in entries if not (e.get("optional") or e.get("ignore") or e.get("boilerplate"))]
    score = QuoteScore(gold_required=len(required))
    for quote in article.quotes:
        hits = [e for e in entries if text_matches(quote.text, e["text"])]
        if hits and all(e.get("ignore") for e in hits):
            continue
        score.predicted += 1
        good = [e for e in hits if not e.get("ignore") and not e.get("boilerplate")]
        if good and any(_speaker_ok(quote, e, gold) for e in good):
            score.correct_predictions += 1
        elif good and any(not e.get("optional") for e in good):
            score.correct_predictions += 1  # found; its speaker is judged under speaker accuracy
        else:
            score.false_positives.append(f"{quote.id} [{quote.speaker}] {quote.text[:80]}")
    for entry in required:
        quotes = [q for q in article.quotes if text_matches(q.text, entry["text"])]
        if not quotes:
            score.misses.append(f"p{entry.get('paragraph')} [{entry.get('speaker')}] {entry['text'][:80]}")
            continue
        score.matched += 1
        kind = entry.get("speaker_kind")
        if kind:
            score.kind_matched[kind] += 1
        wrong = [q for q in quotes if not _speaker_ok(q, entry, gold)]
        if wrong:
            score.wrong_speakers += [(entry["text"][:80], q.speaker, entry.get("speaker") or "") for q in wrong]
        else:
            score.speakers_right += 1
            if kind:
                score.kind_right[kind] += 1
    return score


def article_path_for(gold_path: Path, *, html: bool = False) -> Path:
    """Return the article file beside a gold file (``NN_slug.txt`` or ``.html`` for ``NN_slug.quotes.json``)."""
    stem = gold_path.name[: -len(".quotes.json")] if gold_path.name.endswith(".quotes.json") else gold_path.stem
    return gold_path.with_name(stem + (".html" if html else ".txt"))


def score_quotes_file(gold_path: Path, *, html: bool = False) -> QuoteScore:
    """Load the article beside ``gold_path`` (its .txt, or its .html with ``html``) and score it.

    Raises KnowledgeError when the article cannot be read; OSError/ValueError for a
    missing or malformed gold file.
    """
    from . import load_article  # the package imports this module's siblings; avoid a cycle

    gold_path = Path(gold_path)
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    return score_quotes(load_article(article_path_for(gold_path, html=html)), gold)


__all__ = ["QuoteScore", "article_path_for", "score_quotes", "score_quotes_file", "text_matches"]
