"""Understands a reader's question: who it names, what it asks for, and what it is about.

Everything here is plain rules over English question shapes ("what did X say about
Y", "who warned ...", "X's view on Y"), matched against the people the knowledge
base knows (canonical names, aliases, roles). Nothing is tuned to one article.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from knowledge.lexicon import (
    AUXILIARIES,
    COURTESY_HONORIFICS,
    DETERMINERS,
    GENERIC_ROLE_NOUNS,
    NAME_PARTICLES,
    OFFICE_NOUNS,
    OPINION_WORDS,
    PLAIN_SAYING_VERBS,
    PRONOUNS,
    QUALIFIED_OFFICE,
    QUESTION_SPEECH_NOUNS,
    QUESTION_VERBS,
    STOPWORDS,
    TITLE_ABBREVIATIONS,
    TOPIC_PREPOSITIONS,
)
from knowledge.name_forms import WORD, tokens
from knowledge.text import straighten_marks

from .amounts import asks_amount
from .people import NAME_TYPO_MIN_LENGTH, People, Person, looks_like_organisation
from .records import Intent, RetrievalError

#: Longest question accepted, in characters after normalisation. A reader's
#: question is a sentence or two; anything longer is pasted text, not a question.
MAX_QUESTION_CHARS = 1000


#: Verbs and nouns that ask for someone's words or views ("what did X say", "X's view on").
SPEECH_VERBS = QUESTION_VERBS
SPEECH_NOUNS = QUESTION_SPEECH_NOUNS
#: Titles written out that may stand before a name ("Senator Warren", "Governor Cuomo").
_TITLE_WORDS = frozenset(TITLE_ABBREVIATIONS.values())
#: Words that only ask for words, adding nothing to what the words are about.
PLAIN_SAYING = PLAIN_SAYING_VERBS | QUESTION_SPEECH_NOUNS


def normalise_question(text: str) -> str:
    """Return ``text`` cleaned for answering: control characters out, quotes straightened, spaces collapsed.

    Raises RetrievalError for a question that is empty, only control characters,
    or longer than MAX_QUESTION_CHARS.
    """
    if not isinstance(text, str):
        raise RetrievalError("the question must be text")
    cleaned = "".join(
        " " if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") or ch.isspace() else ch for ch in text
    )
    cleaned = unicodedata.normalize("NFC", re.sub(r"\s+", " ", cleaned)).strip()
    if not cleaned:
        raise RetrievalError('the question is empty: type a question, e.g. "what did Healey say about talks?"')
    if len(cleaned) > MAX_QUESTION_CHARS:
        raise RetrievalError(
            f"the question is too long ({len(cleaned)} characters; at most {MAX_QUESTION_CHARS}): ask one short question"
        )
    if not any(ch.isalnum() for ch in cleaned):
        raise RetrievalError('the question has no words in it: type a question, e.g. "who said ...?"')
    return cleaned


def _surface_words(text: str) -> list[tuple[str, str]]:
    """Return ``(token, surface)`` pairs: the lowercase token and the word as typed (for capitalisation).

    A middle initial is left out ("Nikki R. Haley" names whoever "Nikki Haley" does).
    """
    out = []
    for match in WORD.finditer(straighten_marks(text)):
        word = match.group(0)
        token = word.lower()
        if token.endswith("'s"):
            token = token[:-2]
        token = token.strip("'")
        if token:
            out.append((token, word))
    return [
        pair
        for n, pair in enumerate(out)
        if not (
            len(pair[1]) == 1
            and pair[1].isupper()
            and 0 < n < len(out) - 1
            and out[n - 1][1][:1].isupper()
            and out[n + 1][1][:1].isupper()
            and out[n - 1][0] not in STOPWORDS
        )
    ]


@dataclass(frozen=True)
class Question:
    """A question as understood: its intent, the person it names, and its topic.

    ``speaker`` is the canonical name of a quoted person the question names;
    ``mentioned`` the canonical name of a person it names who is in the knowledge
    base but never quoted; ``unknown_person`` the words that look like a person's
    name but match nobody. ``topic`` is what the question is about, with the
    question words and the person taken out ("talks" in "what did Healey say about
    talks?"); it is empty when the question asks for everything a person said.
    """

    text: str
    intent: Intent
    speaker: str | None = None
    mentioned: str | None = None
    unknown_person: str | None = None
    topic: str = ""
    subject: str = ""  # "what did the teenager say": the words naming a speaker no name or role matched
    described: str = ""  # "which French player said ...": the words that describe the speaker sought
    introduces: str = ""  # "who is X?": X's canonical name, or X's words when X names no one known


@dataclass(frozen=True)
class _Match:
    person: Person
    start: int
    end: int  # exclusive token index
    strength: int  # larger wins: names beat roles, longer spans beat shorter


def _match_names(words: list[str], people: People, lo: int, hi: int, *, quoted_only: bool = False) -> list[_Match]:
    """Return the places in ``words[lo:hi]`` that name someone: longer names win, quoted people break ties."""
    matches = []
    for i in range(lo, hi):
        for person in people.named_from(words[i]):
            if quoted_only and not person.quoted:
                continue
            for form in person.name_forms:
                n = len(form)
                # One word of someone only mentioned ("Water" of "Thames Water") must not
                # shadow a quoted speaker described by the same word ("Water UK spokesman").
                if not person.quoted and all(t in people.speaker_words for t in form):
                    continue
                if i + n <= hi and tuple(words[i : i + n]) == form:
                    matches.append(_Match(person, i, i + n, 100 * n + (30 if person.quoted else 10)))
    return matches


def _prefix_in(word: str, vocabulary: set[str]) -> bool:
    """Return whether ``word`` is in ``vocabulary`` or abbreviates one of its words ("fed" for "federal").

    A verb of saying abbreviates nothing: the "say" of "what did X say" is not the
    "Says" of a headline taken for a name.
    """
    if word in vocabulary:
        return True
    return len(word) >= 3 and word not in SPEECH_VERBS and any(v.startswith(word) for v in vocabulary)


def _match_role_at(words: list[str], start: int, people: People) -> list[_Match]:
    """Return role/alias matches for the noun phrase starting at ``start`` ("the Labour MP ...")."""
    while start < len(words) and (words[start] in DETERMINERS or words[start] in COURTESY_HONORIFICS):
        start += 1
    if start >= len(words):
        return []
    matches = []
    for person in people.described_by(words[start]):
        vocabulary = person.descriptor_tokens
        heads = person.head_nouns
        end = start
        described = 0
        while end < len(words) and words[end] not in STOPWORDS:
            if _prefix_in(words[end], vocabulary):
                described += 1
            elif not (described and words[end] in GENERIC_ROLE_NOUNS):
                break
            end += 1
        span = words[start:end]
        if not described:
            continue
        # One word names a person only when it is the head of their role, a whole alias
        # or an acronym; "the US" alone is not "US player".
        ends_subject = end >= len(words) or words[end] in SPEECH_VERBS or words[end] in AUXILIARIES
        if (
            len(span) == 1
            and span[0] not in heads
            and tuple(span) not in person.alias_forms
            and span[0] not in person.acronyms
            and not (ends_subject and len(people.described_by(span[0])) == 1)
        ):
            continue
        strength = 100 * len(span) + 20 + (5 if any(w in heads for w in span) else 0)
        matches.append(_Match(person, start, end, strength))
    return matches


def _best(matches: list[_Match]) -> _Match | None:
    """Return the strongest match; of equally strong ones ("Clinton" of two Clintons), the most quoted person's."""
    if not matches:
        return None
    matches.sort(key=lambda m: (-m.strength, -m.person.quotations, m.start))
    return matches[0]


def _subject_slot(words: list[str]) -> int | None:
    """Return where the subject starts in "what did X say", "how does X see", "did X mention", else None."""
    for i, word in enumerate(words[:6]):
        if word in AUXILIARIES:
            if i + 1 < len(words) and words[i + 1] not in PRONOUNS:
                return i + 1
            return None
    return None


def _is_who_question(words: list[str]) -> int | None:
    """Return the index of the speech verb in "who said ...", "which minister warned ...", else None."""
    if not words:
        return None
    if words[0] in ("who", "whom", "whose"):
        for i in range(1, min(len(words), 4)):
            if words[i] in SPEECH_VERBS or (words[i] in OPINION_WORDS and words[i - 1] in AUXILIARIES):
                return i
            if words[i] not in AUXILIARIES and words[i] not in ("first", "also", "then", "once", "ever"):
                break
        return None
    if words[0] in ("which", "what") and len(words) > 2:
        # "which French player talked about ...": a short noun phrase, then a speech verb
        for i in range(1, min(len(words), 6)):
            if words[i] in SPEECH_VERBS and words[i] not in ("see", "want", "mean", "make", "think"):
                return i if i > 1 else None
            if words[i] in AUXILIARIES:
                # "which psychologist was sceptical of ...": a view held is a view said
                if i > 1 and i + 1 < len(words) and words[i + 1] in OPINION_WORDS:
                    return i + 1
                break
    return None


def _capitalised_name(surface: list[tuple[str, str]], start: int) -> tuple[int, int] | None:
    """Return the span of capitalised words at ``start`` (a name nobody matched), else None.

    A lowercase particle inside the name belongs to it ("Bill de Blasio").
    """
    end = start
    while end < len(surface):
        token, word = surface[end]
        if word[:1].isupper() and token not in STOPWORDS:
            end += 1
        elif (
            token in NAME_PARTICLES
            and end + 1 < len(surface)
            and (surface[end + 1][1][:1].isupper() or surface[end + 1][0] in NAME_PARTICLES)
        ):
            end += 1
        else:
            break
    while end > start and surface[end - 1][0] in NAME_PARTICLES and not surface[end - 1][1][:1].isupper():
        end -= 1
    return (start, end) if any(w[:1].isupper() for _, w in surface[start:end]) else None


def understand(text: str, people: People) -> Question:
    """Return what ``text`` (a normalised question) asks: intent, named person, topic.

    The steps: read the words (a misspelt surname corrected), answer "who said ..."
    shapes, find the person the question names, and then decide whether it asks for
    their words and what about; a question naming no one known may still name
    someone unknown ("what did Boris Johnson say").
    """
    surface = _correct_names(_surface_words(text), people)
    words = [t for t, _ in surface]
    asked_who = _who_question(text, surface) or _who_is(text, surface, people) or _who_leads(text, words, people)
    if asked_who is not None:
        return asked_who
    slot = _subject_slot(words)
    match = _named_person(surface, slot, people)
    if match is not None:
        return _about_person(text, surface, match)
    return _about_no_one_known(text, surface, slot, people)


def _who_question(text: str, surface: list[tuple[str, str]]) -> Question | None:
    """Return "who said ...", "which French player warned ..." as a "who" question, else None."""
    words = [t for t, _ in surface]
    who_verb = _is_who_question(words)
    if who_verb is not None and any(_is_possessive(surface, i) for i in range(1, who_verb)):
        return None  # "what's Moreau's view on ...": a possessive's noun, not "which player viewed"
    if who_verb is None:
        return None
    topic_start = who_verb + 1
    if topic_start < len(words) and words[topic_start] in TOPIC_PREPOSITIONS | {"that", "out"}:
        topic_start += 1
    described = (
        _join([w for w in surface[1:who_verb] if w[0] not in AUXILIARIES]) if words[0] in ("which", "what") else ""
    )
    return Question(text, "who", topic=_join(surface[topic_start:]), described=described)


def _who_is(text: str, surface: list[tuple[str, str]], people: People) -> Question | None:
    """Return "who is X?", "who was the governor?" as a fact question introducing X, else None.

    X must be the whole rest of the question: a known person by name or role, or
    capitalised words naming no one known ("who is leading the inquiry?" is a fact
    question about the inquiry, and is not read here).
    """
    words = [t for t, _ in surface]
    if len(words) < 2 or words[0] not in ("who", "whom"):
        return None
    start = 1 if surface[0][1].lower().startswith("who'") else 2
    if start == 2 and words[1] not in ("is", "was", "are", "were"):
        return None
    while start < len(words) and (words[start] in DETERMINERS or _only_determiners(words[start : start + 1])):
        start += 1
    if start >= len(words):
        return None
    match = _best(
        [m for m in _match_names(words, people, start, len(words)) if m.start == start]
        + _match_role_at(words, start, people)
    )
    # what follows the name or role may only say more of what the article calls them ("... from Massachusetts")
    if match is not None and all(w in STOPWORDS or w in match.person.descriptor_tokens for w in words[match.end :]):
        person = match.person
        return Question(
            text, "fact", speaker=person.name if person.quoted else None, topic=text, introduces=person.name
        )
    span = _capitalised_name(surface, start)
    if match is None and span is not None and span == (start, len(words)):
        return Question(text, "fact", topic=text, introduces=_join(surface[start:]))
    return None


#: "who is leading / heads / runs X?": verbs of leading, and the titles of whoever leads.
LEADING_VERBS = frozenset(
    "lead leads leading led head heads heading headed run runs running ran chair chairs chairing chaired".split()
)
LEADER_NOUNS = frozenset(
    "chair chairman chairwoman chairperson head leader chief president director boss ceo commander captain".split()
)


def _who_leads(text: str, words: list[str], people: People) -> Question | None:
    """Return "who is leading the Fed?" as a question introducing the one person described as leading it, else None.

    The person's description must hold a title of leadership ("chair", "head") and
    every word naming what is led ("Fed Chair Mira Soto" leads "the Fed").
    """
    at = 1
    while at < len(words) and words[at] in AUXILIARIES:
        at += 1
    if words[:1] != ["who"] or at >= len(words) or words[at] not in LEADING_VERBS:
        return None
    led = {w for w in words[at + 1 :] if w not in STOPWORDS and w not in DETERMINERS}
    if not led:
        return None
    leaders = [
        p
        for p in people.people
        if p.descriptor_tokens & LEADER_NOUNS and led <= {TITLE_ABBREVIATIONS.get(w, w) for w in p.descriptor_tokens}
    ]
    if len(leaders) != 1:
        return None
    person = leaders[0]
    return Question(text, "fact", speaker=person.name if person.quoted else None, topic=text, introduces=person.name)


def _named_person(surface: list[tuple[str, str]], slot: int | None, people: People) -> _Match | None:
    """Return where the question names a known person, trying the likeliest places first, else None."""
    words = [t for t, _ in surface]
    match = None
    if slot is not None:
        match = _person_in_subject(surface, slot, people)
    if match is None:
        match = _person_opening_a_phrase(words, people)
    if match is None:
        match = _role_before_speech_noun(surface, people)
    if match is None:
        possessive = [
            m
            for m in _match_names(words, people, 0, len(words))
            if _is_possessive(surface, m.end - 1) and not _someone_of(surface, m)
        ]
        match = _best(possessive)
    if match is None:
        match = _best(
            [m for m in _match_names(words, people, 0, len(words), quoted_only=True) if not _someone_of(surface, m)]
        )
    if (
        match is not None
        and not match.person.quoted
        and match.end < len(words)
        and (words[match.end] in GENERIC_ROLE_NOUNS or words[match.end] in OFFICE_NOUNS)
    ):
        return None  # "the Ofwat boss", "the council's chief executive": someone of theirs, not them
    return match


def _person_in_subject(surface: list[tuple[str, str]], slot: int, people: People) -> _Match | None:
    """Return the person named where the subject goes: "what did [the defence secretary] say"."""
    words = [t for t, _ in surface]
    slot_matches = _match_names(words, people, slot, min(len(words), slot + 6))
    slot_matches = [m for m in slot_matches if _only_determiners(words[slot : m.start]) and not _someone_of(surface, m)]
    return _best(slot_matches + _match_role_at(words, slot, people))


def _person_opening_a_phrase(words: list[str], people: People) -> _Match | None:
    """Return a person named first, or after "according to", "from", "by": "Healey's view on talks", "according to Healey".

    After a bare "to" a place is meant more often than a source ("how many came to Leeds?").
    """
    for i in range(len(words)):
        if i == 0 or words[i - 1] in ("from", "by") or words[max(i - 2, 0) : i] == ["according", "to"]:
            match = _best(
                [m for m in _match_names(words, people, i, len(words)) if m.start == i]
                + _match_role_at(words, i, people)
            )
            if match:
                return match
    return None


def _role_before_speech_noun(surface: list[tuple[str, str]], people: People) -> _Match | None:
    """Return a role in the possessive before a speech noun: "what's the analyst's take on ..."."""
    words = [t for t, _ in surface]
    for i in range(1, len(words)):
        if words[i - 1] in DETERMINERS:
            # one modifier the role does not hold may come first ("the mining minister's"),
            # but not one that makes it another office ("the shadow home secretary's")
            starts = [i] if words[i] in QUALIFIED_OFFICE or i + 1 >= len(words) else [i, i + 1]
            found = [
                m
                for start in starts
                for m in _match_role_at(words, start, people)
                if _is_possessive(surface, m.end - 1) and m.end < len(words) and words[m.end] in SPEECH_NOUNS
            ]
            match = _best(found)
            if match:
                return match
    return None


def _about_person(text: str, surface: list[tuple[str, str]], match: _Match) -> Question:
    """Return the question about the person ``match`` names: for their words or a fact, and about what."""
    words = [t for t, _ in surface]
    after = [i for i in range(match.end, len(words)) if words[i] in SPEECH_VERBS or words[i] in SPEECH_NOUNS]
    before = [i for i in range(match.start) if words[i] in SPEECH_NOUNS or words[i] in ("according",)]
    asks_words = bool(after and after[0] - match.end <= 2) or bool(before) or match.start == 0
    asks_words = asks_words or _is_possessive(surface, match.end - 1)
    # "why did Alvarez vote for the ban?", "why was Walker against it?": their reasons are their words
    asks_words = asks_words or (words[0] == "why" and match.person.quoted and match.start <= 3)
    # "how many hikes does the Fed see?": an amount seen or expected is a fact, not the words said
    verb = words[after[0]] if after and after[0] - match.end <= 2 else None
    asks_words = asks_words and not (verb is not None and verb not in PLAIN_SAYING and asks_amount(text))
    intent: Intent = "said" if asks_words else "fact"
    topic = _topic_after(surface, match, after[0] if after and after[0] - match.end <= 2 else None)
    person = match.person
    if not person.quoted:
        if looks_like_organisation(person.name):
            # "how did Thames Water react": an organisation speaks through people, who may be quoted
            return Question(text, intent, topic=text)
        return Question(text, intent, mentioned=person.name if intent == "said" else None, topic=topic)
    return Question(text, intent, speaker=person.name, topic=topic)


def _about_no_one_known(text: str, surface: list[tuple[str, str]], slot: int | None, people: People) -> Question:
    """Return a question that names no known person: someone's words all the same, or a fact.

    "What did Boris Johnson say ...": the words between the auxiliary and the speech
    verb name someone (``unknown_person`` when they look like a name nobody has).
    """
    words = [t for t, _ in surface]
    speech_at = next((i for i, w in enumerate(words) if w in SPEECH_VERBS or w in SPEECH_NOUNS), None)
    if (
        slot is None
        or speech_at is None
        or not slot < speech_at <= slot + 5
        or words[speech_at - 1] in DETERMINERS  # "... cost the state": a noun, not "X stated"
        or (words[speech_at] not in PLAIN_SAYING and asks_amount(text))  # "how many does the port predict?"
    ):
        return Question(text, "fact", topic=text)
    unknown = None
    titled = words[slot] in COURTESY_HONORIFICS or words[slot] in TITLE_ABBREVIATIONS or words[slot] in _TITLE_WORDS
    span = _capitalised_name(surface, slot + (1 if titled else 0))
    subject = words[slot:speech_at]
    if _match_names(words, people, slot, speech_at):
        pass  # "Ashdown's lawyer": someone connected to a known person, not an unknown name
    elif span and span[1] == speech_at:
        unknown = " ".join(w for _, w in surface[span[0] : span[1]])
    elif (
        subject
        and len(subject) <= 3
        and subject[0] not in DETERMINERS
        and not any(w in STOPWORDS or w in SPEECH_NOUNS for w in subject)
    ):
        unknown = " ".join(w for _, w in surface[slot:speech_at])
    if unknown:
        unknown = re.sub(r"['’]s$|['’]$", "", unknown)
        known = people.by_given_name.get(unknown.lower()) if " " not in unknown else None
        if known is not None:
            # "what did Hillary say": a given name only one quoted person has
            return _about_person(text, surface, _Match(known, slot, slot + 1, 100))
    topic_from = speech_at + 1
    if topic_from < len(words) and words[topic_from] in TOPIC_PREPOSITIONS:
        topic_from += 1
    return Question(
        text, "said", unknown_person=unknown, topic=_join(surface[topic_from:]), subject=_join(surface[slot:speech_at])
    )


#: How close (rapidfuzz ratio) a word must be to a quoted person's surname to be read
#: as a misspelling of it ("Hollistor" for "Hollister"), and how long it must be.
NAME_TYPO_RATIO = 85
NAME_TYPO_RATIO_AT_NAME = 80  # for a capitalised word, or one where a subject goes ("what did Hollys say")


def _correct_names(surface: list[tuple[str, str]], people: People) -> list[tuple[str, str]]:
    """Return ``surface`` with a misspelt surname of exactly one quoted person replaced by theirs."""
    from rapidfuzz import fuzz, process

    out = list(surface)
    slot = _subject_slot([t for t, _ in surface])
    for n, (token, word) in enumerate(surface):
        if len(token) < NAME_TYPO_MIN_LENGTH or token in STOPWORDS or people.named_from(token):
            continue
        if token in SPEECH_VERBS or token in SPEECH_NOUNS or people.described_by(token):
            continue
        bar = NAME_TYPO_RATIO_AT_NAME if (word[:1].isupper() and n > 0) or n == slot else NAME_TYPO_RATIO
        close = {
            name for name, _, _ in process.extract(token, people.surnames, scorer=fuzz.ratio, score_cutoff=bar, limit=2)
        }
        if len(close) == 1:
            fixed = close.pop()
            out[n] = (fixed, fixed.capitalize() + word[len(token) :] if word[len(token) :] else fixed.capitalize())
    return out


def _someone_of(surface: list[tuple[str, str]], match: _Match) -> bool:
    """Return whether the name is a possessive of someone else: "Ashdown's lawyer", not "Healey's view"."""
    if not _is_possessive(surface, match.end - 1) or match.end >= len(surface):
        return False
    following = surface[match.end][0]
    return following not in SPEECH_NOUNS and following not in STOPWORDS


def _only_determiners(words: list[str]) -> bool:
    """Return whether ``words`` are only what may stand before a name: "the", "Mr", "Sen.", "Senator"."""
    return all(
        w in DETERMINERS or w in COURTESY_HONORIFICS or w in TITLE_ABBREVIATIONS or w in _TITLE_WORDS for w in words
    )


def _is_possessive(surface: list[tuple[str, str]], index: int) -> bool:
    word = surface[index][1].lower() if 0 <= index < len(surface) else ""
    return word.endswith("'s") or word.endswith("s'")


def _topic_after(surface: list[tuple[str, str]], match: _Match, verb: int | None) -> str:
    """Return the topic: the words after the speech verb (and its preposition), else the words around the person."""
    words = [t for t, _ in surface]
    if verb is not None and words[verb] not in PLAIN_SAYING:
        # "want the regulator to do", "think contracts are its call": the verb is part of the topic
        return _join(surface[verb:])
    if verb is not None:
        start = verb + 1
        while start < len(words) and (words[start] in TOPIC_PREPOSITIONS or words[start] in ("the", "that")):
            if words[start] == "the":
                break
            start += 1
        return _join(surface[start:])
    rest = surface[: match.start] + surface[match.end :]
    kept = [
        (t, w)
        for t, w in rest
        if t not in SPEECH_NOUNS
        and t not in ("according", "what", "how", "why", "when", "did", "does", "do", "is", "was")
    ]
    while kept and kept[0][0] in TOPIC_PREPOSITIONS | DETERMINERS | {"to", "from", "by"}:
        kept.pop(0)
    return _join(kept)


def _join(surface: list[tuple[str, str]]) -> str:
    return " ".join(w for _, w in surface).strip()


def resolve_person(text: str, people: People) -> Person | None:
    """Return the person ``text`` names: a canonical name, an alias, a surname or a role; else None."""
    wanted = " ".join(tokens(text))
    for person in people.people:
        if wanted == " ".join(tokens(person.name)) or any(wanted == " ".join(tokens(a)) for a in person.aliases):
            return person
    understood = understand(f"what did {text} say", people)
    name = understood.speaker or understood.mentioned
    return people.get(name) if name else None


def topic_without_person(question: Question, people: People) -> str:
    """Return the question's topic without the words that describe the person it names.

    In "what did Essid say about the Tunisian football team" the topic is "football
    team": "Tunisian" is in Essid's role, so it would match everything he said.
    """
    if question.intent == "fact" or not question.topic:
        return question.text if question.intent == "fact" else question.topic
    person = people.get(question.speaker) if question.speaker else None
    if person is None:
        return question.topic
    described = person.descriptor_tokens
    kept = [w for w in question.topic.split() if not set(tokens(w)) & described]
    return " ".join(kept) if any(has_words(w) for w in kept) else question.topic


def has_words(text: str) -> bool:
    """Return whether ``text`` holds a word of more than one letter."""
    return any(len(t) > 1 for t in tokens(text))
