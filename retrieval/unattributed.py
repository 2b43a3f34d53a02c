"""Finds the paragraphs that put a person beside quoted words the article's attribution credits to nobody.

"Lee claimed that 'the jobless rate has doubled'" holds Lee's words even when no
speaker could be given to the quotation: a question about Lee may show that
paragraph, as the article's own text, below Lee's attributed words. A paragraph
counts when it names the person, or when it names no one and follows a paragraph
that names the person and no one else the article knows, either with a pronoun
reporting its quotation ("..., she said") or after a colon ("Lee made the
following comment:")."""

from __future__ import annotations

import re

import numpy as np

from knowledge import Article
from knowledge.lexicon import PRONOUN_GENDER, REPORTING_VERBS
from knowledge.name_forms import holds_form, tokens

from .people import Person, named_in_article
from .scope import Scope

_PRONOUNS = "|".join(p for p, gender in PRONOUN_GENDER.items() if gender)
_VERBS = "|".join(sorted(REPORTING_VERBS, key=len, reverse=True))
#: "..., she said." / "said he": a pronoun reporting the paragraph's quotation.
_PRONOUN_REPORTS = re.compile(rf"\b(?:(?:{_PRONOUNS})\s+(?:{_VERBS})|(?:{_VERBS})\s+(?:{_PRONOUNS}))\b", re.IGNORECASE)


def unattributed_near(person: Person, scope: Scope) -> np.ndarray:
    """Return the paragraph units (of ``scope``'s index) that set ``person`` beside quoted words credited to nobody.

    Only paragraphs that report no one (``Paragraph.reports`` is None) and hold a
    quotation without a speaker count; a person's own name form shared with another
    person of the article ("Clinton" of two Clintons) names neither of them.
    """
    found: list[int] = []
    for article_id in person.articles:
        article = scope.article(article_id)
        if article is None:
            continue
        for paragraph in _beside(person, article, scope):
            unit = scope.paragraph_unit.get((article_id, paragraph))
            if unit is not None:
                found.append(unit)
    return np.asarray(sorted(set(found)), dtype=np.int64)


def _beside(person: Person, article: Article, scope: Scope) -> list[int]:
    """Return the paragraphs of ``article`` that set ``person`` beside a quotation credited to nobody."""
    unattributed = {p for q in article.quotes if q.speaker is None for p in q.paragraphs}
    unattributed = {p for p in unattributed if 0 <= p < len(article.paragraphs) and not article.paragraphs[p].reports}
    if not unattributed:
        return []
    present = [scope.people.get(name) for name in named_in_article(article)]
    others = [p for p in present if p is not None and p.name != person.name]
    own = [f for f in person.name_forms if not any(f in o.name_forms for o in others)]
    out = []
    for index in sorted(unattributed):
        paragraph = article.paragraphs[index]
        words = tokens(_outside_quotations(article, index))
        if holds_form(words, own):
            out.append(index)
            continue
        if index == 0:
            continue
        leading = article.paragraphs[index - 1].text.rstrip()
        if not (_PRONOUN_REPORTS.search(paragraph.text) or leading.endswith(":")):
            continue
        if any(holds_form(words, o.name_forms) for o in others):
            continue
        before = tokens(_outside_quotations(article, index - 1))
        if holds_form(before, own) and not any(holds_form(before, o.name_forms) for o in others):
            out.append(index)
    # a quotation running over several paragraphs is beside them in every one of its paragraphs
    spans = [q.paragraphs for q in article.quotes if q.speaker is None and len(q.paragraphs) > 1]
    more = {p for span in spans if set(span) & set(out) for p in span if p in unattributed}
    return sorted(set(out) | more)


def _outside_quotations(article: Article, index: int) -> str:
    """Return the text of paragraph ``index`` without its quotations: who the quoted words name is not who says them."""
    text = article.paragraphs[index].text
    for quote in article.quotes:
        if index in quote.paragraphs:
            for part in quote.text.split("\n"):
                if part.strip():
                    text = text.replace(part, " ")
    return text
