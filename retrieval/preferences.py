"""What a passage earns for a question beyond its similarity: its kind, its speaker, the question's own words, an amount."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from knowledge.name_forms import tokens

from .amounts import amount_asked, amount_share, asks_amount
from .described import described_share
from .no_answer import subject_terms
from .question import PLAIN_SAYING, SPEECH_VERBS, Question
from .ranking import Scored, SearchIndex, normalised, stem, terms
from .scope import Scope

#: A quotation outranks a paragraph that reports the same person by this much.
QUOTE_BONUS = 0.05
#: In a fact question that names no one, a paragraph outranks a quotation by this much.
NARRATION_BONUS = 0.04
#: In a fact question that names someone, their words outrank others' by this much.
SPEAKER_BONUS = 0.05
#: In "which French player said ...", the words of a speaker's description found
#: around their name in the articles earn their passages up to this much.
DESCRIBED_BONUS = 0.12
#: In "what did X say about Y", X's quotations holding every word of Y earn this much,
TOPIC_WORDS_BONUS = 0.15
#: and those holding a topic of two words or more as written ("United States", not "the U.S.") this much more.
TOPIC_PHRASE_BONUS = 0.05
#: In "what did X post?", X's quotations given with that verb, and the paragraphs reporting
#: them with it ("he posted"), earn this much.
CUE_BONUS = 0.08
#: In "who said ...", a passage holding the question's words as written earns this much;
#: a run of fewer words than VERBATIM_MIN_WORDS is too common to tell.
VERBATIM_BONUS = 0.2
VERBATIM_MIN_WORDS = 3
#: In a fact question asking who ("who is leading the inquiry?"), a paragraph naming a person earns this much.
PERSON_BONUS = 0.04
#: A question asking for an amount, a time or a score ("how many", "when did")
#: favours passages that hold a number by this much,
NUMBER_BONUS = 0.06
#: and among the best passages, those holding a number of what it counts (or a sum
#: or a share, for "how much") by up to this much more (amounts.amount_share): a
#: "how many" answered without a number of what it counts is no answer at all.
AMOUNT_BONUS = 0.35


def preference(
    question: Question, topic: str, candidates: np.ndarray, scope: Scope, numbers: Callable[[], np.ndarray]
) -> np.ndarray:
    """Return what each candidate earns beyond its similarity to ``question`` (``topic``: its topic, the person out).

    ``numbers()`` says, per unit of the scope's index, whether its text holds a number; it is
    asked only for a question that asks for an amount.
    """
    index = scope.index
    is_quote = index.is_quote[candidates]
    if question.intent != "fact":
        bonus = QUOTE_BONUS * is_quote
    elif not question.speaker:
        # a fact is told by the reporter's narration more often than inside someone's quotation
        bonus = NARRATION_BONUS * ~is_quote
    else:
        theirs = np.isin(candidates, scope.quotes_by.get(question.speaker, candidates[:0]))
        theirs |= np.isin(candidates, scope.reports_of.get(question.speaker, candidates[:0]))
        bonus = SPEAKER_BONUS * theirs
    if question.intent == "fact" and asks_amount(question.text):
        bonus = bonus + NUMBER_BONUS * numbers()[candidates]
    if question.intent == "fact" and question.text.lower().startswith(("who ", "whom ", "who's ", "who’s ")):
        # "who is leading the inquiry?": the answer is a passage that names someone
        bonus = bonus + PERSON_BONUS * np.isin(candidates, scope.naming)
    if question.intent == "said" and question.speaker:
        # "what did X post / tweet / promise": a quotation by its cue, a paragraph reporting them
        # by the verb in its words ("he posted")
        asked = {stem(w) for w in tokens(question.text) if w in SPEECH_VERBS and w not in PLAIN_SAYING}
        if asked:
            cued = np.fromiter(
                (scope.cue_of.get(int(i)) in asked for i in candidates), dtype=bool, count=len(candidates)
            )
            cued |= ~is_quote & (index.term_share(asked, candidates) > 0)
            bonus = bonus + CUE_BONUS * cued
        # Among one person's words, the quotation that holds the topic's own words is
        # about it more surely than one merely near it in meaning.
        whole = index.term_share(subject_terms(topic), candidates) == 1.0
        bonus = bonus + is_quote * (TOPIC_WORDS_BONUS * whole)
        bonus = bonus + is_quote * (TOPIC_PHRASE_BONUS * holds_verbatim(topic, candidates, index, least=2))
    if question.intent == "who":
        bonus = bonus + VERBATIM_BONUS * holds_verbatim(question.topic, candidates, index)
    return bonus


def holds_verbatim(
    words: str, candidates: np.ndarray, index: SearchIndex, *, least: int = VERBATIM_MIN_WORDS
) -> np.ndarray:
    """Return, per candidate, whether its text holds ``words`` as written (a run of ``least`` words or more)."""
    wanted = normalised(words)
    if len(wanted.split()) < least or not subject_terms(words):
        return np.zeros(len(candidates), dtype=bool)
    padded = f" {wanted} "
    # only a passage holding every term can hold the words: the text of the others is not read
    holds_terms = index.term_share(set(terms(words)), candidates) == 1.0
    return np.fromiter(
        (
            bool(t) and padded in f" {normalised(index.units[int(i)].text)} "
            for i, t in zip(candidates, holds_terms, strict=True)
        ),
        dtype=bool,
        count=len(candidates),
    )


def favour_described(question: Question, ranked: list[Scored], scope: Scope) -> list[Scored]:
    """Return ``ranked`` with speakers described as "which French player ..." asks favoured."""
    shown = np.asarray([r.index for r in ranked], dtype=np.int64)
    return favour(ranked, described_share(question.described, shown, scope), DESCRIBED_BONUS)


def favour_amount(question: Question, ranked: list[Scored], index: SearchIndex) -> list[Scored]:
    """Return ``ranked`` with the passages holding the amount ``question`` asks for favoured (unchanged if none)."""
    amount = amount_asked(question.text)
    if not amount:
        return ranked
    context = {t for t in terms(question.text) if t not in amount.counted}
    return favour(ranked, [amount_share(index.units[r.index].text, amount, context) for r in ranked], AMOUNT_BONUS)


def favour(ranked: list[Scored], shares: Sequence[float] | np.ndarray, weight: float) -> list[Scored]:
    """Return ``ranked`` re-sorted after adding ``weight`` times each passage's share to its score."""
    return sorted(
        (
            Scored(r.index, r.semantic, r.lexical, r.score + weight * float(e))
            for r, e in zip(ranked, shares, strict=True)
        ),
        key=lambda r: -r.score,
    )
