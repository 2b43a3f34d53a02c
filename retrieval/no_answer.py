"""The honest no-answer: when the best passages are not good enough to show, and what is said instead."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace

from .amounts import COUNTED_SHARE, amount_asked, amount_share, without_asking
from .question import SPEECH_NOUNS, SPEECH_VERBS, Question, has_words
from .ranking import stem, terms
from .records import Passage
from .scope import Scope
from .wording import mention_places, scope_name

log = logging.getLogger(__name__)

#: Confidence is the best cosine similarity between the question's topic (the person's
#: name and description taken out) and a candidate passage. A topic the articles
#: discuss (DISCUSSED_SHARE of its content words occur there: all of a short "said
#: about" topic, more than half of a whole question's) needs the lower bar of
#: MIN_SIMILARITY; a topic they never mention needs the higher one. (high, low) per
#: intent; calibrated on the development questions (answerable against "kind: none"),
#: one rule for every article.
DISCUSSED_SHARE = {"said": 1.0, "who": 0.5, "fact": 0.5}
MIN_SIMILARITY = {"said": (0.30, -1.0), "who": (0.35, 0.15), "fact": (0.52, 0.30)}
#: A fact answer must share more than this share of the question's content words (the
#: words asking for an amount, "how long", left out) with
#: one of the passages shown, unless it is at least this similar in meaning: "who won
#: the women's final?" is not answered by "this win is for her".
FACT_MIN_COVERAGE = 1 / 3
FACT_SURE_SIMILARITY = 0.62

# The stems of words for saying, which say how something was said, not what about.
_SAYING_STEMS = frozenset(stem(w) for w in SPEECH_VERBS | SPEECH_NOUNS)


def good_enough(question: Question, query: str, confidence: float, shown: list[str], scope: Scope) -> bool:
    """Return whether passages ``shown`` (best cosine ``confidence`` to ``query``) answer ``question``."""
    if not shown:
        return False
    discussed = is_discussed(query, scope, DISCUSSED_SHARE[question.intent])
    high, low = MIN_SIMILARITY[question.intent]
    unsupported = (
        question.intent == "fact"
        and confidence < FACT_SURE_SIMILARITY
        and coverage(without_asking(question.text), shown) <= FACT_MIN_COVERAGE
        and not holds_count(question.text, shown)
    )
    # the amount asked for beside another of the question's words answers it, however unlike in meaning
    dissimilar = confidence < (low if discussed else high) and not holds_amount_in_context(question.text, shown)
    if dissimilar or unsupported:
        log.debug("confidence %.3f (topic discussed: %s) is under the bar", confidence, discussed)
        return False
    return True


def holds_count(question: str, passages: list[str]) -> bool:
    """Return whether one of ``passages`` holds a number of what ``question`` counts ("how many *journalists*").

    The number and the thing counted answer a "how many" question, however few of its
    other words ("are coming to the city") the passage repeats.
    """
    amount = amount_asked(question)
    return bool(amount.counted) and any(amount_share(p, replace(amount, shapes=())) >= COUNTED_SHARE for p in passages)


def holds_amount_in_context(question: str, passages: list[str]) -> bool:
    """Return whether one of ``passages`` has a sentence with the amount ``question`` asks for and another of its words.

    "How old is Varga?" is answered by "Varga, 58, ..." however little the two are
    alike in meaning as a whole.
    """
    amount = amount_asked(question)
    if not amount:
        return False
    context = {t for t in terms(question) if t not in amount.counted}
    return any(amount_share(p, amount, context) > amount_share(p, amount) > 0 for p in passages)


def coverage(question: str, passages: list[str]) -> float:
    """Return the largest share of the question's content words that one passage holds."""
    wanted = set(terms(question))
    if not wanted:
        return 1.0
    return max((len(wanted & set(terms(p))) / len(wanted) for p in passages), default=0.0)


def is_about_anything(topic: str, scope: Scope) -> bool:
    """Return whether ``topic`` names something to search for.

    "What was X's objection?", "what did X call for?": words only for saying, that the
    articles never use, ask for everything X said. "Talks" or "criticism" the articles
    do use are a topic.
    """
    if not has_words(topic):
        return False
    return bool(subject_terms(topic)) or bool(set(terms(topic)) & scope.vocabulary)


def subject_terms(topic: str) -> set[str]:
    """Return the terms of ``topic`` that are not about saying (said, react, view, objection ...)."""
    return {t for t in terms(topic) if t not in _SAYING_STEMS}


def is_discussed(topic: str, scope: Scope, share: float) -> bool:
    """Return whether all, or more than ``share``, of the content words of ``topic`` occur in the scope's articles.

    Words for saying ("react", "admit", "view") are left out: they say how, not what about.
    """
    wanted = subject_terms(topic) or set(terms(topic))
    found = len(wanted & scope.vocabulary)
    return bool(wanted) and (found == len(wanted) or found > share * len(wanted))


def nothing_message(question: Question, scope: Scope) -> str:
    """Return the no-answer for a question nothing in the scope answers well enough."""
    where = scope_name(scope)
    if question.speaker and question.intent == "said":
        topic = f" about {question.topic}" if question.topic else ""
        return f"{question.speaker} is quoted in {where}, but not saying anything{topic}."
    return f"Nothing in {where} answers that."


def unknown_person_message(name: str, suggestions: list[str], scope: Scope) -> str:
    """Return the no-answer for a person no one in the scope is called, with the closest quoted people."""
    hint = f" Quoted people include: {', '.join(suggestions)}." if suggestions else ""
    return f"No one called {name} is in {scope_name(scope)}.{hint}"


def mentioned_only_message(name: str, where: Sequence[Passage], scope: Scope) -> str:
    """Return the no-answer for someone the articles mention (at the passages ``where``) but never quote."""
    return f"{name} is mentioned in {mention_places(where, scope)} but never quoted."
