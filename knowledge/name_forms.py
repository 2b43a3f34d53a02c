"""The word sequences that name a person in text: lowercase word tokens and a person's name forms."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .lexicon import COURTESY_HONORIFICS, NAME_SUFFIXES, STOPWORDS
from .names import is_initials
from .text import straighten_marks

#: A word: letters and digits, with apostrophes inside ("O'Neill", "it's").
WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*", re.UNICODE)


def tokens(text: str) -> list[str]:
    """Return the lowercase word tokens of ``text`` (quotes straightened, possessives dropped)."""
    out = []
    for word in WORD.findall(straighten_marks(text).lower()):
        if word.endswith("'s"):
            word = word[:-2]
        word = word.strip("'")
        if word:
            out.append(word)
    return out


def holds_form(words: list[str], forms: Iterable[tuple[str, ...]]) -> bool:
    """Return whether ``words`` (``tokens`` of a text) hold one of the name ``forms`` as a run of whole words."""
    for form in forms:
        n = len(form)
        if n and any(tuple(words[i : i + n]) == form for i in range(len(words) - n + 1) if words[i] == form[0]):
            return True
    return False


def looks_like_name(text: str) -> bool:
    """Return whether ``text`` reads as a personal name: two to four capitalised words, or one
    ("Peter R. Lindqvist Jr." is four)."""
    words = [w for w in re.split(r"\s+", straighten_marks(text).strip()) if w]
    words = [w for w in words if w.lower().strip(".") not in COURTESY_HONORIFICS]
    if not words or len(words) > 4:
        return False
    # acronyms (UCEA, BBC) are organisations; initials before a name ("R.") and suffixes ("III") are not
    return all(w[:1].isupper() and w.lower() not in STOPWORDS for w in words) and not any(
        w.isupper()
        and len(w) > 1
        and not (is_initials(w) and i < len(words) - 1)
        and not (i > 0 and w.rstrip(".").lower() in NAME_SUFFIXES)
        for i, w in enumerate(words)
    )


def name_forms(name: str, aliases: list[str]) -> list[tuple[str, ...]]:
    """Return the token sequences that name a person: full name, surname, first and last name (a suffix such
    as "Jr." dropped), name-like aliases."""
    forms = set()
    name_tokens = tuple(t for t in tokens(name) if t not in COURTESY_HONORIFICS)
    if name_tokens and looks_like_name(name):
        forms.add(name_tokens)
        core = name_tokens
        while len(core) > 1 and core[-1] in NAME_SUFFIXES:
            core = core[:-1]  # "Ann Lee Jr." is "Lee" and "Ann Lee" too
        forms.add(core)
        forms.add(core[-1:])
        if len(core) > 2:
            forms.add((core[0], core[-1]))
    for alias in aliases:
        if looks_like_name(alias):
            alias_tokens = tuple(t for t in tokens(alias) if t not in COURTESY_HONORIFICS)
            if alias_tokens:
                forms.add(alias_tokens)
    return [f for f in forms if not all(t in STOPWORDS for t in f)]
