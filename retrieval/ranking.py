"""Ranks searchable units for a question: semantic similarity and BM25, fused, without near-duplicates."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from knowledge.lexicon import IRREGULAR_PLURALS, IRREGULAR_VERBS, NATIONALITIES, STOPWORDS, inflect
from knowledge.name_forms import tokens
from knowledge.text import straighten_marks

from .units import Unit

log = logging.getLogger(__name__)

#: Weight of the lexical (BM25) score against the semantic (cosine) score. BM25 is
#: squashed to [0, 1) by ``bm25 / (bm25 + LEXICAL_HALF)`` so that its scale does not
#: depend on the size of the knowledge base; cosine is in [-1, 1].
LEXICAL_WEIGHT = 0.5
LEXICAL_HALF = 4.0
#: Passages scoring below this fraction of the best one are not worth showing next to it.
RELATIVE_FLOOR = 0.3


def _suffix_stem(word: str) -> str:
    if len(word) <= 3 or not word.isalpha():
        return word
    base = _strip_suffix(word)
    # A silent final e goes, so "face", "faces", "faced" and "facing" are one stem.
    return base[:-1] if base.endswith("e") and len(base) > 3 and not base.endswith("ee") else base


def _strip_suffix(word: str) -> str:
    if word.endswith("eed"):
        return word[:-1] if len(word) >= 6 else word  # "agreed" -> "agree"; "speed", "need" stay
    for suffix, replacement in (("ies", "y"), ("sses", "ss"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                return word
            base = word[: -len(suffix)] + replacement
            if suffix in ("ing", "ed") and len(base) > 3 and base[-1] == base[-2] and base[-1] not in "lszaeiou":
                base = base[:-1]  # "stopped" -> "stop"
            if suffix == "es" and not base.endswith(("s", "x", "z", "ch", "sh")):
                base = word[:-1]  # "rates" -> "rate", not "rat"
            return base
    return word


def _base_forms() -> dict[str, str]:
    """Return the forms a suffix rule cannot fold, each with the word it folds to.

    Irregular verb forms ("met", "spoken") fold to the verb, irregular plurals ("women")
    to the singular, nationality words ("French") to the country.
    """
    base_of = {}
    for lemma, (past, participle) in IRREGULAR_VERBS.items():
        forms = inflect(lemma)
        base_of.update(dict.fromkeys({past, participle, forms.third, forms.ing} - {lemma}, lemma))
    base_of.update({plural: singular for singular, plural in IRREGULAR_PLURALS.items()})
    base_of.update({form: country for country, forms in NATIONALITIES.items() for form in forms})
    return base_of


_BASE_OF = _base_forms()
_LEMMAS = {word: _suffix_stem(base) for word, base in (_BASE_OF | {base: base for base in _BASE_OF.values()}).items()}


def stem(word: str) -> str:
    """Return a light English stem of a lowercase word ("talks" -> "talk", "met" -> "meet", "French" -> "france").

    Irregular verb forms and plurals fold to their base, nationality adjectives to
    their country; everything else loses a plural or verb suffix.
    """
    found = _LEMMAS.get(word)
    return found if found is not None else _suffix_stem(word)


# Country abbreviations written with capitals or dots ("U.S.", "US", "United States"):
# one term, and "us" in lower case stays the pronoun it is.
_COUNTRY_FORMS = [
    (re.compile(r"(?<![\w.])(?:U\.S\.A\.|U\.S\.|USA|US|United States(?: of America)?)(?![\w])"), " usa "),
    (re.compile(r"(?<![\w.])(?:U\.K\.|UK|United Kingdom)(?![\w])"), " uk "),
    (re.compile(r"(?<![\w.])(?:E\.U\.|EU|European Union)(?![\w])"), " eu "),
]


def terms(text: str) -> list[str]:
    """Return the BM25 terms of ``text``: stemmed content words ("U.S." and "US" are one term, "us" none)."""
    if "U" in text or "E" in text:
        for pattern, replacement in _COUNTRY_FORMS:
            text = pattern.sub(replacement, text)
    return [stem(t) for t in tokens(text) if t not in STOPWORDS and t != "us" and len(t) > 1]


@dataclass(frozen=True)
class Scored:
    """One unit with its scores for a question."""

    index: int
    semantic: float
    lexical: float  # squashed BM25 in [0, 1)
    score: float


class SearchIndex:
    """The units of a knowledge base with their vectors and a BM25 index over their text."""

    def __init__(self, units: Sequence[Unit], vectors: np.ndarray) -> None:
        import bm25s

        # bm25s logs every index build at DEBUG on its own handler; that is not news.
        logging.getLogger("bm25s").setLevel(logging.WARNING)
        self.units = list(units)
        self.vectors = np.asarray(vectors, dtype=np.float32)
        self._bm25 = None
        corpus = [terms(u.text) or ["\u2205"] for u in self.units]
        #: Each unit's BM25 terms as a set: which of a question's words a passage holds.
        self.term_sets = [frozenset(c) for c in corpus]
        if self.units:
            self._bm25 = bm25s.BM25()
            self._bm25.index(corpus, show_progress=False)
        self.is_quote = np.fromiter((u.kind == "quote" for u in self.units), dtype=bool, count=len(self.units))
        self.quotation_of = quotations_filling_paragraphs(self.units)

    def __len__(self) -> int:
        return len(self.units)

    def lexical(self, query: str) -> np.ndarray:
        """Return the squashed BM25 score of every unit for ``query`` (zeros when no term matches)."""
        query_terms = terms(query)
        if self._bm25 is None or not query_terms:
            return np.zeros(len(self.units), dtype=np.float32)
        vocabulary = self._bm25.vocab_dict
        known = [t for t in query_terms if t in vocabulary]
        if not known:
            return np.zeros(len(self.units), dtype=np.float32)
        raw = np.asarray(self._bm25.get_scores(known), dtype=np.float32)
        return raw / (raw + LEXICAL_HALF)

    def semantic(self, query_vector: np.ndarray, candidates: np.ndarray | None = None) -> np.ndarray:
        """Return the cosine similarity of every unit (or only ``candidates``) to the query vector."""
        if candidates is None:
            return self.vectors @ query_vector
        if (
            len(candidates) == len(self.units)
            and len(candidates)
            and candidates[0] == 0
            and np.all(np.diff(candidates) == 1)
        ):
            return self.vectors @ query_vector  # every unit in order: no copy of the vectors
        return self.vectors[candidates] @ query_vector

    def rank(
        self,
        candidates: np.ndarray,
        query_vector: np.ndarray,
        query_text: str,
        *,
        bonus: np.ndarray | None = None,
        limit: int = 20,
        lexical: np.ndarray | None = None,
    ) -> tuple[list[Scored], float]:
        """Return the best ``limit`` of ``candidates`` for the query, best first, and the best cosine among all.

        The score is the cosine similarity plus LEXICAL_WEIGHT times the squashed
        BM25 score, plus the per-candidate ``bonus``. ``lexical``: ``self.lexical(query_text)``
        when already computed.
        """
        chosen = np.asarray(candidates, dtype=np.int64)
        if not len(chosen):
            return [], -1.0
        semantic = self.semantic(query_vector, chosen)
        lexical = (self.lexical(query_text) if lexical is None else lexical)[chosen]
        fused = semantic + LEXICAL_WEIGHT * lexical
        if bonus is not None:
            fused = fused + bonus
        if len(fused) > limit:
            top = np.argpartition(-fused, limit)[:limit]
            order = top[np.argsort(-fused[top], kind="stable")]
        else:
            order = np.argsort(-fused, kind="stable")
        scored = [Scored(int(chosen[j]), float(semantic[j]), float(lexical[j]), float(fused[j])) for j in order]
        return scored, float(semantic.max())

    def term_share(self, wanted: set[str], candidates: np.ndarray) -> np.ndarray:
        """Return, per candidate, the share of the terms ``wanted`` that its text holds (zeros for none wanted)."""
        if not wanted:
            return np.zeros(len(candidates))
        return np.fromiter(
            (len(wanted & self.term_sets[int(i)]) / len(wanted) for i in candidates), dtype=float, count=len(candidates)
        )

    def vocabulary(self) -> set[str]:
        """Return every BM25 term of the indexed units."""
        return set(self._bm25.vocab_dict) if self._bm25 is not None else set()


def normalised(text: str) -> str:
    """Return ``text`` for duplicate checks: quotes straightened, lowercase, words only."""
    return " ".join(re.findall(r"\w+", straighten_marks(text).lower()))


def is_near_duplicate(a: Unit, b: Unit) -> bool:
    """Return whether two units would show the reader the same words twice.

    Two passages are the same when they come from one quotation (the whole and a
    part of it), when they share a paragraph and one's text holds the other's (a
    quotation and the paragraph that contains it), or when one's words repeat the
    other's (a pull quote and the body quotation it repeats).
    """
    if a.article_id != b.article_id or a.collection != b.collection:
        return False
    if a.quote_id is not None and a.quote_id == b.quote_id:
        return True
    shorter, longer = sorted((normalised(a.text), normalised(b.text)), key=len)
    if not shorter:
        return True
    if shorter in longer:
        return True
    if set(a.paragraphs) & set(b.paragraphs) and (a.kind != b.kind):
        return True
    # A pull quote printed with the speaker's name after it still holds most of the words.
    short_words, long_words = shorter.split(), set(longer.split())
    return len(short_words) >= 6 and sum(w in long_words for w in short_words) >= 0.9 * len(short_words)


def quotations_filling_paragraphs(units: Sequence[Unit]) -> dict[int, int]:
    """Return, for each paragraph unit that is nothing but a quotation, the index of that quotation's unit.

    A paragraph made only of someone's words between quotation marks (“So together
    our two countries ...”) is their quotation, not the article reporting them: it is
    shown as the quotation. A paragraph that also names the speaker or adds words of
    its own ("..., he said.") stays a paragraph.
    """
    by_place: dict[tuple[str | None, str, int], list[int]] = {}
    for i, unit in enumerate(units):
        if unit.kind == "quote" and len(unit.paragraphs) == 1:
            by_place.setdefault((unit.collection, unit.article_id, unit.paragraphs[0]), []).append(i)
    found: dict[int, int] = {}
    if not by_place:
        return found
    for i, unit in enumerate(units):
        if unit.kind != "paragraph":
            continue
        quotations = by_place.get((unit.collection, unit.article_id, unit.paragraphs[0]))
        if not quotations:
            continue
        words = normalised(unit.text)
        same = next((q for q in quotations if normalised(units[q].text) == words), None)
        if same is not None:
            found[i] = same
    return found


def pick(ranked: list[Scored], units: list[Unit], k: int, quotation_of: dict[int, int] | None = None) -> list[Scored]:
    """Return up to ``k`` of ``ranked``, skipping near-duplicates and passages far weaker than the best.

    A paragraph that is nothing but an attributed quotation (``quotation_of``) is
    shown as that quotation.
    """
    chosen: list[Scored] = []
    for scored in ranked:
        if len(chosen) >= k:
            break
        if chosen and scored.score < RELATIVE_FLOOR * chosen[0].score:
            break
        same = quotation_of.get(scored.index) if quotation_of else None
        if same is not None and units[same].speaker:
            scored = replace(scored, index=same)
        unit = units[scored.index]
        if any(is_near_duplicate(unit, units[c.index]) for c in chosen):
            continue
        chosen.append(scored)
    return chosen
