"""Matches what a user has typed against the quoted people and the articles: autocomplete and suggestions."""

from __future__ import annotations

from knowledge.name_forms import tokens

from .people import Person
from .records import ArticleSummary


def matching_speakers(typed_text: str, speakers: list[Person], limit: int) -> list[str] | None:
    """Return the canonical names of ``speakers`` best matching ``typed_text`` (names, aliases, roles and
    the descriptions the articles give them count).

    None when nothing has been typed yet (the caller lists everyone its own way).
    """
    typed = " ".join(tokens(typed_text or ""))
    if not typed:
        return None
    scored = []
    for person in speakers:
        forms = [person.name, *person.aliases, person.role or "", *person.descriptions]
        best = max(typed_match(typed, " ".join(tokens(f))) for f in forms if f)
        if best > 0:
            scored.append((best, person.name))
    scored.sort(key=lambda s: (-s[0], s[1]))
    return [name for _, name in scored[:limit]]


def matching_articles(typed_text: str, summaries: list[ArticleSummary], limit: int) -> list[ArticleSummary]:
    """Return the articles whose id or title best match ``typed_text`` (the first ``limit`` for empty text)."""
    typed = " ".join(tokens(typed_text or ""))
    if not typed:
        return summaries[:limit]
    scored = []
    for summary in summaries:
        best = max(typed_match(typed, " ".join(tokens(f))) for f in (summary.id, summary.title or "") if f)
        if best > 0:
            scored.append((best, summary))
    scored.sort(key=lambda s: -s[0])
    return [s for _, s in scored[:limit]]


def typed_match(typed: str, form: str) -> float:
    """Return how well what a user has typed so far matches a name or title (0 = not at all)."""
    from rapidfuzz import fuzz

    if not form:
        return 0.0
    if form.startswith(typed):
        return 300.0 - len(form) / 100
    if any(word.startswith(typed) for word in form.split()) or f" {typed}" in f" {form}":
        return 200.0 - len(form) / 100
    if typed in form:
        return 150.0
    score = fuzz.partial_ratio(typed, form)
    return float(score) if score >= 75 else 0.0


def closest_people(name: str, speakers: list[Person], limit: int = 3) -> list[str]:
    """Return the canonical names of the speakers whose names (or aliases) are closest to ``name``."""
    from rapidfuzz import fuzz

    scored = []
    for person in speakers:
        forms = [person.name, *(a for a in person.aliases if a)]
        best = max(fuzz.WRatio(name.lower(), f.lower()) for f in forms)
        scored.append((best, person.name))
    scored.sort(key=lambda s: (-s[0], s[1]))
    return [n for _, n in scored[:limit]]
