"""Which passages hold the amount a question asks for: "how many jobs", "how much did it cost", "when did".

A passage holds an amount when it has a number (digits or number words), a sum of
money, a share or a date. It holds the amount asked for when a number stands a few
words from what is counted ("how many *people* were killed" - "killed 21 *people*"),
or, when nothing is counted, when it has the shape of the answer: a sum or a share
for "how much", a duration for "how long", a date for "when", a score.
"""

from __future__ import annotations

import re
from collections.abc import Set
from dataclasses import dataclass

from knowledge.lexicon import AUXILIARIES, MONTH_NAMES, NUMBER_WORDS, STOPWORDS, WEEKDAYS
from knowledge.name_forms import tokens

from .ranking import stem

QUANTITY_QUESTION = re.compile(
    r"\b(?:how (?:many|much|long|far|old|big|high|large|often|fast)|when (?:did|was|were|is|will|does|do)|"
    r"what (?:year|date|time|day|percentage|proportion|share|score|range|amount|price|figure|rate)|score)\b",
    re.IGNORECASE,
)
_PLURAL_NUMBERS = ("hundred", "thousand", "million", "billion", "dozen")  # "hundreds of", "dozens of"
_NUMBER_WORD = "|".join(f"{w}s?" if w in _PLURAL_NUMBERS else w for w in NUMBER_WORDS)
NUMBER = re.compile(
    r"\d|\b(?:"
    + _NUMBER_WORD
    + "|"
    + "|".join(WEEKDAYS + MONTH_NAMES)
    + r"|yesterday|today|last (?:week|month|year))\b",
    re.IGNORECASE,
)
#: A sum or a share: "$2.4 million", "£120", "3.5 per cent", "40%", "a billion dollars".
MONEY_OR_SHARE = re.compile(
    r"[$£€¥]\s?\d|\d\s?%|\b(?:\d[\d,.]*|" + _NUMBER_WORD + r")\s+(?:(?:million|billion|trillion|thousand)\s+)?"
    r"(?:percent|per\s?cent|percentage points?|dollars|pounds|euros|yen|cents|pence|bucks)\b",
    re.IGNORECASE,
)
_UNITS_OF_TIME = r"(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries)"
#: The shape of each other kind of amount a question asks for.
DURATION = re.compile(
    r"\b(?:\d[\d,.]*|an?|" + _NUMBER_WORD + r")[\s-]+(?:more\s+|full\s+)?" + _UNITS_OF_TIME + r"\b", re.I
)
DATE = re.compile(
    r"\b(?:(?:1[89]|20)\d\d|" + "|".join(WEEKDAYS + MONTH_NAMES) + r"|yesterday|today|tomorrow|tonight|"
    r"(?:last|next|this) (?:week|month|year|spring|summer|autumn|fall|winter))\b",
    re.IGNORECASE,
)
SCORE = re.compile(r"\b\d{1,3}-\d{1,3}\b")
DISTANCE = re.compile(r"\b\d[\d,.]*\s*(?:miles?|km|kilomet(?:re|er)s?|met(?:re|er)s?|feet|foot|yards?)\b", re.I)
AGE = re.compile(r"\b(?:\d{1,3}|" + _NUMBER_WORD + r")[\s-]+years?[\s-]+old\b|\baged? \d{1,3}\b|, \d{1,3},", re.I)
#: What each question shape asks for, when it names nothing to count.
_ASKS = (
    (
        re.compile(r"\bhow (?:much|far)\b|\bwhat (?:percentage|proportion|share|amount|price|rate|figure)\b", re.I),
        MONEY_OR_SHARE,
    ),
    (re.compile(r"\bhow far\b", re.I), DISTANCE),
    (re.compile(r"\bhow long\b", re.I), DURATION),
    (re.compile(r"\bhow old\b", re.I), AGE),
    (re.compile(r"\bwhen\b|\bwhat (?:year|date|day|time)\b", re.I), DATE),
    (re.compile(r"\bscore\b", re.I), SCORE),
)
_COUNT = re.compile(r"^(?:\d[\d,.]*|" + _NUMBER_WORD + r"|dozens?|scores?)$", re.IGNORECASE)
_COUNTED = re.compile(r"\bhow (?:many|much)\s+(.+)", re.IGNORECASE)
#: How sure a sentence makes the amount (see amount_share).
COUNTED_SHARE = 0.85
SHAPE_SHARE = 0.4
CONTEXT_SHARE = 0.15
_SENTENCE = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“‘A-Z0-9])")
#: How many words apart a number and what it counts may stand ("21 people", "21 of the people", "people, 21 of them").
COUNT_WINDOW = 4


@dataclass(frozen=True)
class Amount:
    """What a question asks the amount of: the stems of what it counts, and the shapes an answer takes."""

    counted: frozenset[str] = frozenset()
    shapes: tuple[re.Pattern[str], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.counted or self.shapes)


def asks_amount(question: str) -> bool:
    """Return whether ``question`` asks for an amount, a time or a score ("how many", "when did")."""
    return bool(QUANTITY_QUESTION.search(question))


def without_asking(question: str) -> str:
    """Return ``question`` without the words that ask for an amount ("how long was she jailed" -> "was she jailed")."""
    return QUANTITY_QUESTION.sub(" ", question)


def holds_number(text: str) -> bool:
    """Return whether ``text`` holds a number, a date or a day."""
    return bool(NUMBER.search(text))


def amount_asked(question: str) -> Amount:
    """Return the amount ``question`` asks for (empty for a question that asks none).

    "How many research staff are ..." counts {"research", "staff"}; "how much
    money ..." counts {"money"} and takes a sum; "how much will bills go up" counts
    nothing and takes a sum or a share; "how long", "when", "what score" take a
    duration, a date, a score.
    """
    if not asks_amount(question):
        return Amount()
    words: list[str] = []
    found = _COUNTED.search(question)
    if found:
        for word in tokens(found.group(1)):
            if word in AUXILIARIES or word in STOPWORDS or len(words) == 3:
                break
            words.append(stem(word))
    shapes = tuple(shape for asks, shape in _ASKS if asks.search(question))
    if words and words != ["money"]:
        shapes = tuple(shape for shape in shapes if shape is not MONEY_OR_SHARE)  # "how much time": counted
    return Amount(frozenset(words), shapes)


def amount_share(text: str, amount: Amount, context: Set[str] = frozenset()) -> float:
    """Return how surely ``text`` holds ``amount``, from 0 (not at all) to 1.

    A sentence with a number within COUNT_WINDOW words of what is counted holds it
    (COUNTED_SHARE); a sentence with an answer's shape (a sum, a date ...) less
    surely (SHAPE_SHARE); either counts for more (CONTEXT_SHARE) when the same
    sentence holds one of the question's other terms, ``context`` ("how many people
    were *killed*").
    """
    best = 0.0
    for sentence in _SENTENCE.split(text):
        if best >= COUNTED_SHARE + CONTEXT_SHARE:
            break
        found = 0.0
        words = tokens(sentence)
        if amount.counted:
            numbers = [i for i, w in enumerate(words) if _COUNT.match(w)]
            near = [i for i, w in enumerate(words) if stem(w) in amount.counted] if numbers else []
            if any(abs(i - j) <= COUNT_WINDOW for i in numbers for j in near):
                found = COUNTED_SHARE
        if not found and any(shape.search(sentence) for shape in amount.shapes):
            found = SHAPE_SHARE
        if found and context and context & {stem(w) for w in words}:
            found += CONTEXT_SHARE
        best = max(best, found)
    return best
