"""What a question is answered from: the units of one article (or of all), with who each passage is by."""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from knowledge import Article

from .people import People
from .ranking import SearchIndex, terms


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


def build_scope(index: SearchIndex, articles: list[Article], *, whole: bool) -> Scope:
    """Return the scope of ``articles`` over ``index``; ``whole`` when they are every article indexed.

    Which speaker a paragraph reports is read from the article (``Paragraph.reports``).
    """
    by_id = {a.id: a for a in articles}
    people = People(articles)
    units = [i for i, u in enumerate(index.units) if u.article_id in by_id]
    paragraph_speaker: dict[int, str] = {}
    quotes_by: dict[str, list[int]] = {}
    for i in units:
        unit = index.units[i]
        if unit.kind == "quote":
            if unit.speaker:
                quotes_by.setdefault(unit.speaker, []).append(i)
            continue
        speaker = by_id[unit.article_id].paragraphs[unit.paragraphs[0]].reports
        if speaker:
            paragraph_speaker[i] = speaker
    reports_of: dict[str, list[int]] = {}
    for i, speaker in paragraph_speaker.items():
        reports_of.setdefault(speaker, []).append(i)
    if whole:
        vocabulary = index.vocabulary()
    else:
        vocabulary = {t for a in articles for p in a.paragraphs for t in terms(p.text)}
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
    )


def _as_array(indices: list[int]) -> np.ndarray:
    return np.asarray(indices, dtype=np.int64)
