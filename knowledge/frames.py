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
    PARTICIPLES,
    PRONOUN_GENDER,
    SENTENCE_CONNECTIVES,
    SETTING_NOUNS,
    SPEECH_NOUNS,
    SPEECH_VERB_TAGS,
    SPEECH_VERBS,
    TELLING_VERBS,
    TITLE_NOUNS,
    TITLE_WORDS,
    VERB_FORMS,
)
from .lexicon.people import GATHERING_NOUNS
from .lexicon.speech import CROWD_PARTICIPLES
from .names import looks_like_org
from .phrases import (
    BARE_GROUP,
    DETERMINER,
    GROUP,
    NAME,
    NOUN_PHRASE,
    PERSON,
)
from .subjects import (
    SUBJECT_REACH,
    WEEKDAY,
    appositive_name,
    opens_as_person,
    premodified_person,
    subject_after,
    subject_at_end,
)

# What may stand between a subject and its verb: "has also previously", "continued to", "on Monday".
_AUX = (
    "(?:"
    + "|".join(AUXILIARY_WORDS)
    + "|"
    + "|".join(p.replace(" ", r"\s+") for p in AUXILIARY_PHRASES)
    + rf"|(?!(?:{'|'.join(NOT_ADVERBS)})\b)[a-z]+ly|on\s+\w+day|on\s+[A-Z]\w+|{WEEKDAY})"
)
_AUX_END = re.compile(rf"(?:^|\s+){_AUX}\s*$")
# An aside between two dashes that ends just before a verb: " — hardly a fan of the plan — ".
_DASH_ASIDE = re.compile(r"\s*[—–][^—–“”\".;:]{1,100}[—–]\s*$")

# The -s form of a speech verb whose lemma is a noun first ("notes", "calls"): a verb only
# straight after a name, a pronoun or a relative pronoun and before a stop, a comma or "that"
# ("…,” Conway notes.", "the report, which notes, “…”").
_NOUN_LIKE_THIRDS = frozenset(
    VERB_FORMS[lemma].third for lemma, tags in SPEECH_VERB_TAGS.items() if "noun" in tags and "frames" in tags
)
_NOUN_LIKE_SUBJECT = re.compile(rf"(?:^|(?<=[\s”\"]))(?:{PERSON}|[Hh]e|[Ss]he|(?<=,\s)which|that)\s+$")
# The lemma of such a verb ("state", "note"): a verb only straight after a plural subject and
# before a stop, a comma, "that" or where it was said ("…,” the Coles state in their letter).
_NOUN_LIKE_BASES = frozenset(
    lemma
    for lemma, tags in SPEECH_VERB_TAGS.items()
    if "frames" in tags and ("noun" in tags or "base-noun" in tags) and " " not in lemma
)
_PLURAL_SUBJECT = re.compile(rf"(?:^|(?<=[\s”\"]))(?:[Tt]hey|[Tt]he\s+[A-Z][\w’'-]*s|{GROUP})\s+$")
_AFTER_PLURAL_VERB = re.compile(r"\s*(?:[.,]|that\b|in\s+(?:a|an|the|their|its)\s)")
# Speech verbs, and an inverting verb capitalised to open a sentence ("Said Ann Lee, …: “…”").
_VERB_RE = re.compile(
    r"\b("
    + "|".join(sorted(SPEECH_VERBS | _NOUN_LIKE_THIRDS | _NOUN_LIKE_BASES, key=len, reverse=True))
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
        if verb in _NOUN_LIKE_BASES and not (
            _PLURAL_SUBJECT.search(masked[max(start, vs - 60) : vs]) and _AFTER_PLURAL_VERB.match(masked[ve:end])
        ):
            continue  # "the state", "a note", "they call for": a noun, or another verb
        # the subject lies within reach of its verb: looking further back only costs time
        ws = max(start, vs - SUBJECT_REACH - 100)
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
            described = premodified_person(masked, ve + by.end(), end) if by else None
            if described:  # "was asked by Radio Leeds presenter Ann Marr"
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
        crowd = _crowd_before(masked, start, vs) if verb in CROWD_PARTICIPLES else None
        if crowd and before.rstrip().endswith(",") and not progressive:
            # "Lee spoke near the depot, where about 40 marchers had gathered, chanting “…”": a
            # crowd's chant belongs to the group just named, not to the sentence's subject
            frames.append(Frame("sv", crowd[0], ve, cue, masked[crowd[0] : crowd[1]], *crowd))
            continue
        if verb in PARTICIPLES and before.rstrip().endswith(",") and not progressive:
            # "Ann Lee praised her rival, Tom Ross, saying …": after a comma an -ing clause borrows
            # the sentence's subject; the name just before it is an object or an appositive
            frames.append(_borrowing(masked, start, vs, ve, cue, frames))
            continue
        subject = subject_at_end(before)
        aside = None if subject else _DASH_ASIDE.search(before)
        if aside:
            # "Another Varn councillor — hardly a fan of the plan — said …": an aside between dashes
            # stands between the subject and its verb
            before = _strip_aux(before[: aside.start()])
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
            after = subject_after(masked, ve, end)
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
                    s0, s1 = appositive_name(masked, s0, s1, end) or (s0, s1)
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
        after = subject_after(masked, start + match.end() - 1, end, group=True)
        if after:
            s0, s1 = after
            frames.append(Frame("according", start + match.start(), s1, "according to", masked[s0:s1], s0, s1))
    for frame in frames:
        _hand_share_to_poll(masked, start, end, frame)
    frames = [f for f in frames if not _inside_reported_clause(masked, f, frames, end)]
    frames.extend(_colon_frames(masked, start, end, frames))
    frames.sort(key=lambda f: (f.start, f.end))  # in sentence order
    return frames


# A group or a gathering as the subject of its clause, a verb after it: "about 40 marchers had
# gathered", "Lee supporters interrupted" (not the object in "Lee thanked the drivers, shouting").
_CROWD = re.compile(
    rf"(?:^|(?<=[\s,(]))({GROUP}|{DETERMINER}\s+(?:[a-z][\w-]*\s+)?(?:{'|'.join(sorted(GATHERING_NOUNS))}))"
    r"(?=\s+(?!(?:of|in|on|at|by|for|with|and|or|to|from|who|that|which)\b)[a-z])"
)


def _crowd_before(masked: str, start: int, verb_start: int) -> tuple[int, int] | None:
    """The span of the last group or gathering that is a clause's subject in the sentence before a crowd's
    verb (within a few hundred characters, so a huge sentence stays linear)."""
    found = None
    for match in _CROWD.finditer(masked, max(start, verb_start - 300), verb_start):
        found = match.span(1)
    return found


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
    if opening and opens_as_person(opening.group(1), opening.group(2)):
        s0, s1 = opening.start(1), opening.end(1)
        return Frame("sv", s0, verb_end, cue, masked[s0:s1], s0, s1)
    if (
        opening
        and " " in opening.group(1)
        and opening.group(2) not in FUNCTION_WORDS
        and looks_like_org(opening.group(1).split())
    ):
        # "The Green Party Committee released a statement, saying …": the organisation
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
        if named and opens_as_person(named.group(1), ""):
            s0, s1 = source.start(2) + named.start(1), source.start(2) + named.end(1)
        elif source.group(1).split()[0].lower() == "the" and source.group(1).split()[-1].lower() in TITLE_NOUNS:
            # "The Republican nominee also vowed …": the role of one person is someone the story
            # names, found among its people rather than as a new source ("A council official" is one)
            return Frame("participle", verb_start, verb_end, cue)
        return Frame("sv", s0, verb_end, cue, masked[s0:s1], s0, s1)
    return Frame("participle", verb_start, verb_end, cue)


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
        if label and label.group(1).lower() not in TITLE_WORDS and opens_as_person(label.group(1), ""):
            s0, s1 = offset + label.start(1), offset + label.end(1)
            found.append(Frame("sv", s0, at + 1, ":", masked[s0:s1], s0, s1))
            continue
        opening = _OPENING_SUBJECT.match(masked, clause_start, at)
        if opening and opens_as_person(opening.group(1), opening.group(2)):
            s0, s1 = opening.start(1), opening.end(1)
            found.append(Frame("sv", s0, at + 1, opening.group(2), masked[s0:s1], s0, s1))
    return found


# A share of the people asked, which a poll reports: "31% of voters", "the vast majority of Americans".
_SHARE_OF = re.compile(
    r"(?:\d[\d.,]*\s*(?:%|percent|per\s+cent)|\b(?:[Mm]ajority|[Mm]ost|[Hh]alf|[Tt]hird|[Qq]uarter|[Ss]hare|[Mm]inority))"
    r"\s+of\s+[^,.;:“”\"]{0,80}$"
)
_POLL = re.compile(rf"\b({DETERMINER}\s+(?:[\w/.’'-]+\s+){{0,5}}?(?:poll|survey)s?)\b")


def _hand_share_to_poll(masked: str, start: int, end: int, frame: Frame) -> None:
    """ "In a Varn poll, 31% of drivers said …", "Most voters say …, according to a new survey": a
    share of the people asked speaks through the poll the sentence names, which is the source."""
    if frame.kind != "sv" or frame.subject_start is None or frame.subject_end is None:
        return
    if not _SHARE_OF.search(masked, max(start, frame.subject_start - 120), frame.subject_end):
        return
    poll = _POLL.search(masked, start, end)
    if poll and not (poll.start(1) <= frame.subject_start < poll.end(1)):
        frame.subject, frame.subject_start, frame.subject_end = poll.group(1), poll.start(1), poll.end(1)


# A document someone puts out, as the object of the verb that puts it out, perhaps with its
# recipients: "issued a statement", "sent a letter to members".
_ISSUED = re.compile(
    rf"\b[a-z]+(?:ed|ent)\s+(?:out\s+)?(?:a|an|the|his|her|their|its)\s+(?:[\w-]+\s+){{0,2}}?(?:{'|'.join(sorted(DOCUMENT_NOUNS))})"
    r"(?:\s+to\s+(?:[\w’'-]+\s+){0,2}?[\w’'-]+)?(?:\s+\w+day(?:\s+(?:morning|afternoon|evening|night))?)?$"
)


# The first quotation mark or clause break after a frame.
_MARK_OR_BREAK = re.compile(r"[“\"‘]|''|[,:;.!?—–]")


def _inside_reported_clause(masked: str, frame: Frame, frames: list[Frame], end: int) -> bool:
    """ "Ann Lee said Tom Ross will continue to be “a drag on the party”": a speech frame inside
    the clause another speaker's verb reports runs straight on into a partial quotation, which is
    the reporting speaker's words; a frame that opens its own quotation with a comma or a colon
    ("Ann Lee said Tom Ross told her: “…”") keeps it."""
    if frame.kind != "sv" or frame.subject_start is None or frame.subject_end is None or frame.cue.endswith(" by"):
        return False  # "she recalled being told by a tutor that …": the agent of a passive speaks
    if re.search(r",\s*who\b", masked[frame.subject_end : frame.end]):
        return False  # "… agreed with Tom Ross, who called the plan “…”": his own clause
    # the reporting frame that ends nearest before the subject is the one a clause break would
    # have to be missing after, so one search decides (a long sentence stays linear in its frames)
    nearest = max(
        (f.end for f in frames if f is not frame and f.kind in {"sv", "inverted"} and f.end <= frame.subject_start),
        default=None,
    )
    if nearest is None or re.search(r"[.;:!?,“”\"(—–]|\bx+\b", masked[nearest : frame.subject_start]):
        return False
    # the frame runs straight on into a quotation when an opening mark comes before any break
    first = _MARK_OR_BREAK.search(masked, frame.end, end)
    return first is not None and first.group(0) in {"“", '"', "''"}


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
]
