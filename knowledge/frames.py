"""Finds the speech frames in a sentence (quoted words masked out).

The frames of news writing: subject + speech verb ("Mr Healey told reporters", "The US
president has previously said"), the inverted order after a quote or comma ("said Aaron
Kohli", "says a report"), a participle that borrows the sentence's subject ("adding:"), a
possessive speech noun ("Mr Trump’s suggestion that"), "what he called" and "according to".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import (
    ACCUSING_VERBS,
    AUXILIARY_PHRASES,
    AUXILIARY_WORDS,
    DETERMINERS,
    DOCUMENT_NOUNS,
    FUNCTION_WORDS,
    INVERTED_ONLY_VERBS,
    INVERTING_VERBS,
    IRREGULAR_VERBS,
    NAMING_AS_VERBS,
    NAMING_VERBS,
    NOT_ADVERBS,
    NOT_NAME,
    ORG_WORDS,
    ORGANISATION_WORDS,
    PARTICIPLES,
    PARTY_MEMBER_NOUNS,
    PLACE_NAMES,
    PRONOUN_GENDER,
    SENTENCE_CONNECTIVES,
    SETTING_NOUNS,
    SPEECH_NOUNS,
    SPEECH_VERB_TAGS,
    SPEECH_VERBS,
    SPOKESPEOPLE,
    TELLING_VERBS,
    TITLE_NOUNS,
    TITLE_WORDS,
    VERB_FORMS,
    WEEKDAYS,
)
from .names import find_people, is_demonym, is_name_token, looks_like_org
from .phrases import (
    ANAPHOR,
    BARE_GROUP,
    CAP,
    DETERMINER,
    GROUP,
    HON,
    MODIFIER,
    NAME,
    NOUN_PHRASE,
    PERSON,
)

# What may stand between a subject and its verb: "has also previously", "continued to", "on Monday".
# A day between a subject and its verb, or after an inverted verb: "Priebus later Thursday told",
# "said Tuesday that"; a day is never the speaker.
_WEEKDAY = rf"(?:{'|'.join(d.capitalize() for d in WEEKDAYS)})(?:\s+(?:morning|afternoon|evening|night))?"
_AUX = (
    "(?:"
    + "|".join(AUXILIARY_WORDS)
    + "|"
    + "|".join(p.replace(" ", r"\s+") for p in AUXILIARY_PHRASES)
    + rf"|(?!(?:{'|'.join(NOT_ADVERBS)})\b)[a-z]+ly|on\s+\w+day|on\s+[A-Z]\w+|{_WEEKDAY})"
)
_PRON_END = re.compile(r"(?:^|(?<=\W))(he|she|they|it|He|She|They|It)$")
_ANAPHOR_END = re.compile(rf"(?:^|(?<=\W))({ANAPHOR.pattern})$")
_NP_END = re.compile(rf"(?:^|(?<=\W))({NOUN_PHRASE})$")
_GROUP_END = re.compile(rf"(?:^|(?<=\W))({GROUP})$")
_NAME_END = re.compile(rf"(?:^|(?<=[\s“”\"(—–-]))({NAME})$")
_AUX_END = re.compile(rf"(?:^|\s+){_AUX}\s*$")
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
_MORE_TITLE = re.compile(rf"(?:\s+(?:{_TITLES}))+(?=[\s,.;:!?]|$)")
# The -s form of a speech verb whose lemma is a noun first ("notes", "calls"): a verb only
# straight after a name or a pronoun and before a stop, a comma or "that" ("…,” Conway notes.).
_NOUN_LIKE_THIRDS = frozenset(
    VERB_FORMS[lemma].third for lemma, tags in SPEECH_VERB_TAGS.items() if "noun" in tags and "frames" in tags
)
_NOUN_LIKE_SUBJECT = re.compile(rf"(?:^|(?<=[\s”\"]))(?:{PERSON}|[Hh]e|[Ss]he)\s+$")
# Speech verbs, and an inverting verb capitalised to open a sentence ("Said Ann Lee, …: “…”").
_VERB_RE = re.compile(
    r"\b("
    + "|".join(sorted(SPEECH_VERBS | _NOUN_LIKE_THIRDS, key=len, reverse=True))
    + "|"
    + "|".join(sorted((v.capitalize() for v in INVERTING_VERBS), key=len, reverse=True))
    + r")\b"
)
# "Mr Trump’s suggestion", "his claim": a name needs its possessive mark ("Republican claims" is none)
_POSSESSIVE_RE = re.compile(
    rf"({NAME}(?=[’']s?\s)|\b[Hh]is|\b[Hh]er|\b[Tt]heir)(?:[’']s?)?\s+(?:[\w-]+\s+)?({'|'.join(sorted(SPEECH_NOUNS))})\b"
)
_NAMING = (
    "|".join(sorted(NAMING_VERBS, key=len, reverse=True))
    + "|"
    + "|".join(rf"{v}\s+as" for v in sorted(NAMING_AS_VERBS))
)
_CALLED_RE = re.compile(rf"\bwhat\s+(he|she|they|it|{NAME}|{NOUN_PHRASE})\s+(?:has\s+|had\s+)?({_NAMING})\b")
_ACCORDING_RE = re.compile(r"\b[Aa]ccording\s+to\s+")


@dataclass
class Frame:
    """One speech frame in a sentence: who (as written) and the cue.

    ``start``/``end`` are paragraph offsets covering the whole frame; ``subject`` is
    None for a participle ("adding") whose subject is the sentence's speaker.
    """

    kind: str
    start: int
    end: int
    cue: str
    subject: str | None = None
    subject_start: int | None = None
    subject_end: int | None = None
    speaker: str | None = None
    pending_role: str | None = None


def _strip_aux(text: str) -> str:
    while True:
        match = _AUX_END.search(text)
        if not match or match.start() == match.end():
            return text
        text = text[: match.start()]


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
    """ "Stacy Baker of Columbia, South Carolina says": the person from the place, not the state."""
    if match.group(1).lower().removeprefix("the ") not in PLACE_NAMES:
        return None
    person = re.search(
        rf"(?:^|(?<=[\s“”\"(—–-]))({NAME})\s+(?:of|from)\s+[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*,\s*$",
        _tail_of(text[: match.start(1)]),
    )
    if person is None or not _is_person(person.group(1)):
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
    """ "Giovanni Vian, the editor of the Vatican’s newspaper, L’Osservatore Romano, said": in a
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
        if (" " in name and _is_person(name)) or (" " not in name and n == 0 and _opens_as_person(name, "")):
            return seg_start + named.start(1), seg_start + named.end(1)
    return None


def _is_person(name: str) -> bool:
    """Return True when a capitalised run names a person rather than an organisation or a place."""
    hits = find_people(name)
    return bool(hits) and hits[-1].end >= len(name.rstrip(" ,")) - 1 and not looks_like_org(hits[-1].name.split())


def _person_of(text: str, start: int) -> tuple[int, int] | None:
    """ "Detective Inspector Paul Gerrard of Greater Manchester Police": the person, not the force."""
    window = max(0, start - 120)
    match = re.search(rf"(?:^|(?<=[\s“”\"(—–-]))({NAME})\s+(?:of|at|from)\s+(?:the\s+)?$", text[window:start])
    if match and _is_person(match.group(1)):
        return window + match.start(1), window + match.end(1)
    return None


_APPOSITIVE_HEADS = TITLE_NOUNS | SPOKESPEOPLE


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
    if not alone and not _is_person(match.group(1)):
        return None
    return match.start(1), match.end(1)


_SUBJECT_REACH = 400  # characters before a verb in which its subject (with appositives) may lie


def subject_at_end(text: str) -> tuple[int, int] | None:
    """Return (start, end) of the subject noun phrase that ends ``text``, or None.

    Appositives and relative clauses between the subject and its verb are skipped
    ("Chi Onwurah, the Labour MP for ..., who is supporting the report, said"), and an
    organisation's name keeps its function words ("the Institute for Fiscal Studies").
    Only the last few hundred characters are looked at, so a huge sentence stays linear.
    """
    if len(text) > _SUBJECT_REACH:
        cut = text.find(" ", len(text) - _SUBJECT_REACH)
        cut = cut if cut >= 0 else len(text) - _SUBJECT_REACH
        found = _subject_at_end(text[cut:])
        return (found[0] + cut, found[1] + cut) if found else None
    return _subject_at_end(text)


def _subject_at_end(text: str) -> tuple[int, int] | None:
    stripped = text.rstrip()
    relative = re.search(r",\s+who$", stripped)
    if relative:  # "… agreed with Tom Ross, who called the plan …": the name the clause describes
        named = _NAME_END.search(stripped[: relative.start()])
        if named and _is_person(named.group(1)):
            return named.start(1), named.end(1)
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
                and _is_person(affiliated.group(1))
                and _premodifiers_only(body[segment_start : segment_start + affiliated.start(1)])
            ):
                return segment_start + affiliated.start(1), segment_start + affiliated.end(1)
            for pattern in (_NAME_END, _NP_END):
                match = pattern.search(body)
                if match and pattern is _NAME_END and match.group(1).lower().removeprefix("the ") in PLACE_NAMES:
                    break  # "Clinton, in Columbus, Ohio, said": the place is not the subject
                if match and _premodifiers_only(body[segment_start : match.start(1)]):
                    if pattern is _NP_END and cut > 0:
                        before_appositive = _name_before_appositive(body[:cut], match.group(1))
                        if before_appositive:
                            return before_appositive
                    return match.start(1), match.end(1)
            segment = body[segment_start:].strip(" “”\"‘’'")
            if cut < 0 or not segment:
                break
            body = body[:cut].rstrip()
    return None


def find_frames(masked: str, start: int, end: int) -> list[Frame]:
    """Return the speech frames in the sentence ``masked[start:end]`` (quotes masked out)."""
    frames: list[Frame] = []
    sentence = masked[start:end]
    for match in _VERB_RE.finditer(sentence):
        verb = match.group(1)
        vs, ve = start + match.start(), start + match.end()
        if verb.lower() in INVERTED_ONLY_VERBS and not re.search(r"[,”“\"’':—–]\s*$", masked[max(start, vs - 3) : vs]):
            continue  # "Colleagues remembered her as kind": only "…,” remembered Cole" reports words
        if verb in _NOUN_LIKE_THIRDS and not (
            _NOUN_LIKE_SUBJECT.search(masked[max(start, vs - 60) : vs])
            and re.match(r"\s*(?:[.,]|that\b)", masked[ve:end])
        ):
            continue  # "the notes", "Trump calls for": a noun, or another verb
        # the subject lies within reach of its verb: looking further back only costs time
        ws = max(start, vs - _SUBJECT_REACH - 100)
        if re.search(
            r"\b(?:been|being|be|was|were|is|are|’s|get|got)\s+(?:[a-z]+ly\s+)?$", masked[ws:vs]
        ) and not verb.endswith("ing"):
            # passive: "he has been dubbed “the king of clay”" names no speaker, unless an agent
            # follows ("has been praised by critics as “…”")
            agent = re.match(
                rf"(?:\s+as\s+[^,.;:]{{1,80}}?)?\s+by\s+({NOUN_PHRASE}|{GROUP}|{NAME}|{BARE_GROUP})(?=[\s,.;:!?]|$)",
                masked[ve:end],
            )
            by = re.match(r"\s+by\b", masked[ve:end])
            described = _premodified_person(masked, ve + by.end(), end) if by else None
            if described:  # "was asked by Fox Business moderator Gerard Baker"
                frames.append(Frame("sv", vs, ve, f"{verb} by", masked[described[0] : described[1]], *described))
            elif agent:
                s0, s1 = ve + agent.start(1), ve + agent.end(1)
                frames.append(
                    Frame("sv", vs, ve, f"{verb} by", masked[s0:s1], s0, s1)
                )  # the agent may follow the quote
            continue
        progressive = (
            re.search(r"\b(?:is|are|was|were|been)\s+(?:[a-z]+ly\s+)?$", masked[ws:vs])
            if verb.endswith("ing")
            else None
        )
        # "Ann Lee, for her part, is calling it …": a progressive is the clause's own verb
        before = _strip_aux(masked[ws : ws + progressive.start()] if progressive else masked[ws:vs])
        cue = _cue(masked, verb, ve, end)
        if verb in PARTICIPLES and before.rstrip().endswith(",") and not progressive:
            # "Ann Lee praised her rival, Tom Ross, saying …": after a comma an -ing clause borrows
            # the sentence's subject; the name just before it is an object or an appositive
            frames.append(_borrowing(masked, start, vs, ve, cue, frames))
            continue
        subject = subject_at_end(before)
        if subject and masked[ws + subject[0] : ws + subject[1]].lower() in FUNCTION_WORDS | DETERMINERS:
            # "When asked, …": a subordinator opening a clause is no speaker; in "The promise to
            # “…”" the speech word is a noun and its determiner no subject
            subject = None
        if subject and verb.endswith("ing") and not progressive and _ISSUED.search(masked[ws : ws + subject[1]]):
            # "Ann Lee issued a statement saying …": the statement's -ing clause is its issuer's words
            frames.append(_borrowing(masked, start, vs, ve, cue, frames))
            continue
        if (
            subject
            and not verb[0].isupper()
            and masked[ws + subject[0]].islower()
            and not re.match(rf"(?:{DETERMINER}|he|she|they|it)\b", masked[ws + subject[0] : ws + subject[1]])
            and re.search(r"\b(?:the|a|an|every|any|each)\s+[a-z]+\s+$", masked[ws : ws + subject[0]])
        ):
            continue  # a reduced relative clause: "the amount companies asked for" is no speech frame
        if (
            subject
            and " " not in masked[ws + subject[0] : ws + subject[1]].strip()
            and re.search(
                r"\b(?:many|some|several|these|those|more|most|other|few|all|two|three)\s+$",
                masked[ws : ws + subject[0]],
            )
        ):
            continue  # an adjective and a plural noun: "so many Republican claims" is no speech frame
        if subject and not (verb[0].isupper()):
            s0, s1 = ws + subject[0], ws + subject[1]
            frames.append(Frame("sv", s0, ve, cue, masked[s0:s1], s0, s1))
            continue
        tail = masked[ws:vs].rstrip() or ("…" if ws > start else "")
        if not tail or tail[-1] in ",”“\"’':—–(":  # “ too: an opening mark misused to close
            after = _subject_after(masked, ve, end)
            if (
                after
                and verb.lower() in INVERTING_VERBS
                and not re.match(
                    r"\s+(?:had|has|have|was|were|is|are|would|will|could|should|did|does|do|"
                    r"must|can|may|might|shall)\b",
                    masked[after[1] : end],
                )
            ):
                s0, s1 = after
                named = re.match(rf",\s+({NAME})(?=[\s,.;:!?]|$)", masked[s1:end])
                if named and re.fullmatch(NOUN_PHRASE, masked[s0:s1]):
                    s0, s1 = s1 + named.start(1), s1 + named.end(1)  # "said the club’s chairman, Piet de Vries"
                else:
                    s0, s1 = _appositive_name(masked, s0, s1, end) or (s0, s1)
                frames.append(Frame("inverted", vs, s1, cue, masked[s0:s1], s0, s1))
                continue
        if verb.lower() in PARTICIPLES and (not tail or tail[-1] in ",;—–(" or tail.endswith(" and")):
            frames.append(_borrowing(masked, start, vs, ve, cue, frames))
        elif tail.endswith((" and", " but")) and not subject:
            frames.append(
                _borrowing(masked, start, vs, ve, cue, frames)
            )  # "described it as … and said …": same subject
    speaking = [f for f in frames if f.kind in {"sv", "inverted", "participle"}]
    for match in _POSSESSIVE_RE.finditer(sentence):
        s0, s1 = start + match.start(1), start + match.end(1)
        if _object_of_speech(masked, speaking, s0, start + match.end()):
            continue
        frames.append(Frame("possessive", s0, start + match.end(), match.group(2), masked[s0:s1], s0, s1))
    for match in _CALLED_RE.finditer(sentence):
        s0, s1 = start + match.start(1), start + match.end(1)
        who = match.group(1) if match.group(1).lower() in PRONOUN_GENDER else "..."
        frames.append(
            Frame(
                "naming",
                start + match.start(),
                start + match.end(),
                f"what {who} {match.group(2)}",
                masked[s0:s1],
                s0,
                s1,
            )
        )
    for match in _ACCORDING_RE.finditer(sentence):
        after = _subject_after(masked, start + match.end() - 1, end, group=True)
        if after:
            s0, s1 = after
            frames.append(Frame("according", start + match.start(), s1, "according to", masked[s0:s1], s0, s1))
    frames = [f for f in frames if not _inside_reported_clause(masked, f, frames, end)]
    frames.extend(_colon_frames(masked, start, end, frames))
    frames.sort(key=lambda f: (f.start, f.end))  # in sentence order
    return frames


_CONNECTIVES = "|".join(w.capitalize() for w in SENTENCE_CONNECTIVES)
# The person a sentence opens with, after a short lead-in clause or a connective, then its verb:
# "As the crowd chanted, Ann Lee smiled and joked", "Sanders himself, who …, has toned down …".
_OPENING_SUBJECT = re.compile(
    rf"\W*(?:[^,.;:“”\"]{{0,60}},\s+)?(?:(?:{_CONNECTIVES}),?\s+)?({PERSON})"
    rf"(?:\s+(?:himself|herself))?(?:\s*,[^,.;:]{{1,120}},)?\s+([a-z]+)"
)


# What a finite verb after a sentence's subject looks like: "released", "sends", "sent", "has".
_FINITE = r"[a-z]+(?:ed|s)|" + "|".join(sorted({past for past, _ in IRREGULAR_VERBS.values()}))
# A source that opens a sentence, then its verb: "The town council released …", "Her campaign
# quickly sent …", "Attorneys for Ross appeared …".
_OPENING_SOURCE = re.compile(
    rf"\W*(?:[^,.;:“”\"]{{0,60}},\s+)?(?:(?:{_CONNECTIVES}),?\s+)?({NOUN_PHRASE}|{GROUP})"
    rf"(?:\s*,([^,.;:]{{1,120}}),)?\s+(?:(?:[a-z]+ly|later|also|then|first)\s+)?({_FINITE})\b"
)


def _borrowing(masked: str, start: int, verb_start: int, verb_end: int, cue: str, earlier: list[Frame]) -> Frame:
    """A clause that borrows its sentence's subject ("Ann Lee compared herself to Tom Ross, saying",
    "Ann Lee was joined by Tom Ross and joked"): with no speech frame before it, the person who
    opens the sentence is its speaker; otherwise a participle frame that the sentence's speaker owns."""
    opening = (
        None
        if any(f.kind in {"sv", "inverted"} for f in earlier)
        else _OPENING_SUBJECT.match(masked, start, verb_start)
    )
    if opening and _opens_as_person(opening.group(1), opening.group(2)):
        s0, s1 = opening.start(1), opening.end(1)
        return Frame("sv", s0, verb_end, cue, masked[s0:s1], s0, s1)
    if (
        opening
        and " " in opening.group(1)
        and opening.group(2) not in FUNCTION_WORDS
        and looks_like_org(opening.group(1).split())
    ):
        # "The Democratic National Committee released a statement, saying …": the organisation
        s0, s1 = opening.start(1), opening.end(1)
        return Frame("sv", s0, verb_end, cue, masked[s0:s1], s0, s1)
    source = (
        None if any(f.kind in {"sv", "inverted"} for f in earlier) else _OPENING_SOURCE.match(masked, start, verb_start)
    )
    if source:
        # "Her campaign sent an email to supporters saying …", "Attorneys for Ross appeared to
        # oppose it, saying …": a source that opens the sentence owns its -ing clause, or the
        # person an appositive names ("Her spokesman, Tom Ross, sent …")
        s0, s1 = source.span(1)
        named = source.group(2) and re.fullmatch(rf"\s*({PERSON})\s*", source.group(2))
        if named and _opens_as_person(named.group(1), ""):
            s0, s1 = source.start(2) + named.start(1), source.start(2) + named.end(1)
        elif source.group(1).split()[0].lower() == "the" and source.group(1).split()[-1].lower() in TITLE_NOUNS:
            # "The Republican nominee also vowed …": the role of one person is someone the story
            # names, found among its people rather than as a new source ("A council official" is one)
            return Frame("participle", verb_start, verb_end, cue)
        return Frame("sv", s0, verb_end, cue, masked[s0:s1], s0, s1)
    return Frame("participle", verb_start, verb_end, cue)


def _opens_as_person(name: str, follower: str) -> bool:
    """A full name, or a surname alone ("Sanders compared …"), not a capitalised adjective or
    participle ("Democratic presidential …", "Appearing …") or a name premodifying a title."""
    if follower in TITLE_WORDS:
        return False  # "Clinton campaign spokesman Brian Fallon": the name modifies a title
    if " " in name:
        return _is_person(name)
    word = name.lower().rstrip(".")
    return (
        is_name_token(name)
        and word not in NOT_NAME
        and word not in FUNCTION_WORDS
        and not re.search(r"(?:ing|ed|ic|al)$", word)
        and not is_demonym(name)
    )


# A colon that introduces a quotation, and the labels that name its speaker before it:
# "- Carl Bialik: “…”", "More from Jones: “…”", "Here’s Clinton in 1992: “…”".
_INTRODUCING_COLON = re.compile(r":\s*(?=[“\"‘]|'')")
_LABEL = re.compile(
    rf"(?:(?:[Mm]ore\s+from|[Hh]ere[’']s|[Hh]ere\s+is|Said|Added|Continued)\s+)?({PERSON})"
    rf"(?:\s+(?:and|&)\s+{PERSON})?(?:\s+(?:in|on|at)\s+[^,.;:]{{1,40}})?\s*$"
)


def _colon_frames(masked: str, start: int, end: int, frames: list[Frame]) -> list[Frame]:
    """ "Ann Lee fired back: “…”", "- Carl Bialik: “…”": a colon before a quotation hands it to the
    person who is the subject of the clause the colon ends, or the name the colon labels."""
    found = []
    for colon in _INTRODUCING_COLON.finditer(masked, start, end):
        at = colon.start()
        breaks = [masked.rfind(mark, start, at) for mark in (",", " - ", "—", "–")]
        clause_start = max([start] + [b + 2 if masked[b] == " " else b + 1 for b in breaks if b >= 0])
        if any(clause_start <= f.start and f.end <= at for f in frames):
            continue  # "Ann Lee said:": the clause has its own frame
        clause = masked[clause_start:at]
        label = _LABEL.match(clause.lstrip())
        offset = clause_start + len(clause) - len(clause.lstrip())
        if label and label.group(1).lower() not in TITLE_WORDS and _opens_as_person(label.group(1), ""):
            s0, s1 = offset + label.start(1), offset + label.end(1)
            found.append(Frame("sv", s0, at + 1, ":", masked[s0:s1], s0, s1))
            continue
        opening = _OPENING_SUBJECT.match(masked, clause_start, at)
        if opening and _opens_as_person(opening.group(1), opening.group(2)):
            s0, s1 = opening.start(1), opening.end(1)
            found.append(Frame("sv", s0, at + 1, opening.group(2), masked[s0:s1], s0, s1))
    return found


# A document someone puts out, as the object of the verb that puts it out, perhaps with its
# recipients: "issued a statement", "sent out an email to supporters".
_ISSUED = re.compile(
    rf"\b[a-z]+(?:ed|ent)\s+(?:out\s+)?(?:a|an|the|his|her|their|its)\s+(?:[\w-]+\s+){{0,2}}?(?:{'|'.join(sorted(DOCUMENT_NOUNS))})"
    r"(?:\s+to\s+(?:[\w’'-]+\s+){0,2}?[\w’'-]+)?(?:\s+\w+day(?:\s+(?:morning|afternoon|evening|night))?)?$"
)


def _inside_reported_clause(masked: str, frame: Frame, frames: list[Frame], end: int) -> bool:
    """ "Ann Lee said Tom Ross will continue to be “a drag on the party”": a speech frame inside
    the clause another speaker's verb reports runs straight on into a partial quotation, which is
    the reporting speaker's words; a frame that opens its own quotation with a comma or a colon
    ("Ann Lee said Tom Ross told her: “…”") keeps it."""
    if frame.kind != "sv" or frame.subject_start is None or frame.subject_end is None or frame.cue.endswith(" by"):
        return False  # "she recalled being told by a tutor that …": the agent of a passive speaks
    if re.search(r",\s*who\b", masked[frame.subject_end : frame.end]):
        return False  # "… agreed with Tom Ross, who called the plan “…”": his own clause
    if not any(
        f is not frame
        and f.kind in {"sv", "inverted"}
        and f.end <= frame.subject_start
        and not re.search(r"[.;:!?,“”\"(—–]|\bx+\b", masked[f.end : frame.subject_start])
        for f in frames
    ):
        return False
    following = re.match(r"[^“\"‘]*?(?=[“\"]|'')", masked[frame.end : end])
    return following is not None and not re.search(r"[,:;.!?—–]", following.group(0))


def _object_of_speech(masked: str, speaking: list[Frame], start: int, end: int) -> bool:
    """ "Ryan said Obama’s words “…”", "calling Trump’s charge “…”": a possessive speech noun that
    an earlier speech verb of the clause talks about is not the quotation's frame; its owner's
    words follow only as the noun's content ("Ryan said Obama’s claim that “…”")."""
    if re.match(r"\s*(?:that\b|[:,])", masked[end : end + 10]):
        return False
    return any(
        f.end <= start and start - f.end <= 60 and not re.search(r"[.;:!?]|\bx+\b", masked[f.end : start])
        for f in speaking
    )


def _subject_after(masked: str, pos: int, end: int, *, group: bool = False) -> tuple[int, int] | None:
    """Return the span of the subject that follows an inverted verb (or "according to") at ``pos``.

    "said council leader Ann Cole", "said the council leader" (the whole role noun, not just
    "the council"), "said a spokeswoman for the council"; with ``group``, also "officials".
    """
    premodified = _premodified_person(masked, pos, end)
    if premodified:
        return premodified
    member = _MEMBER.match(masked, pos, end)
    follower = re.match(r"\s+([a-z]+)", masked[member.end() : end]) if member else None
    if follower and follower.group(1) not in FUNCTION_WORDS | {"who", "familiar", "involved", "close"}:
        member = None  # "said a Mexican official": the nationality describes the noun after it
    if member and (member.group(2).lower() in PARTY_MEMBER_NOUNS or is_demonym(member.group(2))):
        return member.span(1)  # "said one New Hampshire Democrat", "said an Iowan"
    after = _SUBJ_START.match(masked, pos, end)
    if group and not after:
        after = _GROUP_START.match(masked, pos, end)
    if not after or re.fullmatch(_WEEKDAY, after.group(1)):
        return None
    s0, s1 = after.start(1), after.end(1)
    if re.fullmatch(NOUN_PHRASE, masked[s0:s1]):
        more = _MORE_TITLE.match(masked, s1, end)
        if more:
            s1 = more.end()
    return s0, s1


# A word that may describe the person named after an inverted verb: "former", "Oregon", "Gov.",
# "1st", a possessive name ("Lodder’s"); "and" joins two offices ("former Gov. and Party Chairman").
_PREMODIFIER = rf"(?:{HON}|{CAP}(?:[’']s)?|\d+(?:st|nd|rd|th)|[a-z][a-z-]+|and)(?![\w’'-])"
_DESCRIBED_RUN = re.compile(rf"\s+((?:(?:the|a|an|one|another)\s+)?{_PREMODIFIER}(?:\s+{_PREMODIFIER}){{1,9}})")
# Words that open a clause after a name: "asked by Ann Marr whether …", "said Ann Marr, who …".
_CLAUSE_WORDS = frozenset({"whether", "who", "which", "whose", "why", "how", "what", "when", "where", "if"})


# One unnamed member of a party, a state or a nation: "one New Hampshire Democrat", "an Iowan".
_MEMBER = re.compile(r"\s+((?:one|another|a|an)\s+(?:[A-Z][\w.’'-]*\s+){0,3}([A-Z][\w’'-]*))(?=[\s,.;:!?]|$)")


def _appositive_name(masked: str, s0: int, s1: int, end: int) -> tuple[int, int] | None:
    """ "said the club’s deputy campaign manager, Piet de Vries", "exhorted Ross’s introducer, actress
    Ann Lee": a possessive description after an inverted verb, then the person it describes."""
    if not re.match(rf"{DETERMINER}\s", masked[s0:s1] + " ") or not re.search(r"[’']s\s", masked[s0:s1]):
        return None
    rest = re.match(r"(?:\s+[a-z][\w-]*){0,3},", masked[s1:end])
    if not rest:
        return None
    at = s1 + rest.end()
    described = _premodified_person(masked, at, end)
    if described:
        return described
    named = re.match(rf"\s+({PERSON})(?=[\s,.;:!?]|$)", masked[at:end])
    if named and " " in named.group(1) and _is_person(named.group(1)):
        return at + named.start(1), at + named.end(1)
    return None


def _premodified_person(masked: str, pos: int, end: int) -> tuple[int, int] | None:
    """ "said former Oregon Gov. Ann Lodder", "said Cruz constituent Dan Golvach", "said retired
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
    if len(kept) < 3 or not kept[-1].group(0)[:1].isupper() or re.fullmatch(_WEEKDAY, kept[0].group(0)):
        # a lowercase head ends the phrase: "said one Florida Republican strategist" names nobody
        return None
    base = run.start(1)
    for n in range(1, len(kept) - 1):
        if kept[n - 1].group(0) == "and":
            continue
        name = run.group(1)[kept[n].start() : kept[-1].end()]
        if re.fullmatch(PERSON, name) and _is_person(name):
            return base + kept[0].start(), base + kept[-1].end()
    return None


def _cue(masked: str, verb: str, verb_end: int, end: int) -> str:
    rest = masked[verb_end:end]
    lowered = verb.lower()
    match = re.match(
        r"\s+(reporters|journalists|[a-z]+s\b|(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*"
        r"|(?:the|a|an)\s+(?:news\s+)?[a-z]+)",
        rest,
    )
    if lowered in TELLING_VERBS and match:
        return f"{verb} {match.group(1).rstrip('.')}"
    if lowered in ACCUSING_VERBS and re.search(r"\bof\b", rest[:80]):
        return f"{verb} ... of"
    setting = re.match(rf"\s+(in\s+a\s+(?:{'|'.join(SETTING_NOUNS)}))\b", rest)
    if setting:
        return f"{verb} {setting.group(1)}"
    return verb


__all__ = [
    "Frame",
    "find_frames",
    "subject_at_end",
]
