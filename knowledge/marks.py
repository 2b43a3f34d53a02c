"""Finds the stretches of text between quotation marks in an article's paragraphs.

News copy mixes curly (“ ” ‘ ’), straight (" ') and occasionally misused marks, and
uses the same character for a closing single mark and an apostrophe (don’t, Nato’s,
players’). The rules here:

- double marks are the quotation marks of the body, and so are doubled apostrophes (''…'')
  and wire copy's backtick pairs (``…'');
  single marks count only in a paragraph (or article) that uses no double marks at all,
  since in double-mark copy they are either apostrophes or quotes inside quotes, which
  stay part of the outer text;
- a mark's side is read from its neighbours when the glyph is ambiguous or misused
  (a straight mark after a space opens, after a letter closes, and one between spaces closes
  an open quotation after closing punctuation: "It is 'over,' " she said);
- a mark between two letters is an apostrophe, never a quotation mark;
- an opening mark inside an open quotation nests when two closing marks follow before
  the next opening one (“He said “no” to me,”), and otherwise means the open quotation
  was never closed;
- a quotation still open at the end of a paragraph continues into the next paragraph
  when that paragraph opens with a mark (the news convention for long quotes);
  otherwise it ends with its paragraph.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

DOUBLE_OPEN = "“„‟«"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘‚‛"
SINGLE_CLOSE = "’"
OPEN_CONTEXT = set(" \t\n([{—–-/:")  # what may stand just before an opening mark ("Clinton:"…)


@dataclass(frozen=True)
class Span:
    """The text between one pair of marks inside one paragraph.

    ``start``/``end`` delimit the quoted words (marks excluded) in the paragraph text;
    ``open_at``/``close_at`` are the positions of the marks (``close_at`` is None when
    the quotation runs to the end of the paragraph without closing).
    """

    paragraph: int
    start: int
    end: int
    open_at: int
    close_at: int | None

    @property
    def closed(self) -> bool:
        return self.close_at is not None


def _side(text: str, i: int, opener: bool | None) -> str | None:
    """Return "open", "close" or None for the mark at ``text[i]``.

    ``opener`` is what the glyph says (True for “, False for ”, None for a straight
    mark); the neighbours overrule it when the glyph is plainly misused.
    """
    j = i - 1
    while j >= 0 and unicodedata.category(text[j]) == "Cf":
        j -= 1  # an invisible direction or joiner mark is not the mark's neighbour
    before = text[j] if j >= 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    open_ok = before in OPEN_CONTEXT or before in DOUBLE_OPEN + SINGLE_OPEN or j < 0
    close_ok = not before.isspace() and (after.isspace() or not after.isalnum())
    if before.isalnum() and after.isalnum():
        return None  # inside a word
    if opener is True:
        return "close" if (close_ok and not open_ok and after.isspace()) else "open"
    if opener is False:
        return "open" if (open_ok and not close_ok and after.isalnum()) else "close"
    if open_ok and not after.isspace():
        return "open"
    if close_ok:
        return "close"
    return None


def _find_spans(text: str, paragraph: int, opens: str, closes: str, straight: str) -> list[Span]:
    spans: list[Span] = []
    open_at: int | None = None
    depth = 0
    for i, char in enumerate(text):
        if char in opens:
            side = _side(text, i, True)
        elif char in closes:
            side = _side(text, i, False)
        elif char == straight:
            side = _side(text, i, None)
            if straight == "'" and side == "close" and open_at is None:
                side = None  # a lone apostrophe after a word (players')
            elif side is None and open_at is not None and _spaced_close(text, i):
                side = "close"  # "… 'a step too far,' " she said
            elif side is None and _unspaced(text, i):
                # "… to different audiences,"Ann Lee said: a space left out after a closing mark
                # (or before an opening one, said,"We …"); whether a quote is open tells which
                side = "close" if open_at is not None else "open"
        else:
            continue
        if straight == "'" and side == "close" and open_at is not None and _plural_possessive(text, i, closes):
            continue  # 'The players' union is strong,' he said.
        if side is None:
            continue
        if open_at is None:
            if side == "open":
                open_at = i
            continue
        if side == "open" and char != straight:
            if _nested(text, i, opens, closes):
                depth += 1  # “He said “no” to me,” (double marks inside double marks)
                continue
            # an opener while a quotation is open: the earlier one was never closed
            spans.append(Span(paragraph, open_at + 1, i, open_at, None))
            open_at = i
        elif depth and side == "close" and char != straight:
            depth -= 1
        elif side == "close" or char == straight:
            spans.append(Span(paragraph, open_at + 1, i, open_at, i))
            open_at = None
    if open_at is not None:
        spans.append(Span(paragraph, open_at + 1, len(text.rstrip()), open_at, None))
    return [s for s in spans if re.search(r"\w", text[s.start : s.end])]


def _spaced_close(text: str, i: int) -> bool:
    """Return True when a straight mark with spaces on both sides ends the open quotation.

    Copy that ends a quote inside a quote sets a space between the two closing marks
    ("It is 'over,' " she said), and some puts one before a lone closing mark ("… coalitions, "
    he said): after closing punctuation or a single mark the straight mark closes.
    """
    before = text[:i].rstrip()
    return text[i - 1 : i].isspace() and text[i + 1 : i + 2].isspace() and before[-1:] in set(",.!?;:'’")


def _unspaced(text: str, i: int) -> bool:
    """Return True for a straight mark between punctuation and a letter with no space: (,"Ann)."""
    return text[i - 1 : i] in {",", ".", "!", "?", ";"} and text[i + 1 : i + 2].isalpha()


def _plural_possessive(text: str, i: int, closes: str) -> bool:
    """Return True when a single closing mark after an "s" reads as a plural possessive.

    It does when a lowercase word follows (players’ union) and another closing mark
    comes later in the paragraph to end the quotation.
    """
    if text[i - 1 : i] != "s" or not re.match(r" [a-z]", text[i + 1 : i + 3]):
        return False
    return bool(re.search(rf"[\w.,!?][{re.escape(closes)}'](?=[\s.,;:!?)—–-]|$)", text[i + 1 :]))


def _nested(text: str, i: int, opens: str, closes: str) -> bool:
    """Return True when the opener at ``i`` is followed by two closers before any other opener."""
    closers = 0
    for char in text[i + 1 :]:
        if char in opens:
            break
        if char in closes:
            closers += 1
    return closers >= 2


# Two apostrophes (''…'') or two backticks (``…'') written for one double mark.
_DOUBLED_MARKS = re.compile(r"''|``")


def has_double_marks(text: str) -> bool:
    """Return True when ``text`` contains a double quotation mark of any style (``''`` included)."""
    return any(c in text for c in DOUBLE_OPEN + DOUBLE_CLOSE + '"') or bool(_DOUBLED_MARKS.search(text))


def opening_mark_at(text: str, open_at: int) -> int:
    """Return where the opening mark at ``open_at`` begins: one earlier when it is the second
    character of a doubled mark (''…'' or ``…''), which ``find_spans`` reads as one mark."""
    return open_at - 1 if open_at > 0 and text[open_at - 1 : open_at + 1] in {"''", "``"} else open_at


def _doubled_as_double(text: str) -> str:
    """Return ``text`` with each doubled apostrophe written as a double mark, offsets kept.

    The New York Times' archive quotes with two apostrophes (''We will,'' he said), and wire
    copy opens with two backticks (``We will,'' he said): an opening pair becomes a space and
    the mark, so the quoted words start just after it; a closing pair becomes the mark and a space.
    """

    def one(match: re.Match) -> str:
        if match.group(0) == "``":
            return ' "'
        after = text[match.end() : match.end() + 1]
        return ' "' if after and (after.isalnum() or after in "‘'\"[(") else '" '

    return _DOUBLED_MARKS.sub(one, text)


def find_spans(text: str, paragraph: int, *, singles: bool = False) -> list[Span]:
    """Return the quoted stretches in one paragraph's ``text``, in order.

    With ``singles`` the single marks are the quotation marks (copy that quotes with
    ‘…’); otherwise only double marks count.
    """
    if singles:
        return _find_spans(text, paragraph, SINGLE_OPEN, SINGLE_CLOSE, "'")
    if _DOUBLED_MARKS.search(text):
        text = _doubled_as_double(text)
    return _find_spans(text, paragraph, DOUBLE_OPEN, DOUBLE_CLOSE, '"')


__all__ = ["Span", "find_spans", "has_double_marks", "opening_mark_at"]
