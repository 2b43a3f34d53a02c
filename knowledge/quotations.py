"""Finds an article's quotations: quoted stretches chained across paragraphs, pull quotes, and
the stretches that are a name or a title rather than speech; and splits a paragraph into sentences.
"""

from __future__ import annotations

import re

from .lexicon import (
    ABBREVIATIONS,
    GIVEN_NAMES,
    HONORIFICS,
    NOT_NAME,
    ROLE_MODIFIERS,
    RUBRIC_WORDS,
    SMALL_WORDS,
    SPEECH_VERBS,
    TITLE_NOUNS,
    VERB_FORMS,
    WORK_NOUNS,
)
from .marks import Span, find_spans, opening_mark_at
from .text import normalise_marks

# A name (with its appositive and an adverb) and a speech verb: "Smith asked", "Mill, a retired
# worker, said quietly"; after a question or an exclamation they go on the quotation's sentence.
_ATTRIBUTION_AHEAD = re.compile(
    r"(?:[A-Z][\w’'.-]*\s*){1,4}(?:,[^,.;:!?“”\"]{1,120},\s*)?(?:[a-z]+ly\s+)?(?:"
    + "|".join(sorted(SPEECH_VERBS, key=len, reverse=True))
    + r")\b"
)


def mask_quotes(text: str, spans: list[Span]) -> str:
    """Return ``text`` with the quoted words replaced by "x" (sentence-final stops kept)."""
    chars = list(text)
    for span in spans:
        for i in range(span.start, span.end):
            if not chars[i].isspace():
                chars[i] = "x"
        inner = text[span.start : span.end].rstrip()
        if inner and inner[-1] in ".!?":
            chars[span.start + len(inner) - 1] = inner[-1]
    return "".join(chars)


def split_sentences(masked: str) -> list[tuple[int, int]]:
    """Return (start, end) of each sentence of a masked paragraph."""
    bounds = [0]
    for match in re.finditer(r"[.!?][”\"’')\]]*\s+(?=[A-Z“\"‘'(\[])", masked):
        word = re.search(r"([\w.]+)[.!?]$", masked[max(0, match.start() - 80) : match.start() + 1])
        if word and (
            word.group(1).lower().rstrip(".") in ABBREVIATIONS or re.fullmatch(r"[A-Z](?:\.[A-Z])*", word.group(1))
        ):
            continue
        if masked[match.start()] in "?!" and _ATTRIBUTION_AHEAD.match(masked, match.end()):
            continue  # “Why not?” Smith asked.
        bounds.append(match.end())
    bounds.append(len(masked))
    return [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if b > a]


def speech_in_single_marks(text: str, pos: int) -> bool:
    """Return True for a paragraph of double-mark copy that quotes someone with single marks.

    It does when a single-mark stretch opens the paragraph or a sentence (or follows a colon) and ends with
    the punctuation of speech just inside the closing mark: ‘We will go,’ he said.
    """
    for span in find_spans(text, pos, singles=True):
        lead = text[: span.open_at].rstrip()
        inner = text[span.start : span.end].rstrip()
        if (
            (not lead or lead[-1] in ":.!?")
            and span.closed
            and inner[-1:] in {",", ".", "!", "?"}
            and len(inner.split()) >= 3
        ):
            return True
    return False


def quotes_with_single_marks(texts: list[str]) -> bool:
    """Return True for copy that quotes with single marks ('We are delighted,' he said).

    Decided by counting: opening single marks (after a space, before a letter) against
    double marks, doubled apostrophes (''…'') among them; copy that quotes with double marks
    uses singles only inside quotes.
    """
    singles = sum(len(re.findall(r"(?:^|[\s(\[—–-])[‘'](?=[A-Za-z])", t)) for t in texts)
    doubles = sum(len(re.findall(r"[“”\"„]|''", t)) for t in texts) / 2
    return singles >= 1 and singles > 2 * doubles


def is_headline(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= 20 and not re.search(r"[.!?:;”\"]$", text.strip())


def opens_paragraph(text: str, span: Span) -> bool:
    """Return True when the span's opening mark (both characters of ''/``) starts the paragraph."""
    return opening_mark_at(text, span.open_at) == len(text) - len(text.lstrip())


# A transcript's speaker label opening a quotation, in capitals ("WALLACE: Let's start …",
# "MR. LEE: Well, …") or as a full name ("Ann Lee: Well, …").
_CAPS_LABEL = re.compile(r"\s*((?:[A-Z]{2,4}\.\s+)?[A-Z][A-Z’'-]+(?:\s+[A-Z][A-Z’'-]+){0,2}):\s+\S")
_NAME_LABEL = re.compile(r"\s*([A-Z][a-z’'-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][\w’'-]+){1,2}):\s+\S")


def speaker_label(words: str) -> str | None:
    """Return the speaker label that opens a quoted stretch, as in a transcript, or None.

    "WALLACE: Let's start …" gives "WALLACE", "MR. LEE: Well, …" gives "LEE" and "Ann Lee:
    Well, …" gives "Ann Lee" (a full name opening with a given name). A rubric ("VIDEO: …",
    "UPDATE: …") or a function word ("BUT: …") is no label.
    """
    caps = _CAPS_LABEL.match(words)
    if caps:
        label = caps.group(1).split()
        if label[0].rstrip(".").lower() in HONORIFICS and len(label) > 1:
            label = label[1:]
        if any(w.lower() in RUBRIC_WORDS or w.lower() in NOT_NAME for w in label):
            return None
        return " ".join(label)
    named = _NAME_LABEL.match(words)
    if named and named.group(1).split()[0].lower() in GIVEN_NAMES:
        return named.group(1)
    return None


def chain_spans(spans: dict[int, list[Span]], texts: list[str], order: list[int]) -> list[list[Span]]:
    """Group spans into quotations: one span, or several over consecutive paragraphs."""
    chains: list[list[Span]] = []
    open_chain: list[Span] | None = None
    for pos in order:
        paragraph_spans = spans.get(pos, [])
        for k, span in enumerate(paragraph_spans):
            starts_paragraph = k == 0 and opens_paragraph(texts[pos], span)
            # a transcript's next turn ("“LEE: …") is a new quotation even when the last one stayed open
            relabelled = speaker_label(texts[pos][span.start : span.end]) is not None
            if open_chain is not None and starts_paragraph and not relabelled:
                open_chain.append(span)
            else:
                open_chain = [span]
                chains.append(open_chain)
            if k < len(paragraph_spans) - 1 or span.closed:
                open_chain = None
        if not paragraph_spans:
            open_chain = None
    return chains


def span_text(texts: list[str], span: Span) -> str:
    return texts[span.paragraph][span.start : span.end].strip()


_TRAILER_WORDS = SMALL_WORDS | {"—", "-", "–"} | TITLE_NOUNS | ROLE_MODIFIERS


def _is_trailer(words: list[str]) -> bool:
    """Return True for a pull quote's closing credit: a name with its title ("Defence Secretary John Healey")."""
    if not words or len(words) > 9 or not any(w[:1].isupper() for w in words):
        return False
    return all(w[:1].isupper() or w.lower().strip(",") in _TRAILER_WORDS for w in words)


def find_pull_quotes(
    texts: list[str], order: list[int], spans: dict[int, list[Span]], chains: list[list[Span]]
) -> dict[int, tuple[str, str, int]]:
    """Return {position: (quote words, trailing name, chain number)} for pull-quote paragraphs.

    A pull quote repeats at least five words of a body quotation and ends with the
    speaker's name: either printed without marks, or as one quotation that opens the
    paragraph and is followed only by the name.
    """
    chain_texts = [normalise_marks(" ".join(span_text(texts, s) for s in chain)) for chain in chains]
    found: dict[int, tuple[str, str, int]] = {}
    for pos in order:
        text = texts[pos]
        marked = spans.get(pos, [])
        if marked:
            span = marked[0]
            if len(marked) != 1 or not span.closed or span.close_at is None or text[: span.open_at].strip():
                continue
            trailer = text[span.close_at + 1 :].split()
            probe = normalise_marks(span_text(texts, span)).rstrip(".,;:!?—–- ")
            if not _is_trailer([w for w in trailer if w not in {"—", "-", "–"}]) or len(probe.split()) < 5:
                continue
            hit = next(
                (
                    i
                    for i, (chain, body) in enumerate(zip(chains, chain_texts, strict=False))
                    if probe in body and span not in chain
                ),
                None,
            )
            if hit is not None:
                found[pos] = (span_text(texts, span), " ".join(trailer).strip(" —–-,"), hit)
            continue
        words = text.split()
        if len(words) < 6:
            continue
        for k in range(len(words) - 1, max(4, len(words) - 10), -1):
            trailer = words[k:]
            if not _is_trailer(trailer):
                continue
            prefix = " ".join(words[:k])
            probe = normalise_marks(prefix).rstrip(".,;:!?—–- ")
            if len(probe.split()) < 5:
                break
            hit = next((i for i, body in enumerate(chain_texts) if probe in body), None)
            if hit is not None:
                found[pos] = (prefix.rstrip(" —–-"), " ".join(trailer).strip(" —–-,"), hit)
                break
    return found


# What introduces the title of a work rather than speech: "titled “…”", "its report “…”",
# "a book called “…”" (but "what he called “…”" and "called it “…”" are speech cues).
NAMED_WORK = re.compile(
    rf"(?:\b(?:titled|entitled)|\b(?:{'|'.join(WORK_NOUNS)})(?:\s*,?\s+(?:{VERB_FORMS['call'].past}|titled|entitled|named)\s*,?)?)"
    r"\s*$"
)


def is_title(words: str) -> bool:
    """Return True for a short capitalised stretch: a name or a title of a work, not speech."""
    tokens = words.split()
    if not tokens or len(tokens) > 6 or re.search(r"[.!?,;]$", words):
        return False
    content = [t for t in tokens if t.lower() not in SMALL_WORDS]
    return (
        bool(content)
        and all(t[:1].isupper() or t[:1].isdigit() for t in content)
        and not (len(content) == 1 and content[0].lower() in {"i"})
    )


def reads_as_speech(words: str) -> bool:
    """Four words or more, or a short whole sentence ("So I left.", "That ends now."), not a title."""
    words = words.strip()
    if is_title(words):
        return False
    count = len(words.split())
    return count >= 4 or (count >= 2 and words[:1].isupper() and words[-1] in ".!?")


__all__ = [
    "NAMED_WORK",
    "chain_spans",
    "find_pull_quotes",
    "is_headline",
    "is_title",
    "mask_quotes",
    "opens_paragraph",
    "quotes_with_single_marks",
    "reads_as_speech",
    "span_text",
    "speaker_label",
    "speech_in_single_marks",
    "split_sentences",
]
