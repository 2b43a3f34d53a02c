"""What a question is answered from: the units of one article (or of all), with who each passage is by."""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from knowledge import Article
from knowledge.name_forms import tokens

from .introductions import named_in
from .people import DESCRIBED_ARTICLES_MAX, People
from .ranking import SearchIndex, stem, terms


@dataclass
class Scope:
    """What one article filter (or the whole knowledge base) holds, prepared for answering.

    Every unit number in it is an index into ``index``, the search index it was built from.
    """

    index: SearchIndex
    articles: list[Article]
    people: People
    units: np.ndarray  # indices into the search index
    paragraph_speaker: dict[int, str]  # paragraph unit index -> speaker it reports
    vocabulary: set[str]  # every BM25 term of the articles' text
    quotes_by: dict[str, np.ndarray]  # speaker -> their quotation units
    reports_of: dict[str, np.ndarray]  # speaker -> paragraph units reporting them
    attributed: np.ndarray  # every quotation unit with a speaker, and every reporting paragraph
    profiles: dict[str, list[Counter[str]]] = field(default_factory=dict)  # speaker -> terms of paragraphs about them
    lock: threading.Lock = field(default_factory=threading.Lock)  # guards ``profiles``
    collection_of: dict[str, str | None] = field(default_factory=dict)  # article id -> its collection (None: global)
    paragraph_unit: dict[tuple[str, int], int] = field(default_factory=dict)  # (article id, paragraph) -> its unit
    cue_of: dict[int, str] = field(default_factory=dict)  # quotation unit -> stem of its cue's verb ("post")
    naming: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))  # paragraph units naming a person

    def article(self, article_id: str) -> Article | None:
        """Return the article of this id in the scope (ids are unique within one), or None."""
        return next((a for a in self.articles if a.id == article_id), None)


def build_scope(
    index: SearchIndex, articles: list[Article], *, whole: bool, collections: list[str | None] | None = None
) -> Scope:
    """Return the scope of ``articles`` over ``index``; ``whole`` when they are every article indexed.

    ``collections`` names each article's collection (default: all global): the index
    may hold articles of the same id in other collections, which stay out. Which
    speaker a paragraph reports is read from the article (``Paragraph.reports``).
    """
    owners = collections if collections is not None else [None] * len(articles)
    by_key = {(c, a.id): a for c, a in zip(owners, articles, strict=True)}
    people = People(articles)
    units = [i for i, u in enumerate(index.units) if (u.collection, u.article_id) in by_key]
    paragraph_speaker: dict[int, str] = {}
    quotes_by: dict[str, list[int]] = {}
    cue_of: dict[int, str] = {}
    cues: dict[tuple[str | None, str, str | None], str] = {
        (c, a.id, q.id): q.cue for c, a in zip(owners, articles, strict=True) for q in a.quotes if q.cue
    }
    for i in units:
        unit = index.units[i]
        if unit.kind == "quote":
            if unit.speaker:
                quotes_by.setdefault(unit.speaker, []).append(i)
            cue = cues.get((unit.collection, unit.article_id, unit.quote_id))
            if cue and tokens(cue):
                cue_of[i] = stem(tokens(cue)[0])
            continue
        speaker = by_key[(unit.collection, unit.article_id)].paragraphs[unit.paragraphs[0]].reports
        if speaker:
            paragraph_speaker[i] = speaker
    reports_of: dict[str, list[int]] = {}
    for i, speaker in paragraph_speaker.items():
        reports_of.setdefault(speaker, []).append(i)
    if whole:
        vocabulary = index.vocabulary()
    else:
        vocabulary = {t for a in articles for p in a.paragraphs for t in terms(p.text)}
    paragraph_unit = {
        (index.units[i].article_id, index.units[i].paragraphs[0]): i
        for i in units
        if index.units[i].kind == "paragraph"
    }
    # which paragraphs name a person: read from each article's names, as People reads them (and within its bound)
    described = articles if len(articles) <= DESCRIBED_ARTICLES_MAX else []
    naming = {paragraph_unit.get((a.id, p)) for a in described for p, _, _ in named_in(a)}
    return Scope(
        index,
        articles,
        people,
        _as_array(units),
        paragraph_speaker,
        vocabulary,
        {k: _as_array(v) for k, v in quotes_by.items()},
        {k: _as_array(v) for k, v in reports_of.items()},
        _as_array(sorted([i for v in quotes_by.values() for i in v] + list(paragraph_speaker))),
        collection_of={a.id: c for c, a in zip(owners, articles, strict=True)},
        paragraph_unit=paragraph_unit,
        cue_of=cue_of,
        naming=_as_array(sorted(i for i in naming if i is not None)),
    )


def _as_array(indices: list[int]) -> np.ndarray:
    return np.asarray(indices, dtype=np.int64)
