"""Which speaker each paragraph of an article reports, worked out once when the article is read."""

from __future__ import annotations

import re

from .lexicon import COURTESY_HONORIFICS, HONORIFIC_GENDER, PRONOUN_REPORTING_VERBS, REPORTING_VERBS
from .model import Article, Speaker
from .name_forms import name_forms, tokens
from .names import given_name_gender

# Words that, next to a speaker's name, say the paragraph reports them ("Healey said", "according to Healey").
ATTRIBUTION_VERBS = REPORTING_VERBS | {"according"}

# A paragraph opening "He said ...", "She refused to blame ...", "They also warned ...".
_PRONOUN_REPORT = re.compile(
    r"(?:He|She|They)\s+(?:also\s+|later\s+|then\s+|had\s+|has\s+)?(?:"
    + "|".join(sorted(PRONOUN_REPORTING_VERBS))
    + r")\b"
)


def paragraph_reports(article: Article) -> list[str | None]:
    """Return, for each of ``article.paragraphs`` in order, the canonical name of the speaker it reports, or None.

    A body paragraph reports a speaker when it holds quotations of theirs and no one
    else's, when a name of theirs stands next to a reporting verb ("Healey said",
    "said Healey", "Tom Adeyemi, who audited ..., wrote"), or when it opens with a
    pronoun and a reporting verb ("He admitted ...") right after a paragraph that
    reports them (and the pronoun does not contradict their gender). Pull-quote
    paragraphs report no one: they repeat a quotation shown elsewhere.
    """
    speakers = _quoted_speakers(article)
    forms_of = _speaker_forms(list(speakers.values()))
    appositives = _AppositiveReports(forms_of)
    quoted_at: dict[int, set[str]] = {}
    for quote in article.quotes:
        if quote.speaker and quote.kind != "pullquote":
            for p in quote.paragraphs:
                quoted_at.setdefault(p, set()).add(quote.speaker)
    reports: list[str | None] = [None] * len(article.paragraphs)
    for n, paragraph in enumerate(article.paragraphs):
        if paragraph.role == "body":
            reports[n] = _reported_speaker(paragraph.text, quoted_at.get(paragraph.index, set()), forms_of, appositives)
    # "He admitted his side had been second best ...": a paragraph that opens with a
    # pronoun and a reporting verb carries on reporting whoever the paragraph before reported.
    for n, paragraph in enumerate(article.paragraphs):
        if paragraph.role != "body" or reports[n] or n == 0 or not _PRONOUN_REPORT.match(paragraph.text):
            continue
        before = article.paragraphs[n - 1]
        carried = reports[n - 1]
        if before.role != "body" or carried is None:
            continue
        pronoun = paragraph.text.split(None, 1)[0]
        gender = _gender(speakers.get(carried))
        if (pronoun == "He" and gender == "f") or (pronoun == "She" and gender == "m"):
            continue  # "She refused ..." after a man's words is someone else
        reports[n] = carried
    return reports


def _quoted_speakers(article: Article) -> dict[str, Speaker]:
    """Return the article's quoted speakers by canonical name (one record per name, aliases joined)."""
    quoted = {q.speaker for q in article.quotes if q.speaker}
    found: dict[str, Speaker] = {}
    for speaker in article.speakers:
        if speaker.name not in quoted:
            continue
        known = found.get(speaker.name)
        if known is None:
            found[speaker.name] = Speaker(speaker.name, speaker.role, list(speaker.aliases))
        else:
            known.aliases.extend(a for a in speaker.aliases if a not in known.aliases)
    return found


def _speaker_forms(speakers: list[Speaker]) -> dict[str, set[tuple[str, ...]]]:
    """Return, per quoted person of one article, the word sequences that name them in a report.

    Their name forms, their given name alone ("Jack said") when they are the one
    quoted person who has it and it is no one's surname, and their aliases of two
    words or more.
    """
    forms = {s.name: name_forms(s.name, s.aliases) for s in speakers}
    given: dict[str, list[Speaker]] = {}
    for speaker in speakers:
        name_words = [t for t in tokens(speaker.name) if t not in COURTESY_HONORIFICS]
        if len(name_words) >= 2:
            given.setdefault(name_words[0], []).append(speaker)
    surnames = {f[-1] for found in forms.values() for f in found}
    forms_of: dict[str, set[tuple[str, ...]]] = {}
    for speaker in speakers:
        theirs = forms_of[speaker.name] = set(forms[speaker.name])
        first = [t for t in tokens(speaker.name) if t not in COURTESY_HONORIFICS][:1]
        if first and len(given.get(first[0], [])) == 1 and first[0] not in surnames and len(tokens(speaker.name)) >= 2:
            theirs.add((first[0],))
        for alias in speaker.aliases:
            alias_words = tuple(
                t for t in tokens(alias) if t not in COURTESY_HONORIFICS and t not in ("the", "a", "an")
            )
            if len(alias_words) >= 2:
                theirs.add(alias_words)
    return forms_of


def _reported_speaker(
    text: str, quoted: set[str], forms_of: dict[str, set[tuple[str, ...]]], appositives: _AppositiveReports
) -> str | None:
    """Return the speaker a paragraph reports (their quotation in it, or "X said" without quotes), else None.

    ``quoted`` holds the speakers of the quotations in the paragraph; ``forms_of``
    the article's quoted people with the word sequences that name them, and
    ``appositives`` the same names followed by an appositive and a reporting verb.
    """
    if len(quoted) == 1:
        return next(iter(quoted))
    if quoted:
        return None
    words = tokens(text)
    if not any(w in ATTRIBUTION_VERBS for w in words):
        return None
    # "X said ..." / "..., said X": a name or alias of theirs right next to a speech verb.
    named = set()
    for name, forms in forms_of.items():
        for form in forms:
            n = len(form)
            for i in range(len(words) - n + 1):
                if tuple(words[i : i + n]) != form:
                    continue
                near = words[i + n : i + n + 3] + words[max(0, i - 2) : i]
                if any(w in ATTRIBUTION_VERBS for w in near):
                    named.add(name)
    if not named:
        # "Tom Adeyemi, who has audited several of its products, wrote ...": a name, an
        # appositive or relative clause between commas, then the reporting verb
        named = appositives.named_in(text)
    return named.pop() if len(named) == 1 else None


def _gender(speaker: Speaker | None) -> str | None:
    """Return "m" or "f" when the speaker's honorific or a single-gender given name tells, else None."""
    if speaker is None:
        return None
    for alias in [speaker.name, *speaker.aliases]:
        first = alias.split()[0].strip(".").lower() if alias.split() else ""
        if first in HONORIFIC_GENDER:
            return HONORIFIC_GENDER[first]
    return given_name_gender(speaker.name)


# what follows a name in "Tom Adeyemi, who has audited several of its products, wrote"
_APPOSITIVE_THEN_VERB = (
    r",[^,;:\"“”]{1,160},\s+(?:has |had |also |then |later )?(?:" + "|".join(sorted(ATTRIBUTION_VERBS)) + r")(?!\w)"
)


class _AppositiveReports:
    """Finds "NAME, an appositive or relative clause, VERB" for every quoted person of one article at once.

    One pattern per article (every name form as an alternative, in a look-ahead so
    that matches may overlap), instead of one pattern per name form.
    """

    def __init__(self, forms_of: dict[str, set[tuple[str, ...]]]) -> None:
        owners: dict[tuple[str, ...], set[str]] = {}
        for name, forms in forms_of.items():
            for form in forms:
                owners.setdefault(form, set()).add(name)
        self._owners = list(owners.values())
        alternatives = [f"(?P<f{n}>" + r"\W+".join(re.escape(w) for w in form) + ")" for n, form in enumerate(owners)]
        self._pattern = (
            re.compile(rf"(?=(?<!\w)(?:{'|'.join(alternatives)})(?!\w){_APPOSITIVE_THEN_VERB})", re.IGNORECASE)
            if alternatives
            else None
        )

    def named_in(self, text: str) -> set[str]:
        """Return the quoted people named in ``text`` right before an appositive and a reporting verb."""
        if self._pattern is None:
            return set()
        named: set[str] = set()
        for match in self._pattern.finditer(text):
            if match.lastgroup:
                named |= self._owners[int(match.lastgroup[1:])]
        return named
