"""Makes quotation marks and apostrophes of every style the same, for comparing texts."""

from __future__ import annotations

import re

from .marks import DOUBLE_CLOSE, DOUBLE_OPEN, SINGLE_CLOSE, SINGLE_OPEN

#: Every double quotation mark: curly, low, reversed, guillemets, straight.
DOUBLE_MARKS = DOUBLE_OPEN + DOUBLE_CLOSE + '"'
#: Every single quotation mark and apostrophe, with the accents and the letter typed for one (`, ´, ʼ).
SINGLE_MARKS = SINGLE_OPEN + SINGLE_CLOSE + "'`´ʼ"
#: ``str.translate`` table: each double mark to ", each single mark to '.
STRAIGHT_MARKS = str.maketrans({**{c: '"' for c in DOUBLE_MARKS}, **{c: "'" for c in SINGLE_MARKS}})


def straighten_marks(text: str) -> str:
    """Return ``text`` with every quotation mark and apostrophe made straight (" and ')."""
    return text.translate(STRAIGHT_MARKS)


def normalise_marks(text: str) -> str:
    """Return ``text`` with marks straightened, lowercased, runs of whitespace made one space, stripped."""
    return re.sub(r"\s+", " ", straighten_marks(text)).strip().lower()


__all__ = ["DOUBLE_MARKS", "SINGLE_MARKS", "STRAIGHT_MARKS", "normalise_marks", "straighten_marks"]
