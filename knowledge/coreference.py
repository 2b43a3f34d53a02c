"""The article's cast: the people and unnamed sources it names, and the rules that resolve every
reference (surname, honorific, pronoun, role noun, unnamed source) to one canonical name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lexicon import (
    DESCRIPTIVE_NOUNS,
    DOCUMENT_NOUNS,
    GENDER_OF_NOUN,
    GROUP_NOUNS,
    HONORIFICS,
    INSTITUTION_NOUNS,
    ORG_WORDS,
    PRONOUN_GENDER,
    PRONOUN_OF_POSSESSIVE,
    PROTAGONIST_NOUNS,
    QUALIFIED_OFFICE,
    ROLE_STOPWORDS,
    SPOKESPEOPLE,
    TITLE_NOUNS,
    TITLE_SYNONYMS,
)
from .names import (
    NameHit,
    clean_role,
    find_people,
    is_initials,
    is_name_suffix,
    is_name_token,
    looks_like_org,
    split_title,
    surname_of,
    title_head,
)
from .phrases import ANAPHOR, DETERMINER, GROUP, INSTITUTION, KIN, NAME, NOUN_PHRASE, ORG, SOURCE_NOUN


@dataclass
class Entity:
    """A person or unnamed source as the article names them."""

    name: str
    kind: str  # "person" | "source"
    role: str | None = None
    gender: str | None = None
    aliases: list[str] = field(default_factory=list)
    paragraphs: list[int] = field(default_factory=list)
    person_like: bool = True  # "he"/"she" may refer to it
    category: str = ""  # for sources: "institution", "spokesperson", "document" or "group"


class Cast:
    """Everyone the article names, and the rules that map a reference to one of them."""

    def __init__(self) -> None:
        self.people: dict[str, Entity] = {}
        self.sources: dict[str, Entity] = {}
        self.salient: list[str] = []  # most recent last
        self.topic: str | None = None  # the subject of the previous paragraph's first sentence
        self.article_text = ""

    # -- building -------------------------------------------------------------

    def learn(self, text: str, paragraph: int) -> None:
        """Record the people named in one paragraph (full names first, then short forms)."""
        hits = find_people(text)
        for hit in hits:
            if len(hit.name.split()) > 1:
                self._add_person(hit, paragraph)
        for hit in hits:
            if len(hit.name.split()) == 1:
                person = self.person_by_surname(hit.name, gender=hit.gender)
                if person is None:
                    self._add_person(hit, paragraph)
                else:
                    self._note(person, hit, paragraph)
        self._learn_counterparts(text, hits)
        self._learn_genders(text, hits)
        for person in self.people.values():
            if (
                len(person.name.split()) > 1
                and paragraph not in person.paragraphs
                and re.search(rf"\b{re.escape(surname_of(person.name))}\b", text)
            ):
                person.paragraphs.append(paragraph)

    def _add_person(self, hit: NameHit, paragraph: int) -> None:
        existing = self.people.get(hit.name) or self.person_by_surname(surname_of(hit.name), exact_first=hit.name)
        if existing is None:
            existing = Entity(hit.name, "person")
            self.people[hit.name] = existing
        self._note(existing, hit, paragraph)

    def _note(self, person: Entity, hit: NameHit, paragraph: int) -> None:
        if hit.role and not person.role:
            person.role = hit.role
        if hit.gender and not person.gender:
            person.gender = hit.gender
        if hit.role and not person.gender:
            person.gender = GENDER_OF_NOUN.get(hit.role.split()[-1].lower())
        if paragraph not in person.paragraphs:
            person.paragraphs.append(paragraph)

    def _learn_genders(self, text: str, hits: list[NameHit]) -> None:
        """ "Yellen said her term …": a his/her shortly after a subject, with no other name between."""
        for i, hit in enumerate(hits):
            if hit.possessive:
                continue
            limit = hits[i + 1].start if i + 1 < len(hits) else len(text)
            window = text[hit.end : min(limit, hit.end + 60)]
            # "her" alone may be an object (someone else); "her own", "herself" may not
            match = re.match(r"[^.!?“”\"]*?\b(his|himself|herself|her own)\b", window)
            person = self.person_by_surname(surname_of(hit.name))
            if match and person and not person.gender:
                person.gender = "m" if match.group(1) in {"his", "himself"} else "f"

    def _learn_counterparts(self, text: str, hits: list[NameHit]) -> None:
        """ "his US counterpart Donald Trump": the counterpart holds the possessor's title."""
        pattern = rf"\b(?:his|her|their)\s+((?:[A-Z][\w.]*\s+)*)counterpart,?\s+({NAME})"
        for match in re.finditer(pattern, text):
            earlier = [h for h in hits if h.end <= match.start() and h.role]
            target = [h for h in hits if h.start >= match.start(2)]
            if not earlier or not target:
                continue
            holder = self.person_by_surname(surname_of(earlier[-1].name))
            person = self.person_by_surname(surname_of(target[0].name))
            if holder is None or person is None or not holder.role or person.role:
                continue
            words = holder.role.split()
            head = title_head(words)
            title = " ".join(words[head:]) if head >= 0 else words[-1]
            qualifier = match.group(1).strip()
            person.role = f"{qualifier} {title}".strip()

    # -- lookup ---------------------------------------------------------------

    def person_by_surname(
        self, surname: str, exact_first: str | None = None, gender: str | None = None
    ) -> Entity | None:
        """Return the most recently named person whose name ends with ``surname``.

        With ``exact_first`` (a full name) only the person of that full name matches: a different
        full name with the same surname is someone else, though the same name with or without a
        middle initial, or after a stray capitalised word, is one person ("Ann B. Lee" is Ann Lee).
        Among several people of one surname, one whose known gender contradicts ``gender`` (an
        honorific's: "Mr. Lee") is passed over, and so is a "Jr." or "III" while someone of that
        surname carries no suffix: a bare surname is the elder or the only one so named.
        """
        surname = re.sub(r"[’']s?$", "", surname)
        matches = [
            person
            for person in self.people.values()
            if (person.name == surname or surname_of(person.name) == surname)
            and not (
                exact_first
                and len(person.name.split()) > 1
                and person.name != exact_first
                and not same_full_name(person.name, exact_first)
            )
        ]
        if len(matches) > 1 and gender:
            matches = [p for p in matches if not (p.gender and p.gender != gender)] or matches
        if len(matches) > 1 and not exact_first:
            matches = [p for p in matches if not is_name_suffix(p.name.split()[-1])] or matches
        found = None
        for person in matches:
            found = person if found is None or self._recency(person) >= self._recency(found) else found
        if found is None and not exact_first:
            # "Tedros" for Tedros Adhanom Ghebreyesus, "Jack" for Jack Dunmore (tabloid and sports
            # copy use given names): another word of exactly one known name
            others = [
                p
                for p in self.people.values()
                if len(p.name.split()) > 1
                and surname in _given_words(p.name)
                and (len(p.name.split()) > 2 or surname == p.name.split()[0])
            ]
            if len(others) == 1:
                found = others[0]
        return found

    def person_by_name(self, name: str, gender: str | None = None) -> Entity | None:
        """Return the most recently named person with the surname of ``name`` (a full name or a
        surname), of ``gender`` where several share it."""
        return self.person_by_surname(surname_of(name), gender=gender)

    def _recency(self, entity: Entity) -> int:
        return self.salient[::-1].index(entity.name) * -1 if entity.name in self.salient else -(10**6)

    def person_by_role(self, phrase: str, head: str | None = None) -> Entity | None:
        """Return the person whose role matches a role noun phrase ("the US president").

        The phrase's head noun (its last word unless given) must be the role's title;
        its other words must not contradict the role's ("the Russian president" is not
        the Ukrainian President).
        """
        words = [w.lower().strip("’'.,()") for w in phrase.split()]
        words = [w for w in words if w not in ROLE_STOPWORDS]
        if not words:
            return None
        head = head or words[-1]
        heads = {head} | TITLE_SYNONYMS.get(head, set())
        modifiers = set(words) - {head}
        best, best_score = None, float("-inf")  # recency scores are negative
        for person in self.people.values():
            if not person.role:
                continue
            role_words = {w.lower().strip("’'.,()") for w in person.role.split()}
            if not heads & role_words:
                continue
            role_mods = role_words - heads
            overlap = modifiers & role_words
            if modifiers and role_mods and not overlap:
                continue
            if (role_mods & QUALIFIED_OFFICE) - modifiers:
                continue  # "the Home Secretary" is not the shadow home secretary
            score = len(overlap) * 10 + (self._recency(person) if person.name in self.salient else -5)
            if score > best_score:
                best, best_score = person, score
        return best

    def source(self, name: str, *, person_like: bool, alias: str | None = None, category: str = "") -> Entity:
        """Return (creating it if new) the unnamed source or institution called ``name``."""
        entity = self.sources.get(name)
        if entity is None:
            entity = Entity(name, "source", person_like=person_like, category=category)
            self.sources[name] = entity
        if alias and alias != name and alias not in entity.aliases:
            entity.aliases.append(alias)
        return entity

    def entity(self, name: str) -> Entity | None:
        return self.people.get(name) or self.sources.get(name)

    def mark_salient(self, name: str) -> None:
        if name in self.salient:
            self.salient.remove(name)
        self.salient.append(name)

    # -- resolution -------------------------------------------------------------

    def _described(self, phrase: str) -> Entity | None:
        """ "the Frenchman" for the one person the story described as a Frenchman or as French."""
        word = phrase.split()[-1].lower()
        stems = {word, re.sub(r"(?:man|woman)$", "", word)} - {""}
        found = [
            p
            for p in self.people.values()
            if p.role and any(w.lower() in stems or w.lower().startswith(tuple(stems)) for w in p.role.split())
        ]
        return found[0] if len(found) == 1 else None

    def resolve_pronoun(self, pronoun: str) -> Entity | None:
        """Return the most recent compatible speaker or subject for a pronoun.

        ``"person"`` stands for a reference by nationality or age ("the Italian",
        "the 24-year-old"): the most recent person, whatever their gender.
        """
        low = pronoun.lower()
        if low == "person":
            for name in reversed(self.salient):
                entity = self.entity(name)
                if entity is not None and entity.kind == "person":
                    return entity
            return None
        gender = PRONOUN_GENDER.get(low)
        if low in {"he", "she"}:
            recent = [
                e
                for e in (self.entity(n) for n in list(reversed(self.salient))[:3])
                if e is not None and e.person_like and not (e.gender and e.gender != gender)
            ]
            # "His aide Tobin Quarrie would not say. “…,” he said.": the person the story made its
            # subject last, when their gender agrees or was never signalled
            if recent and (recent[0].gender == gender or (recent[0].gender is None and recent[0].kind == "person")):
                return recent[0]
            # an unnamed source of unknown gender ("told by a tutor"): the previous paragraph's
            # topic (its first sentence's subject), then someone just named whose gender is known
            # to match (not a player mentioned in passing)
            topic = self.entity(self.topic) if self.topic else None
            if topic is not None and topic.person_like and not (topic.gender and topic.gender != gender):
                return topic
            for entity in recent:
                if entity.gender == gender:
                    return entity
        for name in reversed(self.salient):
            entity = self.entity(name)
            if entity is None:
                continue
            if low in {"he", "she"}:
                if not entity.person_like:
                    continue
                if entity.gender and gender and entity.gender != gender:
                    continue
                if not entity.gender and gender:
                    entity.gender = gender
                return entity
            if low == "it" and entity.kind == "source" and not entity.person_like:
                return entity
            if low == "they" and entity.kind == "source":
                return entity
        return None

    def resolve(self, subject: str, paragraph: int) -> tuple[Entity | None, str | None]:
        """Return ``(entity, pending_role)`` for a subject as written.

        ``pending_role`` is a role noun phrase ("the Defence Secretary") that matches
        nobody yet; the caller may tie it to the next named speaker.
        """
        text = re.sub(r"\s+", " ", subject.strip(" ,"))
        low = PRONOUN_OF_POSSESSIVE.get(text.lower(), text.lower())
        if low in PRONOUN_GENDER:
            return self.resolve_pronoun(low), None
        if ANAPHOR.fullmatch(text):
            return self._described(text) or self.resolve_pronoun("person"), None
        first = text.split()[0]
        one_of = re.fullmatch(
            r"(?:[Oo]ne|[Aa]nother|[Ss]ome|[Mm]any|[Tt]wo|[Tt]hree)\s+of\s+(?:the|his|her|their|its)\s+"
            r"((?:[\w’'-]+\s+){0,3}[a-z][\w-]*s)",
            text,
        )
        if one_of:  # "one of the negotiators": a member of the group
            return self.source(one_of.group(1), person_like=True, alias=text, category="group"), None
        if re.fullmatch(GROUP, text):
            name = text[0].lower() + text[1:] if first.lower() in GROUP_NOUNS else text
            return self.source(name, person_like=False, alias=text, category="group"), None
        if re.fullmatch(NOUN_PHRASE, text):
            return self._resolve_noun_phrase(text, paragraph)
        return self._resolve_name(text, paragraph)

    def _resolve_name(self, text: str, paragraph: int) -> tuple[Entity | None, str | None]:
        org = re.search(r"([A-Z][\w’'.-]*)\s+(?:for|of|and|on|&)\s+[A-Z]", text)
        if org and (org.group(1).lower() in ORG_WORDS or looks_like_org(text.split()[-1:])):
            return self._institution(text), None
        hits = find_people(text)
        if hits and hits[-1].end >= len(text.rstrip()) - 1:
            hit = hits[-1]
            person = self.people.get(hit.name) or self.person_by_name(hit.name, hit.gender)
            if person is None:
                person = Entity(hit.name, "person", role=hit.role, gender=hit.gender)
                self.people[hit.name] = person
                person.paragraphs.append(paragraph)
            elif hit.role and not person.role:
                person.role = hit.role
            self.add_alias(person, text)
            return person, None
        text = re.sub(r"\s+of\s+[A-Z].*$", "", text) if re.search(r"[a-z]\w*\s+of\s+[A-Z]", text) else text
        words = text.split()
        determiner = words[0].lower() in {"the", "a", "an"}
        core = words[1:] if determiner else words
        while core and core[0].rstrip(".").lower() in HONORIFICS and len(core) > 1:
            core = core[1:]
        core = [w for w in core if not re.fullmatch(r"[\w-]*-ranked|\d\w*|[a-z][\w-]*", w)] or core
        known = self.person_by_surname(surname_of(" ".join(core))) if core else None
        if known is not None and len(core) <= 2:
            self.add_alias(known, text)  # "Bishop said" when the article named Anne Bishop
            return known, None
        role_words, name_words = split_title(core)
        head = len(role_words) - 1
        if not name_words:
            # only title words: "the Defence Secretary", "The UK Defence Secretary"
            return self.resolve_role(text, None, paragraph)
        name = " ".join(name_words)
        person = self.people.get(name) or self.person_by_surname(surname_of(name))
        if person is not None:
            if head >= 0 and not person.role:
                person.role = " ".join(core[: head + 1])
            self.add_alias(person, text)
            return person, None
        if (
            determiner
            or looks_like_org(name_words)
            or (len(name_words) == 1 and name_words[0].isupper())
            or not all(is_name_token(w) or w in {"de", "van", "von"} for w in name_words)
        ):
            return self._institution(("the " if determiner else "") + " ".join(core)), None
        person = Entity(name, "person", role=" ".join(core[: head + 1]) if head >= 0 else None)
        self.people[name] = person
        person.paragraphs.append(paragraph)
        return person, None

    def resolve_role(self, phrase: str, head: str | None, paragraph: int) -> tuple[Entity | None, str | None]:
        """Return ``(entity, pending_role)`` for a definite role noun phrase ("the Defence Secretary").

        In order: the person whose role matches; the person the story named just before
        who has no role yet ("Boris Johnson … the former prime minister said"); an unnamed
        person for a description rather than an office ("the dog's owner"); otherwise the
        phrase stays pending, to be tied to the next named speaker (a lede's "the Defence
        Secretary has said").
        """
        person = self.person_by_role(phrase, head=head)
        if person is not None:
            self.add_alias(person, phrase)
            self._enrich_role(person, phrase)
            return person, None
        words = phrase.split()
        noun = (head or words[-1]).lower().strip("’'.,")
        for name in reversed(self.salient):
            entity = self.entity(name)
            if entity is None or entity.kind != "person":
                continue
            if (
                not entity.role
                and entity.paragraphs
                and paragraph - max(entity.paragraphs) <= 1
                and noun not in DESCRIPTIVE_NOUNS
            ):
                entity.role = clean_role(phrase)
                self.add_alias(entity, phrase)
                return entity, None
            break
        if noun in PROTAGONIST_NOUNS and re.match(r"[Tt]he\s", phrase):
            # "the actor", "the star": a feature's second reference to the person it is about
            main = max(
                (e for e in self.people.values() if e.kind == "person"), key=lambda e: len(e.paragraphs), default=None
            )
            if main is not None and len(main.paragraphs) >= 3:
                self.add_alias(main, phrase)
                return main, None
        if noun in DESCRIPTIVE_NOUNS or re.search(r"[’']s\b", phrase):
            name = re.sub(r"^(?:[Tt]he|[Hh]is|[Hh]er|[Tt]heir)\s+", "the ", phrase)
            return self.source(name, person_like=True, alias=phrase, category="spokesperson"), None
        return None, phrase

    def _institution(self, text: str) -> Entity:
        """ "the Fed" -> "the Federal Reserve" when the article spells out the longer name."""
        article = "the " if re.match(r"[Tt]he\s", text) else ""
        name = re.sub(r"^[Tt]he\s+", "", text)
        first = name.split()[0]
        longer = re.search(rf"\b({re.escape(first)}[a-z]+(?:\s+[A-Z][\w’'-]*)+)", self.article_text)
        if longer and len(name.split()) == 1 and not first.isupper():
            name = longer.group(1)
        return self.source(article + name, person_like=False, alias=text, category="institution")

    def _resolve_noun_phrase(self, text: str, paragraph: int) -> tuple[Entity | None, str | None]:
        match = re.fullmatch(
            rf"({DETERMINER})\s+((?:[\w’'.-]+\s+){{0,4}}?)({SOURCE_NOUN})(?:\s+(?:for|of|at|from|with|in|to)\s+(?:the\s+)?"
            rf"({ORG}|(?:[a-z]+\s+)?(?:{INSTITUTION}))"
            rf"|\s+of\s+(?:state|defen[cs]e|staff|police|the\s+exchequer|health|justice)"
            rf"|\s+(?:of|for)\s+(?:the|his|her|their)\s+(?:{KIN}))?",
            text,
        )
        if not match:
            return None, None
        determiner, modifiers, noun, org = (
            match.group(1).lower(),
            match.group(2).strip(),
            match.group(3),
            match.group(4),
        )
        noun_low = noun.lower()
        if noun_low in TITLE_NOUNS and noun_low not in SPOKESPEOPLE and determiner in {"the", "his", "her", "their"}:
            person = self.person_by_role(text, head=noun_low)
            if person is not None:
                self.add_alias(person, text)
                self._enrich_role(person, text)
                return person, None
            if not org:
                return self.resolve_role(text, noun_low, paragraph)
        if noun_low in SPOKESPEOPLE or noun_low in TITLE_NOUNS:
            owner = None
            if re.search(r"[’']s$", determiner):  # "Tom Ross’s spokesman"
                owner = re.sub(r"[’']s$", "", match.group(1))
            if org:
                abbreviation = re.search(r"\(([A-Z][\w.&’'-]*)\)$", org)
                owner = abbreviation.group(1) if abbreviation else re.sub(r"^the\s+", "", org)
            elif modifiers and re.search(r"[A-Z]", modifiers):
                owner = " ".join(w for w in modifiers.split() if w[0].isupper())
            name = f"{owner} {noun_low}" if owner else f"{modifiers.lower()} {noun_low}".strip()
            kin = re.search(rf"\s+(of|for)\s+(?:the|his|her|their)\s+({KIN})$", text)
            if kin and not owner:  # "a spokesman for the family", "a friend of the couple"
                name = f"{name} {kin.group(1)} the {kin.group(2)}"
            entity = self.source(name, person_like=True, alias=text, category="spokesperson")
            entity.gender = entity.gender or (GENDER_OF_NOUN.get(noun_low) if noun_low in SPOKESPEOPLE else None)
            return entity, None
        if noun_low in DOCUMENT_NOUNS:
            # "the Kestrel Institute report stated": a capitalised modifier names the author
            named = " ".join(w for w in modifiers.split() if w[0].isupper()) if modifiers else ""
            author = org or named or self._document_author(noun_low)
            name = f"{re.sub(r'^the ', '', author)} {noun_low}" if author else f"the {noun_low}"
            return self.source(name, person_like=False, alias=text, category="document"), None
        phrase = f"{modifiers} {noun}".strip()
        if org:
            phrase = f"{phrase} of {org}"
        elif determiner in {"his", "her", "their"}:
            # "her office said": the office of the person the pronoun points to
            possessor = self.resolve_pronoun(PRONOUN_OF_POSSESSIVE[determiner])
            if possessor is not None:
                return self.source(
                    f"{possessor.name}’s {phrase}", person_like=False, alias=text, category="institution"
                ), None
        elif determiner == "the" and noun_low in INSTITUTION_NOUNS and not re.search(r"[A-Z]", modifiers):
            # "Acme Corp said …" then "the company added": the institution the story is about
            for name in reversed(self.salient):
                known = self.entity(name)
                if known is not None and known.category == "institution" and re.search(r"[A-Z]", name):
                    self.add_alias(known, text)
                    return known, None
        return self.source("the " + phrase, person_like=False, alias=text, category="institution"), None

    def _document_author(self, noun: str) -> str | None:
        match = re.search(rf"\b[Tt]he\s+{noun}\s+(?:by|from|of)\s+(?:the\s+)?({ORG})", self.article_text)
        return match.group(1) if match else None

    def _enrich_role(self, person: Entity, phrase: str) -> None:
        """ "the UK Defence Secretary" for someone known as "Defence Secretary": keep the fuller role."""
        role = clean_role(phrase)
        if not role or not person.role:
            return
        known = {w.lower() for w in person.role.split()}
        given = {w.lower() for w in role.split()}
        if known < given and all(w[:1].isupper() or w.lower() in known for w in role.split()):
            person.role = role

    def add_alias(self, entity: Entity, text: str) -> None:
        text = text.strip()
        if (
            text
            and text.lower() != entity.name.lower()
            and text.lower() not in PRONOUN_GENDER
            and text.lower() not in {a.lower() for a in entity.aliases}
        ):
            entity.aliases.append(text)


def same_full_name(known: str, new: str) -> bool:
    """Whether two full names of one surname name one person: equal once middle initials are left
    out ("Ann B. Lee", "Ann Lee"), or one is the other after a stray capitalised word ("Rival Ann
    Lee"). A generational suffix must agree ("Tom Lee Jr." is not Tom Lee)."""
    if known.lower().endswith(" " + new.lower()) or new.lower().endswith(" " + known.lower()):
        return True
    known_initials = [w for w in known.split() if is_initials(w)]
    new_initials = [w for w in new.split() if is_initials(w)]
    known_core = [w for w in known.split() if not is_initials(w)]
    new_core = [w for w in new.split() if not is_initials(w)]
    # "Tom A.B. Lee" and "Tom C. Lee" are two people; "Ann Lee" and "Ann B. Lee" one
    agree = not known_initials or not new_initials or known_initials == new_initials
    return agree and known_core == new_core and len(new_core) > 1


def _given_words(name: str) -> list[str]:
    """Return the words of a full name before its surname ("Tedros Adhanom" of "Tedros Adhanom Ghebreyesus")."""
    words = name.split()
    return words[: words.index(surname_of(name))] if surname_of(name) in words else words[:-1]


__all__ = [
    "Cast",
    "Entity",
    "same_full_name",
]
