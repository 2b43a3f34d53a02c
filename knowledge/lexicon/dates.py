"""The words of dates and amounts: months (with their abbreviations), weekdays, number words."""

from __future__ import annotations

# Each month's abbreviations, then its name.
_MONTH_FORMS = (
    ("jan", "january"),
    ("feb", "february"),
    ("mar", "march"),
    ("apr", "april"),
    ("may",),
    ("jun", "june"),
    ("jul", "july"),
    ("aug", "august"),
    ("sep", "sept", "september"),
    ("oct", "october"),
    ("nov", "november"),
    ("dec", "december"),
)
#: Month names and abbreviations, with the month's number ("sept" -> 9).
MONTHS = {name: number for number, names in enumerate(_MONTH_FORMS, start=1) for name in names}
#: The full month names, in order.
MONTH_NAMES = tuple(names[-1] for names in _MONTH_FORMS)
#: Month abbreviations ("jan", "sept"; "may" is a full name).
MONTH_ABBREVIATIONS = frozenset(MONTHS) - set(MONTH_NAMES)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
#: Words for a number or a share, singular (a question about an amount expects one of them or a digit).
NUMBER_WORDS = (
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "hundred",
    "thousand",
    "million",
    "billion",
    "dozen",
    "half",
    "quarter",
    "third",
    "fifth",
)
