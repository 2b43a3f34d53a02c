"""Chooses the person a "he" or "she" before a speech verb points to, among the people the story
named in the sentences and paragraphs just before it.

Each earlier mention of a person is noted with where it stands (this sentence, this paragraph,
a paragraph back), how the sentence uses it (the subject of a clause, a possessive, an object)
and whether that person spoke there. Every person so mentioned is a candidate, described by a
few cues of news writing (recency, subjecthood, being the subject or a speaker of the sentence
just before, having just spoken, gender agreement, how often the story names them), and the
candidate with the highest weighted sum of cues wins. The weights were fitted on annotated news
(``antecedent_weights``, by scripts/train_antecedents.py).
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass
from functools import lru_cache

from .antecedent_weights import WEIGHTS
from .coreference import Cast, Entity
from .lexicon import (
    DEMONYMS,
    DOCUMENT_NOUNS,
    GROUP_NOUNS,
    INSTITUTION_NOUNS,
    NATIONALITIES,
    NOT_NAME,
    NOT_VERBS,
    PLACE_NAMES,
    SENTENCE_CONNECTIVES,
    SPOKESPEOPLE,
    SUBORDINATORS,
    TITLE_WORDS,
)
from .names import NameHit, find_people, given_name_gender, is_name_token

# How many paragraphs back a pronoun may reach for its antecedent.
REACH = 3

# Words after which a name starts a clause of its own ("… and Trump said", "… that Clinton had").
_CLAUSE_OPENERS = SUBORDINATORS | set(SENTENCE_CONNECTIVES) | {"that", "because", "if", "whether", "whom"}
# Words that open a clause inside another one: its subject is not the sentence's.
_COMPLEMENT_OPENERS = {"that", "because", "whether", "if"}
# What may stand between a subject and its verb: an aside in brackets, an appositive between
# commas or dashes ("Trump, the longtime owner of the pageant, said") or a short "of"/"at" phrase
# ("Tom Varga at the Leeds Courier agreed").
_AFTER_SUBJECT = re.compile(
    r"\s*(?:\([^()]{0,40}\)\s*)?(?:\s(?:of|at|from)\s+(?:the\s+)?(?:[A-Z][\w.’'-]*\s*){1,4})?"
    r"(?:,[^,;:]{1,160},|\s[—–-][^—–]{1,160}[—–-])?\s*([a-z][\w’'-]*)"
)
# Nouns a name may premodify ("Obama consultant Cornell Belcher", "the Clinton campaign"): the
# name is then no subject.
_NOUNS_AFTER_NAME = TITLE_WORDS | GROUP_NOUNS | INSTITUTION_NOUNS | DOCUMENT_NOUNS | SPOKESPEOPLE
# The word after each comma: past an appositive or a relative clause, a lowercase one is the verb.
_AFTER_COMMA = re.compile(r",\s*([a-z][\w’'-]*)?")
# Lowercase words after a comma that open another phrase, not the clause's verb.
_NOT_AFTER_APPOSITIVE = {"the", "a", "an", "his", "her", "their", "its", "whom", "where", "when", "then", "now", "also"}
# Capitalised words that open sentences and are no one's name.
_NOT_PERSON_WORDS = {"maybe", "perhaps", "longtime", "meanwhile", "still", "yet", "instead", "beyond"}
_TOKEN = re.compile(r"\b[A-Z][\w’'-]+")


@dataclass
class Mention:
    """One place the story names a person before the pronoun."""

    name: str  # the cast's canonical name, or the word as written for someone not yet in the cast
    back: int  # paragraphs back from the pronoun's (0: the same paragraph)
    offset: int  # where it stands in its paragraph
    sentence: int  # which sentence of its paragraph
    role: str  # "subject" | "possessive" | "other"
    spoke: bool = False  # the speaker of a speech frame there


@lru_cache(maxsize=512)
def people_in(text: str) -> tuple[NameHit, ...]:
    """``find_people`` for a sentence, remembered: the sentence rules of attribution ask about the
    same sentences again."""
    return tuple(find_people(text))


def paragraph_mentions(masked: str, sentences: list[tuple[int, int]], cast: Cast) -> list[Mention]:
    """Return the people named in one paragraph (quotations masked out), in order.

    Full names come from ``find_people``; a surname alone counts when the cast knows it, and an
    unknown capitalised word opening a sentence before a verb ("Carson defied the question")
    is taken as a name as written.
    """
    found: list[Mention] = []
    name_words = {w for person in cast.people.values() for w in person.name.split()}
    for index, (start, end) in enumerate(sentences):
        sentence = masked[start:end]
        covered: list[tuple[int, int]] = []  # the hits' spans, in order and apart
        for hit in people_in(sentence):
            covered.append((hit.start, hit.end))
            entity = cast.people.get(hit.name) or cast.person_by_name(hit.name, hit.gender)
            role = "possessive" if hit.possessive else _role(sentence, hit.start, hit.end)
            found.append(Mention(entity.name if entity else hit.name, 0, start + hit.start, index, role))
        for token in _TOKEN.finditer(sentence):
            inside = bisect.bisect_right(covered, (token.start(), len(sentence))) - 1
            if inside >= 0 and token.start() < covered[inside][1]:
                continue
            word = token.group(0)
            possessive = bool(re.search(r"[’']s?$", word))
            bare = re.sub(r"[’']s?$", "", word)
            entity = cast.person_by_surname(bare) if bare in name_words else None
            role = "possessive" if possessive else _role(sentence, token.start(), token.end())
            if _premodifies(sentence, token.end()):
                continue  # "Obama consultant Cornell Belcher": the name says whose consultant, no more
            if entity is not None:
                found.append(Mention(entity.name, 0, start + token.start(), index, role))
            elif (
                role == "subject"
                and not sentence[: token.start()].strip(" “”\"'‘’")
                and is_name_token(bare)
                and bare.lower() not in NOT_NAME
                and not bare.endswith("s")
            ):
                found.append(Mention(bare, 0, start + token.start(), index, role))
    found.sort(key=lambda m: m.offset)
    return found


def _premodifies(sentence: str, end: int) -> bool:
    """ "Obama consultant", "the Clinton campaign": a name right before a title or group noun."""
    follower = re.match(r"\s+([a-z]+)", sentence[end:])
    return follower is not None and follower.group(1) in _NOUNS_AFTER_NAME


def _role(sentence: str, start: int, end: int) -> str:
    """ "subject" when a name opens a clause and a verb follows it, else "other"."""
    if not _verb_follows(sentence, end):
        return "other"
    before = sentence[:start].split()
    while (
        before
        and (before[-1][:1].isupper() or before[-1].lower().strip(".,") in _NOUNS_AFTER_NAME)
        and not before[-1].endswith((",", ";", ":"))
    ):
        before.pop()  # "State Rep. Wendy Nanney", "former Gov. Ann Lee", "Tuesday, campaign manager Ann Lee"
    if not before:
        return "subject"
    last = before[-1]
    if last.endswith((",", ";", ":", "—", "–")) or last in {"—", "–", "-"}:
        return "subject"
    if last.lower() in _COMPLEMENT_OPENERS and len(before) > 1:
        return "other"  # "Lee said that Park had …", "… only because Park agreed": a clause inside the sentence
    return "subject" if last.lower() in _CLAUSE_OPENERS else "other"


def _verb_follows(sentence: str, end: int) -> bool:
    """Whether a verb follows the name ending at ``end``: right after it, after an aside, or after
    a relative clause or appositive that holds commas of its own ("Ann Lee, who worked for Tom
    Cole, the mayor, said")."""
    after = _AFTER_SUBJECT.match(sentence, end)
    if after and _may_be_verb(after.group(1)):
        return True
    if not sentence[end:].lstrip().startswith(","):
        return False
    commas = [m.group(1) for m in _AFTER_COMMA.finditer(sentence, end, min(len(sentence), end + 240))]
    return any(word is not None and _may_be_verb(word) for word in commas[1:])


def _may_be_verb(word: str) -> bool:
    return word not in NOT_VERBS and word not in _NOUNS_AFTER_NAME and word not in _NOT_AFTER_APPOSITIVE


def candidate_features(
    mentions: list[Mention], gender: str | None, cast: Cast, last_speaker: str | None, sentence: int
) -> list[tuple[str, dict[str, float]]]:
    """Return each person the pronoun may mean, with the cues that speak for them.

    ``mentions`` are the earlier mentions within reach, nearest last, and ``sentence`` the
    pronoun's sentence in its paragraph; people whose known gender contradicts the pronoun's,
    and sources "he" cannot mean (a document, an institution, a group), are left out.
    """
    by_name: dict[str, list[Mention]] = {}
    for mention in mentions:
        by_name.setdefault(mention.name, []).append(mention)
    latest = next((m.name for m in reversed(mentions) if m.spoke), None)
    # the last earlier sentence that names anyone: its subject and its speakers
    before = [m for m in mentions if (-m.back, m.sentence) < (0, sentence)]
    previous = [m for m in before if (-m.back, m.sentence) == (-before[-1].back, before[-1].sentence)] if before else []
    previous_subject = next((m.name for m in previous if m.role == "subject"), None)
    previous_speakers = {m.name for m in previous if m.spoke}
    order = sorted(by_name, key=lambda n: by_name[n][-1].back * 10**6 - by_name[n][-1].offset)
    out = []
    rank = 0
    for name in order:
        entity = cast.entity(name)
        known = _gender(entity)
        if known and known != gender:
            continue
        if entity is not None and (not entity.person_like or entity.category == "group"):
            continue  # "he" is one person: not a document, an institution or a group ("colleagues")
        if _no_person(name):
            continue
        seen = by_name[name]
        nearest = seen[-1]
        here = [m for m in seen if m.back == 0]
        features = {
            "rank0": float(rank == 0),
            "rank1": float(rank == 1),
            "back0": float(nearest.back == 0),
            "back1": float(nearest.back == 1),
            "same_sentence": float(nearest.back == 0 and nearest.sentence == sentence),
            "subject_of_sentence": float(any(m.role == "subject" and m.sentence == sentence for m in here)),
            "nearest_subject": float(nearest.role == "subject"),
            "nearest_possessive": float(nearest.role == "possessive"),
            "subject_here": float(any(m.role == "subject" for m in here)),
            "first_subject_here": float(bool(here) and _first_subject(mentions, 0) == name),
            "first_subject_before": float(_first_subject(mentions, 1) == name),
            "spoke_here": float(any(m.spoke for m in here)),
            "spoke_before": float(any(m.spoke and m.back > 0 for m in seen)),
            "last_speaker": float(name == last_speaker),
            "latest_speaker": float(name == latest),
            "gender_agrees": float(known is not None and known == gender),
            "she_agrees": float(known is not None and known == gender == "f"),
            "previous_sentence_subject": float(name == previous_subject),
            "spoke_previous_sentence": float(name in previous_speakers),
            "subjects_within_reach": math.log1p(sum(m.role == "subject" for m in seen)),
            "unknown_person": float(entity is None),
            "source": float(entity is not None and entity.kind == "source"),
            "mentions": math.log1p(len(entity.paragraphs)) if entity is not None else 0.0,
        }
        # someone else became the subject after this candidate's last mention, in the pronoun's paragraph
        features["superseded"] = float(
            any(
                m.back == 0
                and m.role == "subject"
                and m.name != name
                and (m.back, -m.offset) < (nearest.back, -nearest.offset)
                for m in mentions
            )
        )
        out.append((name, features))
        rank += 1
    return out


def _no_person(name: str) -> bool:
    """A capitalised word that opened a sentence but names no person: a place or a country ("Japan
    may outgrow the region"), a nationality, or an adverb ("Perhaps the plan works")."""
    low = name.lower()
    if low in PLACE_NAMES or low in NATIONALITIES or low in DEMONYMS:
        return True
    return " " not in name and (low.endswith("-") or low in _NOT_PERSON_WORDS)


def _first_subject(mentions: list[Mention], back: int) -> str | None:
    """The person who is the first subject of the paragraph ``back`` paragraphs before the pronoun's."""
    return next((m.name for m in mentions if m.back == back and m.role == "subject"), None)


def _gender(entity: Entity | None) -> str | None:
    if entity is None:
        return None
    return entity.gender or (given_name_gender(entity.name) if entity.kind == "person" else None)


def choose(candidates: list[tuple[str, dict[str, float]]]) -> str | None:
    """Return the name of the best-scoring candidate, or None when there is none."""
    best, best_score = None, float("-inf")
    for name, features in candidates:
        score = sum(WEIGHTS.get(k, 0.0) * v for k, v in features.items())
        if score > best_score:
            best, best_score = name, score
    return best


__all__ = [
    "REACH",
    "Mention",
    "candidate_features",
    "choose",
    "paragraph_mentions",
    "people_in",
]
