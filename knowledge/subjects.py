"""Finds the subject of a speech verb: the noun phrase that ends the words before it, or the one
that follows an inverted verb ("said council leader Ann Cole")."""

from __future__ import annotations

import re

from .lexicon import (
    FUNCTION_WORDS,
    GROUP_NOUNS,
    INSTITUTION_NOUNS,
    NOT_ADVERBS,
    NOT_NAME,
    ORG_WORDS,
    ORGANISATION_WORDS,
    PARTY_MEMBER_NOUNS,
    PLACE_NAMES,
    SENTENCE_CONNECTIVES,
    SPOKESPEOPLE,
    TITLE_NOUNS,
    TITLE_WORDS,
    WEEKDAYS,
)
from .names import find_people, is_demonym, is_name_token, looks_like_org
from .phrases import (
    ANAPHOR,
    CAP,
    DETERMINER,
    GROUP,
    HON,
    MODIFIER,
    NAME,
    NOUN_PHRASE,
    PERSON,
)

# A day between a subject and its verb, or after an inverted verb: "Priebus later Thursday told",
# "said Tuesday that"; a day is never the speaker.
WEEKDAY = rf"(?:{'|'.join(d.capitalize() for d in WEEKDAYS)})(?:\s+(?:morning|afternoon|evening|night))?"
_PRON_END = re.compile(r"(?:^|(?<=\W))(he|she|they|it|He|She|They|It)$")
_ANAPHOR_END = re.compile(rf"(?:^|(?<=\W))({ANAPHOR.pattern})$")
_NP_END = re.compile(rf"(?:^|(?<=\W))({NOUN_PHRASE})$")
_GROUP_END = re.compile(rf"(?:^|(?<=\W))({GROUP})$")
_NAME_END = re.compile(rf"(?:^|(?<=[\s“”\"(—–-]))({NAME})$")
_TITLES = "|".join(sorted((re.escape(n) for n in TITLE_NOUNS), key=len, reverse=True))
# a lowercase title before a name, as news style writes it after an inverted verb or "according
# to": "said council leader Ann Cole", "according to local builder Aaron Petersen"
_ROLE_NAME = rf"(?:(?:(?:{MODIFIER}|{CAP})\s+){{0,3}}?(?:{_TITLES})\s+{PERSON})"
# a lowercase modifier before an abbreviated title: "said former Gov. Ann Lee"
_MODIFIED_HONORIFIC = rf"(?:(?:{MODIFIER}\s+){{1,2}}(?={HON}\s){PERSON})"
_SUBJ_START = re.compile(
    rf"\s+({_ROLE_NAME}|{_MODIFIED_HONORIFIC}|{NOUN_PHRASE}|{NAME}|he|she|they|it)(?=[\s,.;:!?]|$)"
)
_GROUP_START = re.compile(rf"\s+({GROUP})(?=[\s,.;:!?]|$)")
# A second group joined to the first: "friends and advisers", "aides and other allies".
_AND_GROUP = re.compile(rf"\s+and\s+(?:other\s+)?(?:{'|'.join(sorted(GROUP_NOUNS))})(?=[\s,.;:!?]|$)")
_MORE_TITLE = re.compile(rf"(?:\s+(?:{_TITLES}))+(?=[\s,.;:!?]|$)")


def _premodifiers_only(text: str) -> bool:
    """Return True when ``text`` (before a name) holds only marks and title words ("Station manager")."""
    text = re.split(r"[”\"’']\s", text)[-1]  # only what follows a quotation
    words = text.replace("“", " ").split()
    if all(w[:1].isupper() or w.lower() in TITLE_WORDS for w in words):
        return True
    # a descriptive "false title" before a name: "Local builder Aaron Petersen", "retired nurse Ann Lee"
    lowercase = [w for w in words if not w[:1].isupper()]
    return (
        0 < len(lowercase) <= 3
        and len(words) <= 4
        and all(
            re.fullmatch(r"[a-z][a-z-]+", w) and w not in FUNCTION_WORDS and not re.search(r"(?:ed|ing|ly)$", w)
            for w in lowercase
        )
    )


def _with_org_head(text: str, match: re.Match) -> tuple[int, int] | None:
    """Extend "Fiscal Studies" back to "the Institute for Fiscal Studies" (an organisation's name),
    and "South Dakota" back to "John Thune" in "Senator John Thune of South Dakota"."""
    head = re.search(
        r"((?:[Tt]he\s+)?(?:[A-Z][\w’'.-]*\s+)*([A-Z][\w’'.-]*)\s+(for|of|and|on|&)\s+)$", text[: match.start(1)]
    )
    if not head:
        return None
    if (
        head.group(2).lower() in ORG_WORDS
        or head.group(3) == "&"
        or (head.group(3) == "and" and looks_like_org(match.group(1).split()))
    ):  # "&" joins firms' names
        return head.start(1), match.end(1)
    if head.group(3) in {"of", "for"} and head.group(2).lower() in TITLE_NOUNS:
        return head.start(1), match.end(1)  # "Secretary of State Marco Rubio"
    if head.group(3) == "of" and not looks_like_org([head.group(2)]):
        person = _NAME_END.search(text[: head.end(2)])
        if person:
            # "Archbishop Ann Lee of the Patriarchate of Jerusalem": the person, not the institution
            return _person_of(text, person.start(1)) or (person.start(1), person.end(1))
    return None


def _person_from_place(text: str, match: re.Match) -> tuple[int, int] | None:
    """ "Ann Hale of Dayton, Ohio says": the person from the place, not the state."""
    if match.group(1).lower().removeprefix("the ") not in PLACE_NAMES:
        return None
    person = re.search(
        rf"(?:^|(?<=[\s“”\"(—–-]))({NAME})\s+(?:of|from)\s+[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*,\s*$",
        _tail_of(text[: match.start(1)]),
    )
    if person is None or not is_person(person.group(1)):
        return None
    offset = match.start(1) - len(_tail_of(text[: match.start(1)]))
    return offset + person.start(1), offset + person.end(1)


def _tail_of(text: str) -> str:
    return text[-160:]


# A lead-in word before the name that opens a chain of appositives: "However, as Ann Lee, …, said".
_CHAIN_LEAD = (
    rf"(?:(?:{'|'.join(w.capitalize() for w in SENTENCE_CONNECTIVES)}|[Aa]s|[Ww]hen|[Ww]hile|[Bb]ut|[Aa]nd)\s+)?"
)


def _chain_head(body: str) -> tuple[int, int] | None:
    """ "Marco Ricci, the editor of the city’s newspaper, Il Corriere, said": in a
    chain of comma-separated appositives before a verb, the first stretch that is a person’s name
    alone (or a name with its organisation, "Ann Lee of Berenberg") is the subject."""
    cuts = [m.start() for m in re.finditer(",", body)]
    if not cuts:
        return None
    bounds = [0] + [c + 1 for c in cuts]
    for n, seg_start in enumerate(bounds[:-1]):
        seg_end = cuts[n]
        named = re.fullmatch(
            rf"\s*{_CHAIN_LEAD}({PERSON})(?:\s+(?:of|from|at)\s+(?:the\s+)?[A-Z][^,]*)?\s*",
            body[seg_start:seg_end],
        )
        if not named:
            continue
        name = named.group(1)
        if name.split()[0].lower() in NOT_NAME or name.split()[0].lower() in FUNCTION_WORDS:
            continue  # "At Boca West, Jay DiPietro, …": a preposition's object leads in
        if any(w.lower() in ORGANISATION_WORDS for w in name.split()):
            continue  # "Northgate Foods, the supermarket group, said": a firm, not a person
        if (" " in name and is_person(name)) or (" " not in name and n == 0 and opens_as_person(name, "")):
            return seg_start + named.start(1), seg_start + named.end(1)
    return None


def is_person(name: str) -> bool:
    """Return True when a capitalised run names a person rather than an organisation or a place."""
    hits = find_people(name)
    return bool(hits) and hits[-1].end >= len(name.rstrip(" ,")) - 1 and not looks_like_org(hits[-1].name.split())


def _person_of(text: str, start: int) -> tuple[int, int] | None:
    """ "Detective Inspector Paul Gerrard of Greater Manchester Police": the person, not the force."""
    window = max(0, start - 120)
    match = re.search(rf"(?:^|(?<=[\s“”\"(—–-]))({NAME})\s+(?:of|at|from)\s+(?:the\s+)?$", text[window:start])
    if match and is_person(match.group(1)):
        return window + match.start(1), window + match.end(1)
    return None


_APPOSITIVE_HEADS = TITLE_NOUNS | SPOKESPEOPLE
# A person described by a participle phrase that runs to the verb: "a lawyer representing the
# family", "a woman living near the site".
_PARTICIPLE_SUBJECT = re.compile(
    r"(?:^|(?<=\W))((?:[Aa]n?|[Tt]he|[Oo]ne|[Aa]nother)\s+(?:[a-z][\w-]*\s+){0,2}([a-z]+))\s+"
    r"(?:representing|living|working|speaking\s+for|acting\s+for)\s+[^,;:.!?“”\"()—–]{1,90}$"
)


def _name_before_appositive(head: str, appositive: str) -> tuple[int, int] | None:
    """ "Sophie Grant, a retail analyst at Barclay Hunt, said": the name, which the role describes.

    Only for an appositive whose head is a job title or a spokesperson noun, after a name that
    opens its clause.
    """
    words = re.split(r"\s+(?:for|of|at|from|with|in|to)\s+", appositive)[0].split()
    member = re.match(r"(?:[Oo]ne|[Aa]nother)\s+of\s+", appositive)  # "Ann Lee, one of the negotiators,"
    if not member and (not words or words[-1].lower().strip("’'.,") not in _APPOSITIVE_HEADS):
        return None
    head = re.sub(r",\s*\d{1,3}$", "", head.rstrip())  # "Ann Lee, 34, a nurse from Leeds,"
    match = _NAME_END.search(head)
    if not match:
        return None
    clause = head[head.rfind(",", 0, match.start(1)) + 1 : match.start(1)]
    if not _premodifiers_only(clause):
        return None
    # a surname alone counts only straight after a quotation: "“Never,” Ross, the coach, said"
    after_quote = re.split(r"[”\"’']\s", clause)
    # or when it opens the sentence: "Sexton, a writing professor, said"
    alone = (
        is_name_token(match.group(1))
        and " " not in match.group(1)
        and (
            (len(after_quote) > 1 and not re.search(r"[A-Za-z]", after_quote[-1]))
            or not re.search(r"[A-Za-z]", head[: match.start(1)])
        )
    )
    if not alone and not is_person(match.group(1)):
        return None
    return match.start(1), match.end(1)


def _organisation_before(head: str, appositive: str) -> tuple[int, int] | None:
    """ "Northgate, the supermarket group, said", "Nordpress, the state news agency, wrote": the
    organisation's name that opens its clause, which an appositive headed by an organisation noun describes."""
    words = re.split(r"\s+(?:for|of|at|from|with|in|to)\s+", appositive)[0].split()
    if not words or words[-1].lower() not in ORGANISATION_WORDS | INSTITUTION_NOUNS:
        return None
    match = re.search(r"(?:^|(?<=[\s“”\"(]))((?:[Tt]he\s+)?[A-Z][\w.&’'-]*(?:\s+[A-Z][\w.&’'-]*){0,4})$", head.rstrip())
    if not match or re.search(r"[A-Za-z]", re.split(r"[”\"’']\s", head[: match.start(1)])[-1]):
        return None  # not the clause's opening words: "… told Northgate, the group, …"
    start = match.start(1)
    for word in re.finditer(r"\S+", match.group(1)):  # "But Northgate": a connective leads in
        lowered = word.group(0).lower()
        if lowered == "the" or (lowered not in FUNCTION_WORDS and lowered not in SENTENCE_CONNECTIVES):
            break
        start = match.start(1) + word.end() + 1
    return (start, match.end(1)) if start < match.end(1) else None


SUBJECT_REACH = 400  # characters before a verb in which its subject (with appositives) may lie


def subject_at_end(text: str) -> tuple[int, int] | None:
    """Return (start, end) of the subject noun phrase that ends ``text``, or None.

    Appositives and relative clauses between the subject and its verb are skipped
    ("Chi Onwurah, the Labour MP for ..., who is supporting the report, said"), and an
    organisation's name keeps its function words ("the Institute for Fiscal Studies").
    Only the last few hundred characters are looked at, so a huge sentence stays linear.
    """
    if len(text) > SUBJECT_REACH:
        cut = text.find(" ", len(text) - SUBJECT_REACH)
        cut = cut if cut >= 0 else len(text) - SUBJECT_REACH
        found = _subject_at_end(text[cut:])
        return (found[0] + cut, found[1] + cut) if found else None
    return _subject_at_end(text)


def _subject_at_end(text: str) -> tuple[int, int] | None:
    stripped = text.rstrip()
    described = _PARTICIPLE_SUBJECT.search(stripped)
    if described and described.group(2).lower() in _APPOSITIVE_HEADS:
        # "a lawyer representing the family", "a spokesman speaking for the club at the hearing": the
        # person the participle describes, not the last noun of its phrase (nor a name inside it)
        return described.span(1)
    relative = re.search(r",\s+who$", stripped)
    if relative:  # "… agreed with Tom Ross, who called the plan …": the name the clause describes
        named = _NAME_END.search(stripped[: relative.start()])
        if named and is_person(named.group(1)):
            return named.start(1), named.end(1)
    relative = re.search(r"(?:,\s*which|\s+that)$", stripped)
    if relative:  # "a leaflet that said", "the council report, which notes": the source the clause describes
        source = _NP_END.search(stripped[: relative.start()]) or _GROUP_END.search(stripped[: relative.start()])
        return source.span(1) if source else None
    for pattern in (_PRON_END, _ANAPHOR_END, _GROUP_END, _NP_END, _NAME_END):
        match = pattern.search(stripped)
        if match:
            if pattern is _NAME_END:
                return (
                    _person_from_place(stripped, match)
                    or _with_org_head(stripped, match)
                    or (match.start(1), match.end(1))
                )
            return _person_of(stripped, match.start(1)) or (match.start(1), match.end(1))
    if stripped.endswith(","):
        body = stripped[:-1].rstrip()
        head = _chain_head(body)
        if head:
            return head
        for _ in range(4):
            cut = body.rfind(",")
            segment_start = cut + 1
            affiliated = re.match(rf"\s*({NAME})\s+(?:of|at|from)\s+(?:the\s+)?[A-Z]", body[segment_start:])
            if (
                affiliated
                and is_person(affiliated.group(1))
                and _premodifiers_only(body[segment_start : segment_start + affiliated.start(1)])
            ):
                return segment_start + affiliated.start(1), segment_start + affiliated.end(1)
            for pattern in (_NAME_END, _NP_END):
                match = pattern.search(body)
                if match and pattern is _NAME_END and match.group(1).lower().removeprefix("the ") in PLACE_NAMES:
                    break  # "Clinton, in Columbus, Ohio, said": the place is not the subject
                if match and _premodifiers_only(body[segment_start : match.start(1)]):
                    if pattern is _NP_END and cut > 0:
                        before_appositive = _name_before_appositive(body[:cut], match.group(1)) or _organisation_before(
                            body[:cut], match.group(1)
                        )
                        if before_appositive:
                            return before_appositive
                    return match.start(1), match.end(1)
            segment = body[segment_start:].strip(" “”\"‘’'")
            if cut < 0 or not segment:
                break
            body = body[:cut].rstrip()
    return None


def opens_as_person(name: str, follower: str) -> bool:
    """A full name, or a surname alone ("Sanders compared …"), not a capitalised adjective or
    participle ("Democratic presidential …", "Appearing …") or a name premodifying a title."""
    if follower in TITLE_WORDS:
        return False  # "Lee campaign spokesman Tom Hale": the name modifies a title
    if " " in name:
        return is_person(name)
    word = name.lower().rstrip(".")
    return (
        is_name_token(name)
        and word not in NOT_NAME
        and word not in FUNCTION_WORDS
        and not re.search(r"(?:ing|ed|ic|al)$", word)
        and not is_demonym(name)
    )


def subject_after(masked: str, pos: int, end: int, *, group: bool = False) -> tuple[int, int] | None:
    """Return the span of the subject that follows an inverted verb (or "according to") at ``pos``.

    "said council leader Ann Cole", "said the council leader" (the whole role noun, not just
    "the council"), "said a spokeswoman for the council"; with ``group``, also "officials".
    """
    premodified = premodified_person(masked, pos, end)
    if premodified:
        return premodified
    member = _MEMBER.match(masked, pos, end)
    follower = re.match(r"\s+([a-z]+)", masked[member.end() : end]) if member else None
    if follower and follower.group(1) not in FUNCTION_WORDS | {"who", "familiar", "involved", "close"}:
        member = None  # "said a Mexican official": the nationality describes the noun after it
    if member and (member.group(2).lower() in PARTY_MEMBER_NOUNS or is_demonym(member.group(2))):
        return member.span(1)  # "said one Ohio Democrat", "said an Iowan"
    after = _SUBJ_START.match(masked, pos, end)
    if group and not after:
        after = _GROUP_START.match(masked, pos, end)
    if not after or re.fullmatch(WEEKDAY, after.group(1)):
        return None
    s0, s1 = after.start(1), after.end(1)
    if re.search(r"[a-z]{3}\.$", masked[s0:s1]):
        s1 -= 1  # the sentence's full stop after a name: "reads an editorial in The Varn Gazette."
    joined = _AND_GROUP.match(masked, s1, end)
    if joined and masked[s0:s1].split()[-1].lower() in GROUP_NOUNS:
        s1 = joined.end()  # "according to their neighbours and donors": both groups
    if re.fullmatch(NOUN_PHRASE, masked[s0:s1]):
        more = _MORE_TITLE.match(masked, s1, end)
        if more:
            s1 = more.end()
    return s0, s1


# A word that may describe the person named after an inverted verb: "former", "Oregon", "Gov.",
# "1st", a number-like word ("9/11", "1990s", "2024"), a possessive name ("Lodder’s"); "and" joins
# two offices ("former Gov. and Party Chairman").
_PREMODIFIER = rf"(?:{HON}|{CAP}(?:[’']s)?|\d+(?:/\d+)*(?:st|nd|rd|th|s)?|[a-z][a-z-]+|and)(?![\w’'-])"
_DESCRIBED_RUN = re.compile(rf"\s+((?:(?:the|a|an|one|another)\s+)?{_PREMODIFIER}(?:\s+{_PREMODIFIER}){{1,9}})")
# Words that open a clause after a name: "asked by Ann Marr whether …", "said Ann Marr, who …".
_CLAUSE_WORDS = frozenset({"whether", "who", "which", "whose", "why", "how", "what", "when", "where", "if"})


# One unnamed member of a party, a state or a nation: "one Ohio Democrat", "an Iowan".
_MEMBER = re.compile(r"\s+((?:one|another|a|an)\s+(?:[A-Z][\w.’'-]*\s+){0,3}([A-Z][\w’'-]*))(?=[\s,.;:!?]|$)")


def appositive_name(masked: str, s0: int, s1: int, end: int) -> tuple[int, int] | None:
    """ "said the club’s deputy campaign manager, Piet de Vries", "exhorted Ross’s introducer, actress
    Ann Lee": a possessive description after an inverted verb, then the person it describes."""
    if not re.match(rf"{DETERMINER}\s", masked[s0:s1] + " ") or not re.search(r"[’']s\s", masked[s0:s1]):
        return None
    rest = re.match(r"(?:\s+[a-z][\w-]*){0,3},", masked[s1:end])
    if not rest:
        return None
    at = s1 + rest.end()
    described = premodified_person(masked, at, end)
    if described:
        return described
    named = re.match(rf"\s+({PERSON})(?=[\s,.;:!?]|$)", masked[at:end])
    if named and " " in named.group(1) and is_person(named.group(1)):
        return at + named.start(1), at + named.end(1)
    return None


def premodified_person(masked: str, pos: int, end: int) -> tuple[int, int] | None:
    """ "said former Oregon Gov. Ann Lodder", "said Lee constituent Tom Varga", "said retired
    neurosurgeon Tom Breck": after an inverted verb, a person's full name behind the words that
    describe them (offices, places, organisations, a possessive name) is the speaker.

    Only a name of two words or more that reads as a person's and ends the phrase counts; the
    run of words stops at a function word ("said on Tuesday that …") or an adverb ("said quietly").
    """
    run = _DESCRIBED_RUN.match(masked, pos, end)
    if not run:
        return None
    tokens = list(re.finditer(r"\S+", run.group(1)))
    kept = []
    for n, token in enumerate(tokens):
        word = token.group(0)
        if n > 0 and word.lower() in (FUNCTION_WORDS | _CLAUSE_WORDS) - {"and"}:
            break
        if re.fullmatch(r"[a-z]+ly", word) and word not in NOT_ADVERBS:
            break
        kept.append(token)
    if len(kept) < 3 or not kept[-1].group(0)[:1].isupper() or re.fullmatch(WEEKDAY, kept[0].group(0)):
        # a lowercase head ends the phrase: "said one Florida Republican strategist" names nobody
        return None
    base = run.start(1)
    for n in range(1, len(kept) - 1):
        if kept[n - 1].group(0) == "and":
            continue
        name = run.group(1)[kept[n].start() : kept[-1].end()]
        if re.fullmatch(PERSON, name) and is_person(name):
            return base + kept[0].start(), base + kept[-1].end()
    return None


__all__ = [
    "SUBJECT_REACH",
    "WEEKDAY",
    "appositive_name",
    "is_person",
    "opens_as_person",
    "premodified_person",
    "subject_after",
    "subject_at_end",
]
