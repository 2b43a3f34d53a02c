"""Recognises people's names, honorifics and job titles in news copy.

Rule-based: a name is a run of capitalised words (with lowercase particles such as
"van de"), a title is a run of words ending in a title noun ("Prime Minister",
"interest rate strategist", "Fed Chair"), and a role attaches to a name the three ways
news style attaches it: as a pre-modifier ("Defence Secretary John Healey"), as an
appositive after the name ("Jo Grady, the UCU general secretary,") or before it ("The
leader of Ennahda, Rachid Ghannouchi,"). Organisations and places are told apart from
people by the words they are built from (Union, Ministry, Sea ...) and by the article
"the" in front of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import (
    AUXILIARIES,
    DEMONYMS,
    GIVEN_LIKE_DEMONYMS,
    GIVEN_NAME_GENDER,
    HONORIFICS,
    INVERTING_VERBS,
    MONTHS,
    NAME_PARTICLES,
    NAME_PREFIXES,
    NAME_SUFFIXES,
    NOT_APPOSITIVES,
    NOT_NAME,
    ORG_WORDS,
    PARTY_WORDS,
    PLACE_NAMES,
    ROLE_MODIFIERS,
    STOPPED_HONORIFICS,
    TITLE_ABBREVIATIONS,
    TITLE_NOUNS,
)


def is_demonym(word: str) -> bool:
    """Return True for a nationality word ("Croatian", "Japanese", "Frenchman"), not a given name."""
    low = word.lower().strip("’'.,")
    if low in DEMONYMS:
        return True
    if not word[:1].isupper() or low in GIVEN_LIKE_DEMONYMS or low in GIVEN_NAME_GENDER:
        return False
    return len(low) >= 6 and low.endswith(("ian", "ese", "ish", "ean", "can"))


# US style puts a legislator's party and state, or the state alone, after the name: "Sen. Ann Lee
# (D-Calif.) said", "Sen. Ann Lee (Calif.) has said", "Sen. Ann Lee, D-Calif., said".
PARTY_STATE = re.compile(
    r"\s\((?:[DRI](?:-[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*){0,2})?|[A-Z][a-z]{1,4}\.|[A-Z]\.\s?[A-Z]\.)\)(?=[\s,.;:]|$)"
    r"|,\s[DRI]-[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*)?,(?=\s)"
)


def given_name_gender(name: str) -> str | None:
    """Return "m" or "f" for a full name whose first word is a common single-gender given name."""
    words = name.split()
    return GIVEN_NAME_GENDER.get(words[0].lower()) if len(words) > 1 else None


def is_name_suffix(word: str) -> bool:
    """Return True for a generational suffix that ends a name ("Jr.", "III")."""
    return word.rstrip(".,").lower() in NAME_SUFFIXES


def surname_of(name: str) -> str:
    """Return the surname of a full name: its last word before a suffix ("Casey" of "Bob Casey Jr.")."""
    words = name.split()
    while len(words) > 1 and is_name_suffix(words[-1]):
        words = words[:-1]
    return words[-1] if words else name


@dataclass(frozen=True)
class NameHit:
    """A person's name found in a text: where, the name, and what the text says about them."""

    start: int
    end: int
    name: str
    role: str | None = None
    gender: str | None = None
    possessive: bool = False


# A capitalised word, or one after a hyphenated lowercase article ("al-Awlaki").
_NAME_WORD = rf"(?:(?:{'|'.join(NAME_PREFIXES)})-)?[A-Z][\w’'-]*"


def is_name_token(word: str) -> bool:
    """Return True for a capitalised word that may be part of a person's name."""
    bare = word.rstrip(".").rstrip("’'")
    if len(bare) < 2 or not re.match(_NAME_WORD, bare) or bare.lower() in NOT_NAME:
        return False
    if bare.isupper() and len(bare) > 1 and "." not in word:
        return False  # acronyms: UCU, BMO, US
    if re.search(r"[’'](?:t|ll|re|ve|m)$", bare):
        return False  # a contraction: "Don’t", "We’ll"
    if re.search(r"-(?:[a-z]+(?:ed|ing|born|style|like)|area)$", bare):
        return False  # a compound adjective ("Qaeda-linked", "Texas-based", "Boston-area"), not "Ban Ki-moon"
    return bool(re.fullmatch(_NAME_WORD, bare)) and any(c.islower() for c in bare)


def title_head(words: list[str]) -> int:
    """Return the index of the last title noun in ``words`` (-1 if none).

    An abbreviated title counts inside a run ("Florida Sen. Marco Rubio", "former Gov. Ann Lee").
    """
    for i in range(len(words) - 1, -1, -1):
        word = words[i].lower().strip("’',")
        if word in TITLE_NOUNS or word.split("-")[-1] in TITLE_NOUNS:  # "Director-General"
            return i
        if i > 0 and word.rstrip(".") in TITLE_ABBREVIATIONS:
            return i
    return -1


def _modifier_like(word: str) -> bool:
    low = word.lower().strip("’'.,")
    return (
        low in ROLE_MODIFIERS
        or low in TITLE_NOUNS
        or low in {"the", "a", "an"}
        or word.isupper()
        or bool(re.search(r"(?:an|ese|ish|ch|i)$", low))
    )


def split_title(words: list[str]) -> tuple[list[str], list[str]]:
    """Split a capitalised run into (title words, name words).

    A title precedes a name ("Fed Chair Janet Yellen"); a run that ends in a title noun
    is a bare title only when everything before it is title-like ("UK Defence
    Secretary"), otherwise the noun is a surname ("Anne Bishop").
    """
    head = title_head(words[:-1])
    if head >= 0:
        return words[: head + 1], words[head + 1 :]
    if words and words[-1].lower().strip("’'.,") in TITLE_NOUNS and all(_modifier_like(w) for w in words[:-1]):
        return words, []
    return [], words


def clean_role(role: str) -> str | None:
    """Return a role phrase without its leading article and trailing punctuation."""
    role = re.sub(r"^(?:the|a|an)\s+", "", role.strip(" ,;:."), flags=re.I).strip()
    return role or None


# A word with a capital inside after three or more lowercase letters: "PolitiFact", "BuzzFeed".
_CAMEL_CASE = re.compile(r"[A-Z][a-z]{3,}[A-Z][\w’'-]*")


def looks_like_org(words: list[str]) -> bool:
    """Return True when a capitalised run reads as an organisation or a place."""
    if len(words) == 1 and _CAMEL_CASE.fullmatch(words[0].strip("’'.,")) and not words[0].startswith("Fitz"):
        return True  # "PolitiFact", "WikiLeaks": a brand's inner capital, unlike "McCain", "DeSantis", "MacArthur"
    lowered = [w.lower().strip("’'.,") for w in words]
    if " ".join(lowered) in PLACE_NAMES:
        return True  # "Los Angeles", "New Hampshire"
    if len(lowered) > 1 and lowered[0] in GIVEN_NAME_GENDER:
        lowered = lowered[1:]  # "Bill Richardson": a given name, not a parliamentary bill
    singular = [w[:-3] + "y" if w.endswith("ies") else w[:-1] if w.endswith("s") else w for w in lowered]
    return any(w in ORG_WORDS for w in lowered + singular)


def _capitalised_runs(text: str) -> list[list[tuple[int, str]]]:
    """Return runs of capitalised words (with name particles) as (offset, word) lists.

    A run stops at punctuation after a word, at a line break, and after a possessive.
    """
    runs: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    last_end = -1
    for match in re.finditer(r"[^\s]+", text):
        word = match.group(0)
        core = word.lstrip("“‘\"'[")
        offset = match.start() + (len(word) - len(core))
        gap = text[last_end : match.start()] if last_end >= 0 else " "
        capital = bool(re.match(_NAME_WORD, core))
        particle = core in NAME_PARTICLES and bool(current)
        if current and ("\n" in gap or core != word):
            runs.append(current)
            current = []
        if capital or particle:
            trimmed = re.sub(r"[,.;:!?”’\"')\]]+$", "", core) if not _INITIALS.fullmatch(core) else core
            possessive = re.match(r"(.+?[’']s?)[,.;:!?”\"')\]]*$", core)
            if possessive and re.search(r"[’']s?$", possessive.group(1)) and len(possessive.group(1)) > 2:
                trimmed = possessive.group(1)  # keep the mark: "Jones’s", "Kyrgios’"
            honorific = core.endswith(".") and core[:-1].lower() in HONORIFICS
            if honorific and core[:-1].lower() in STOPPED_HONORIFICS:
                trimmed = core  # "Del." is an honorific only with its stop
            suffix_stop = is_name_suffix(trimmed) and core.startswith(trimmed + ".")
            if suffix_stop:
                trimmed += "."  # "Ann Lee Jr.": the suffix keeps its stop
            current.append((offset, trimmed))
            ended = (trimmed != core and not honorific) or suffix_stop or trimmed.endswith(("’s", "'s", "’", "'"))
            if ended:
                runs.append(current)
                current = []
        elif current:
            runs.append(current)
            current = []
        last_end = match.end()
    if current:
        runs.append(current)
    return [run for run in runs if run]


# The last word of a holiday's name ("Labor Day", "Election Day", "Christmas Eve").
_DAY_WORDS = frozenset({"Day", "Eve"})

# Initials inside a name ("G.K. Butterfield", "Nikki R. Haley") and the suffixes after one ("Jr.", "III").
_INITIALS = re.compile(r"(?:[A-Z]\.)+")


def is_initials(word: str) -> bool:
    """Return True for a word of initials ("R.", "G.K.")."""
    return bool(_INITIALS.fullmatch(word))


def _initials_in_name(words: list[str], i: int) -> bool:
    """Return True for initials that a name word follows ("R." in "Nikki R. Haley"), not "U.S." alone."""
    return is_initials(words[i]) and i + 1 < len(words) and is_name_token(words[i + 1])


def find_people(text: str) -> list[NameHit]:
    """Return the people named in ``text``: full names with any role given beside them.

    Single capitalised words count only with an honorific or a title in front
    ("Mr Healey", "Brazil star Neymar"); longer runs count unless they read as an
    organisation or a place.
    """
    hits: list[NameHit] = []
    flat = PARTY_STATE.sub(lambda m: " " * len(m.group(0)), text)  # "Sen. Ann Lee (D-Calif.)"
    flat = flat.replace("(", " ").replace(")", " ")  # "(Russian President Vladimir) Putin"
    for run in _capitalised_runs(flat):
        while run and run[-1][1] in NAME_PARTICLES:
            run = run[:-1]
        while run and run[0][1].lower().strip("’'.,") in NOT_NAME:
            run = run[1:]
        if len(run) > 1 and run[0][1].lower() in INVERTING_VERBS:
            run = run[1:]  # "Said Ann Lee, …": the verb that opens the sentence
        if len(run) > 1 and _opens_with_gerund(flat, run[0]):
            run = run[1:]  # "Painting Ross as a threat, …": a participle that opens the sentence
        gender = None
        honorific = False
        while run and _honorific(run[0][1]) and len(run) > 1:
            gender = gender or HONORIFICS[run[0][1].lower().rstrip(".")]
            honorific = True
            run = run[1:]
        if not run:
            continue
        words = [w for _, w in run]
        offsets = [o for o, _ in run]
        # "Mrs May", "Mr King", "Ms April Lee": after an honorific a month, a modal or a title word is a name
        role_words, name_words = ([], words) if honorific and not _address_title(words) else split_title(words)
        if not role_words and len(words) >= 3 and is_demonym(words[0]):
            role_words, name_words = words[:1], words[1:]  # "Croatian Ivan Kovac", "Frenchman Luc Moreau"
        if not role_words and len(words) >= 3 and words[0].lower() in PARTY_WORDS:
            role_words, name_words = words[:1], words[1:]  # "Democrat Ann Lee": the party is her role
        if name_words and name_words[-1].lower().strip("’'.,") in PARTY_WORDS:
            continue  # "a Leeds Republican", "Ohio Democratic": a party, not a person
        if name_words and name_words[-1] in _DAY_WORDS and not given_name_gender(" ".join(name_words)):
            continue  # "a Labor Day picnic", "on Christmas Eve": a day, not a person ("Kristen Day" is one)
        name_offsets = offsets[len(role_words) :]
        if not name_words:
            continue
        end = name_offsets[-1] + len(name_words[-1])
        possessive = name_words[-1].endswith(("’s", "'s", "’", "'"))
        name_words = [w[:-2] if w.endswith(("’s", "'s")) else w.rstrip("’'") for w in name_words]
        while (
            name_words
            and not (honorific and not role_words)
            and not (is_name_token(name_words[0]) or _initials_in_name(name_words, 0))
        ):
            name_words, name_offsets = name_words[1:], name_offsets[1:]
        if not name_words or not all(
            is_name_token(w)
            or (honorific and not role_words and _word_after_honorific(w))
            or (
                0 < i == len(name_words) - 1 and _word_after_honorific(w) and name_words[0].lower() in GIVEN_NAME_GENDER
            )
            or w.lower() in NAME_PARTICLES
            or _initials_in_name(name_words, i)
            or (0 < i == len(name_words) - 1 and is_name_suffix(w))  # "Vann R. Newkirk II", "Ann Lee Jr."
            for i, w in enumerate(name_words)
        ):
            continue
        before = _tail(flat[: offsets[0]]).rstrip()  # lookbacks need only the words just before
        title_of = re.search(r"((?:[A-Z][\w-]*\s+)*(?:[A-Z][\w-]*|[a-z]+))\s+(?:of|for)$", before)
        titled = bool(title_of and title_of.group(1).split()[-1].lower() in TITLE_NOUNS)
        if titled and title_of and not role_words and len(name_words) > 2:
            # "Secretary of State Marco Rubio": the title's complement is not part of the name
            role_words = [title_of.group(1), before[title_of.end(1) :].strip()] + name_words[:-2]
            name_words, name_offsets = name_words[-2:], name_offsets[-2:]
        if looks_like_org(name_words):
            continue
        if (
            not role_words
            and not honorific
            and len(name_words) == 2
            and _people_word(name_words[0])
            and name_words[1].endswith("s")
            and not name_words[1].endswith("ss")
        ):
            continue  # "Tunisian Islamists", "Egyptian Copts": a people, not a person ("Susan Collins" is one)
        start = name_offsets[0]
        lower_role = _lowercase_role_before(before) if not role_words else None
        role = " ".join(role_words) if role_words else lower_role
        if len(name_words) == 1 and not role and not honorific:
            continue
        if role is None and not honorific and re.search(r"\b(?:the|The)\W*$", before):
            continue  # "the Arab Spring", "the Bardo"
        if not honorific and not titled and re.search(r"[A-Z][\w’'.-]*\s+(?:for|of)$", before):
            continue  # the tail of an organisation's or a place's name: "Institute for Fiscal Studies"
        if role is None:
            role = appositive_role(flat, end) or _role_before_appositive(flat, start)
        if role is None:
            # the organisation someone speaks for: "Ruth Kemp of FairFuel", "Dr Ann Cole of the University of Leeds"
            affiliation = re.match(
                r",?\s+(?:of|from|at)\s+(?:the\s+)?([A-Z][\w’'&.-]*(?:\s+[A-Z][\w’'&.-]*)*"
                r"(?:\s+(?:of|for|&)\s+(?:the\s+)?[A-Z][\w’'&.-]*(?:\s+[A-Z][\w’'&.-]*)*)*)",
                flat[end:],
            )
            if affiliation:
                role = affiliation.group(1).rstrip(".,")
        if role_words and role_words[-1].lower() == "counterpart":
            role = None
        gender = gender or given_name_gender(" ".join(name_words))
        hits.append(NameHit(start, end, " ".join(name_words), clean_role(role) if role else None, gender, possessive))
    return hits


# Words of faith, region or descent that make the next plural a people ("Hispanic Catholics").
_PEOPLE_WORDS = frozenset({"afghan", "arab", "asian", "catholic", "cuban", "hispanic", "islamic", "latino", "muslim"})


def _people_word(word: str) -> bool:
    """Return True for a word that makes the next plural a people ("Egyptian Copts", "Hispanic Catholics"),
    not for a given name that ends like one ("Susan Collins", "Dan Ives", "Eric Hughes")."""
    return is_demonym(word) or word.lower() in _PEOPLE_WORDS


def _opens_with_gerund(text: str, first: tuple[int, str]) -> bool:
    """Return True for an -ing word that opens a sentence ("Painting", "Holding"), not a given name ("Irving")."""
    offset, word = first
    if not word.endswith("ing") or len(word) < 6 or word.lower() in GIVEN_NAME_GENDER:
        return False
    before = text[max(0, offset - 3) : offset].strip(" “‘\"'")
    return not before or before[-1] in ".!?:\n"


# Titles an honorific addresses rather than names: "Mr President", "Madam Speaker", "Mr Chairman".
_ADDRESSED_TITLES = frozenset(
    {
        "president",
        "speaker",
        "chairman",
        "chairwoman",
        "chair",
        "secretary",
        "mayor",
        "ambassador",
        "minister",
        "prime",
        "vice",
        "deputy",
        "governor",
        "senator",
        "commissioner",
        "chancellor",
        "justice",
        "attorney",
    }
)


def _address_title(words: list[str]) -> bool:
    """Return True when an honorific addresses an office ("Mr President", "Madam Deputy Speaker")."""
    return words[0].lower().strip("’'.,") in _ADDRESSED_TITLES


def _word_after_honorific(word: str) -> bool:
    """Return True for a word that after "Mr"/"Mrs"/"Ms" or a given name is a surname though it is
    also a month, a modal verb or a title ("Mrs May", "Theresa May", "Mr Will", "Mr King")."""
    bare = word.rstrip(".").rstrip("’'")
    low = bare.lower()
    return bool(re.fullmatch(r"[A-Z][a-z]+", bare)) and (low in MONTHS or low in AUXILIARIES or low in TITLE_NOUNS)


def _honorific(word: str) -> bool:
    """Return True for an honorific before a name ("Mr", "Sen."; "Del." only with its stop)."""
    bare = word.lower().rstrip(".")
    return bare in HONORIFICS and (bare not in STOPPED_HONORIFICS or word.endswith("."))


def _tail(text: str, size: int = 300) -> str:
    """Return the last ``size`` characters of ``text``, from a word boundary.

    Lookbacks anchored at the end of a long prefix would otherwise rescan the whole
    paragraph for every name (quadratic on a 100k-character paragraph).
    """
    if len(text) <= size:
        return text
    cut = text.find(" ", len(text) - size)
    return text[cut:] if cut >= 0 else text[-size:]


def _lowercase_role_before(before: str) -> str | None:
    """Return a lowercase title run just before a name ("Norwegian defence minister")."""
    words = before.split()
    if len(words) > 1 and words[-1].lower().rstrip(".") in HONORIFICS and words[-2].lower() in TITLE_NOUNS:
        words = words[:-1]  # "senior lecturer Dr Ann Cole"
    if not words or words[-1].lower() not in TITLE_NOUNS or words[-1].lower() == "counterpart":
        return None
    taken: list[str] = []
    for word in reversed(words):
        low = word.lower()
        # "council leader", "union boss", "hospital spokesman": an institution's noun modifies the title
        if (
            (
                low in TITLE_NOUNS
                or low in ROLE_MODIFIERS
                or (low in ORG_WORDS and word.isalpha())
                or (word[0].isupper() and low not in NOT_NAME)
            )
            and len(taken) < 6
            and not word.endswith((",", ".", ";", ":"))
        ):
            taken.insert(0, word)
        else:
            break
    return " ".join(taken) if taken else None


def appositive_role(text: str, end: int) -> str | None:
    """Return the role in an appositive after a name ("Jo Grady, the UCU general secretary,")."""
    # "Ann Cole, 54, the council leader": an age may come first
    match = re.match(
        r"(?:\s*,\s+\d{1,3}(?=,))?\s*,\s+((?:the|a|an)\s+)?([^,.;:“”\"()]{2,90}?)(?=,|\.(?:\s|$)|;|$)", text[end:]
    )
    if not match:
        return None
    phrase = match.group(2)
    words = phrase.split()
    if not words or words[0].lower() in NOT_APPOSITIVES:
        return None
    if any(w.lower().strip("’'") in TITLE_NOUNS for w in words[:6]):
        return phrase
    return None


def _role_before_appositive(text: str, start: int) -> str | None:
    """Return the role in "The leader of Ennahda, Rachid Ghannouchi," (role, then name)."""
    match = re.search(r"(?:^|[.;,]\s+|\s)(?:[Tt]he|[Aa]n?)\s+([^,.;“”\"]{2,70}),\s*$", _tail(text[:start]))
    if not match:
        return None
    phrase = match.group(1)
    if title_head(phrase.split()) >= 0:
        return phrase
    return None


__all__ = [
    "PARTY_STATE",
    "NameHit",
    "appositive_role",
    "clean_role",
    "find_people",
    "given_name_gender",
    "is_demonym",
    "is_initials",
    "is_name_suffix",
    "is_name_token",
    "looks_like_org",
    "split_title",
    "surname_of",
    "title_head",
]
