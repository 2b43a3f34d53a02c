"""Which quoted person a question describes rather than names ("which French player said ...", "the teenager")."""

from __future__ import annotations

from collections import Counter

import numpy as np

from knowledge.name_forms import holds_form, tokens

from .ranking import terms
from .scope import Scope


def described_share(described: str, candidates: np.ndarray, scope: Scope) -> np.ndarray:
    """Return, per candidate, the share of the description's words found around its speaker's name.

    "Which French player ...": a speaker counts as French when "French" or
    "France" is in their role or aliases or in a paragraph that names them.
    """
    wanted = set(terms(described))
    if not wanted:
        return np.zeros(len(candidates))
    index = scope.index
    shares: dict[str, float] = {}
    out = np.zeros(len(candidates))
    for j, i in enumerate(candidates):
        unit = index.units[int(i)]
        speaker = unit.speaker if unit.kind == "quote" else scope.paragraph_speaker.get(int(i))
        if not speaker:
            continue
        if speaker not in shares:
            profile = _profile(speaker, scope)
            shares[speaker] = len(wanted & profile) / len(wanted)
        out[j] = shares[speaker]
    return out


def described_person(subject: str, scope: Scope) -> str | None:
    """Return the quoted person the article describes with the words of ``subject``, if one stands out.

    Each speaker scores the number of paragraphs naming or quoting them that hold
    the subject's words; a capitalised name must be matched whole, other words
    at least half; the best must beat the next.
    """
    wanted = set(terms(subject))
    if not wanted:
        return None
    capitalised = sum(1 for w in subject.split() if w[:1].isupper()) >= 2
    # only the people of articles whose text holds one of the words (one BM25 look-up)
    index = scope.index
    matched = np.flatnonzero(index.lexical(subject)[scope.units] > 0)
    where = {index.units[int(scope.units[j])].article_id for j in matched}
    scored = []
    for person in scope.people.speakers:
        if not where.intersection(person.articles):
            continue
        paragraphs = _profile_paragraphs(person.name, scope)
        share = len({w for w in wanted if any(w in p for p in paragraphs)}) / len(wanted)
        if share < (1.0 if capitalised else 0.5):
            continue
        hits = sum(p[w] for p in paragraphs for w in wanted)
        scored.append((share, hits, person.name))
    scored.sort(reverse=True)
    if not scored or (len(scored) > 1 and scored[0][:2] == scored[1][:2]):
        return None
    return scored[0][2]


def _profile(name: str, scope: Scope) -> set[str]:
    """Return the words that describe a speaker: their role, aliases, and the paragraphs naming them."""
    person = scope.people.get(name)
    words = set(terms(" ".join([name, person.role or "", *person.aliases]))) if person else set(terms(name))
    return words.union(*(set(p) for p in _profile_paragraphs(name, scope)))


def _profile_paragraphs(name: str, scope: Scope) -> list[Counter[str]]:
    """Return the term counts of each paragraph that names ``name`` or holds their words."""
    with scope.lock:
        cached = scope.profiles.get(name)
    if cached is not None:
        return cached
    person = scope.people.get(name)
    forms = person.name_forms if person else []
    index = scope.index
    theirs = {
        (index.units[int(i)].article_id, p)
        for i in [*scope.quotes_by.get(name, []), *scope.reports_of.get(name, [])]
        for p in index.units[int(i)].paragraphs
    }
    found = []
    for article in scope.articles:
        if person is not None and article.id not in person.articles:
            continue
        for paragraph in article.paragraphs:
            said = tokens(paragraph.text)
            if (article.id, paragraph.index) in theirs or holds_form(said, forms):
                found.append(Counter(terms(paragraph.text)))
    with scope.lock:
        scope.profiles[name] = found
    return found
