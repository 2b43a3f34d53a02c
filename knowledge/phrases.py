"""The patterns of the noun phrases that may be a speech frame's subject: a person's name
("Mr Healey", "the former minister John Smith"), a source ("a spokesman for the council", "the
bank"), a group ("officials", "Tesco's lawyers") and a description ("the Frenchman", "the
24-year-old").
"""

from __future__ import annotations

import re

from .lexicon import (
    DEMONYMS,
    DOCUMENT_NOUNS,
    GROUP_NOUNS,
    HONORIFICS,
    INSTITUTION_NOUNS,
    KIN_NOUNS,
    NAME_PARTICLES,
    NAME_PREFIXES,
    NOT_MODIFIERS,
    SOURCE_DETERMINERS,
    SPOKESPEOPLE,
    STOPPED_HONORIFICS,
    TITLE_NOUNS,
    VAGUE_GROUP_NOUNS,
)
from .lexicon.people import GATHERING_NOUNS

# Head nouns of a source noun phrase: titles, spokespeople, documents, institutions, groups, gatherings.
SOURCE_NOUNS = (TITLE_NOUNS | SPOKESPEOPLE | DOCUMENT_NOUNS | INSTITUTION_NOUNS | GROUP_NOUNS | GATHERING_NOUNS) - {
    "counterpart"
}
# An honorific before a name, with or without its full stop ("Mr", "Dr."), or only with it ("Del.").
HON = (
    rf"(?:(?:{'|'.join(sorted((h.capitalize() for h in HONORIFICS.keys() - STOPPED_HONORIFICS), key=len, reverse=True))})\.?"
    rf"|(?:{'|'.join(sorted(h.capitalize() for h in STOPPED_HONORIFICS))})\.)"
)
# A capitalised word or initials ("Healey", "J.K.", "al-Awlaki"), not a possessive.
CAP = (
    r"(?:[A-Z]\.(?:[A-Z]\.)+|[A-Z]\.(?=\s+[A-Z])|"
    + rf"(?:(?:{'|'.join(NAME_PREFIXES)})-)?[A-Z][\w’'-]*(?<![’'])(?<!’s)(?<!'s))"
)
# A lowercase particle inside a name ("van", "de").
PARTICLE = rf"(?:{'|'.join(sorted(NAME_PARTICLES))})"
# A lowercase modifier before a name after "the" ("the former minister John Smith").
MODIFIER = rf"(?:(?!(?:{'|'.join(sorted(NOT_MODIFIERS))})\b)[a-z0-9][\w’'-]*)"
# A person's name: capitalised words, an honorific and particles allowed; an abbreviated title
# may stand inside the run ("Democratic Rep. Dina Titus").
PERSON = rf"(?:(?:{HON}\s+)?{CAP}(?:\s+(?:{PARTICLE}\s+)*(?:{HON}(?=\s+[A-Z])|{CAP})){{0,5}})"
# A name, perhaps with "the" and modifiers before it.
NAME = rf"(?:(?:[Tt]he\s+(?:{MODIFIER}\s+){{0,2}}?)?{PERSON})"
# An organisation's name: capitalised words with "of", "for", "and", "&", and an abbreviation in brackets.
ORG = r"[A-Z][\w’'.&-]*(?:\s+(?:[A-Z][\w’'.&-]*|and|of|for|the|&))*(?:\s+\([A-Z][\w.&’'-]*\))?"
# A determiner of a source noun phrase, or a possessive name ("Tom Ross’s").
DETERMINER = (
    r"(?:[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,3}[’']s|"
    + "|".join(f"[{w[0].upper()}{w[0]}]{w[1:]}" for w in SOURCE_DETERMINERS)
    + ")"
)
# Alternations of the nouns above, for building patterns.
SOURCE_NOUN = "|".join(sorted((re.escape(n) for n in SOURCE_NOUNS), key=len, reverse=True))
INSTITUTION = "|".join(sorted(re.escape(n) for n in INSTITUTION_NOUNS))
# What a spokesperson speaks for: "a friend of the couple", "a spokesman for the family".
KIN = "|".join(k.replace(" ", r"\s+") for k in KIN_NOUNS)
# Up to four words between a determiner and its noun; another determiner only after a preposition
# ("a source close to the", but not "one point the" of "at one point the crowd").
MODIFIERS = r"(?:(?:(?:to|of|for|with|in|at|from)\s+(?:the|a|an)|(?!(?:[Tt]he|an?)\s)[\w’'.-]+)\s+){0,4}?"
# A source noun phrase: "a spokesman for the council", "the UK Defence Secretary", "her office".
NOUN_PHRASE = (
    rf"(?:{DETERMINER}\s+{MODIFIERS}(?:{SOURCE_NOUN})(?:\s+(?:for|of|at|from|with|in|to)\s+(?:the\s+)?(?:{ORG}"
    rf"|(?:[a-z]+\s+)?(?:{INSTITUTION}))"
    rf"|\s+of\s+(?:state|defen[cs]e|staff|police|the\s+exchequer|health|justice)"
    rf"|\s+(?:of|for)\s+(?:the|his|her|their)\s+(?:{KIN}))?)"
)
# A possessive name before a noun: "Tesco’s", "the Smiths’s".
POSSESSOR = r"(?:[Tt]he\s+)?[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*[’']s\s+"
# How many of a group: "Hundreds of", "dozens of angry", "about 40", "more than 2,000".
QUANTITY = (
    r"(?:(?:[Hh]undreds|[Tt]housands|[Dd]ozens|[Ss]cores)\s+of\s+(?:[a-z][\w-]*\s+)?"
    r"|(?:(?:[Aa]bout|[Aa]round|[Nn]early|[Aa]lmost|[Ss]ome|[Mm]ore\s+than)\s+)?\d[\d,]*\s+(?:[a-z][\w-]*\s+)?)"
)
# A group: "officials", "Tesco’s lawyers", "analysts at Barclays", "the company’s board", "about 40 protesters".
GROUP = (
    rf"(?:(?:{POSSESSOR}|{QUANTITY}|(?:[A-Z][\w’'-]*\s+)+)?(?:{'|'.join(sorted(GROUP_NOUNS))}|"
    rf"{'|'.join(sorted(n.capitalize() for n in GROUP_NOUNS))})"
    rf"(?:\s+(?:at|from|of|for|with)\s+(?:the\s+)?{ORG})?"
    rf"|{POSSESSOR}(?:[a-z]+\s+)?(?:{'|'.join(sorted(n for n in INSTITUTION_NOUNS if ' ' not in n))}))"
)
# A group noun alone that may be the agent of a passive ("was praised by critics").
BARE_GROUP = "|".join(sorted(GROUP_NOUNS - VAGUE_GROUP_NOUNS))
# A word for a person by nationality.
DEMONYM = r"(?:[A-Z][a-z]+ian|[A-Z][a-z]+ese|" + "|".join(sorted(w.capitalize() for w in DEMONYMS)) + r")"
# A description that refers back to a person: "the Frenchman", "the 24-year-old".
ANAPHOR = re.compile(rf"[Tt]he\s+(?:(?:[\w-]+\s+)?{DEMONYM}|\d+-year-old(?:\s+[a-z]+)?)")


__all__ = [
    "ANAPHOR",
    "BARE_GROUP",
    "CAP",
    "DEMONYM",
    "DETERMINER",
    "GROUP",
    "HON",
    "INSTITUTION",
    "KIN",
    "MODIFIER",
    "NAME",
    "NOUN_PHRASE",
    "ORG",
    "PARTICLE",
    "PERSON",
    "POSSESSOR",
    "QUANTITY",
    "SOURCE_NOUN",
    "SOURCE_NOUNS",
]
