"""The people a knowledge base knows (quoted speakers and people only mentioned), and the words that name each."""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from knowledge import Article
from knowledge.lexicon import (
    DETERMINERS,
    GENERIC_ROLE_NOUNS,
    HONORIFICS,
    NAME_PARTICLES,
    NAME_SUFFIXES,
    ORGANISATION_WORDS,
    STOPWORDS,
    TITLE_ABBREVIATIONS,
)
from knowledge.name_forms import looks_like_name, name_forms, tokens
from knowledge.text import straighten_marks

from .introductions import introductions

#: The shortest surname a misspelling of which is corrected in a question.
NAME_TYPO_MIN_LENGTH = 5
#: Up to this many articles, every one is read for what it calls its people when the
#: people are gathered (a few milliseconds each; 'the Army officer' resolves); beyond,
#: an article is read only when someone asks who a person of it is.
DESCRIBED_ARTICLES_MAX = 300
#: The most words a personal name has once titles and suffixes are off ("Ursula von der Leyen").
NAME_MAX_WORDS = 5


@dataclass
class Person:
    """Someone the knowledge base knows: a quoted speaker, or a person only mentioned."""

    name: str
    role: str | None
    quoted: bool
    aliases: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    mentioned_in: list[tuple[str, int]] = field(default_factory=list)  # (article id, paragraph)
    #: What the articles say they are beside their name ("Army officer", "Farm Bureau head").
    descriptions: list[str] = field(default_factory=list)
    introduced_in: list[tuple[str, int]] = field(default_factory=list)  # (article id, paragraph) per article
    quotations: int = 0  # how many quotations are theirs: of two people a surname names, the more quoted is meant

    @functools.cached_property
    def name_forms(self) -> list[tuple[str, ...]]:
        """Return the token sequences that name this person (full name, surname, name-like aliases)."""
        return spoken_name_forms(self.name, self.aliases)

    @functools.cached_property
    def descriptor_tokens(self) -> set[str]:
        """Return the words of the person's role and of their descriptive aliases ("the Defence Secretary").

        An abbreviated title counts as the word ("Gov. Tanaka" is the governor).
        """
        words: set[str] = set()
        for text in [self.role or "", *self.aliases, *self.descriptions, self.name]:
            words.update(TITLE_ABBREVIATIONS.get(t, t) for t in tokens(text) if t not in DETERMINERS)
            words.update(initialisms(text))
        # A personal name's own words name them, not describe them: "Bill de" is no one.
        return words - set(personal_name_words(self.name) or ())

    @functools.cached_property
    def alias_forms(self) -> set[tuple[str, ...]]:
        """Return each alias as its words without determiners ("the defence secretary" -> ("defence", "secretary"))."""
        return {tuple(t for t in tokens(a) if t not in DETERMINERS) for a in self.aliases}

    @functools.cached_property
    def acronyms(self) -> set[str]:
        """Return the acronyms in the person's role and aliases ("UCEA", "NATO"): each names them alone."""
        found: set[str] = set()
        for text in [self.role or "", *self.aliases, *self.descriptions]:
            found.update(w.lower() for w in re.findall(r"\b[A-Z]{3,}\b", text))
            found.update(initialisms(text))
        return found

    @functools.cached_property
    def head_nouns(self) -> set[str]:
        """Return the words that can name this person alone ("secretary", "spokesperson")."""
        heads = set()
        descriptive = [a for a in self.aliases if not looks_like_name(a)]
        for text in [self.role or "", *descriptive, *self.descriptions, self.name]:
            # The head of "Chair of the US Federal Reserve" is "chair"; of "US player", "player".
            head_part = re.split(r"\s(?:of|for|at|in|with|from|to)\s|[,(;]", text, maxsplit=1)[0]
            words = [t for t in tokens(head_part) if t not in STOPWORDS]
            if words:
                heads.add(TITLE_ABBREVIATIONS.get(words[-1], words[-1]))
        return heads


#: Words an organisation's name may hold in lower case without ending it ("Bureau *of* Labor Statistics").
_NAME_JOINERS = frozenset({"of", "for", "and", "the", "on", "&"})
_INITIALISM_MIN = 3


def initialisms(text: str) -> set[str]:
    """Return the initials of each run of capitalised words in ``text``, as a reader abbreviates the name.

    "director of the Harbour Civil Rights Union" gives "hcru"; "Federal Bureau of
    Investigation", "fbi" (small joining words have no initial). Shorter than three
    letters, or a word in its own right ("us"), is no abbreviation anyone relies on.
    """
    found = set()
    run: list[str] = []
    for word in [*straighten_marks(text).split(), ""]:
        bare = word.strip(".,;:()\"'")
        if bare.lower() in _NAME_JOINERS and not run:
            continue  # "The" of "The Daily Ledger" has no initial
        if bare[:1].isupper() and bare[:1].isalpha():
            run.append(bare[0].lower())
            continue
        if run and bare.lower() in _NAME_JOINERS:
            continue
        if len(run) >= _INITIALISM_MIN:
            initials = "".join(run)
            if initials not in STOPWORDS:
                found.add(initials)
        run = []
    return found


def spoken_name_forms(name: str, aliases: list[str]) -> list[tuple[str, ...]]:
    """Return the token sequences a reader may name someone by, as the article names them.

    Beyond the full name and the surname: a surname with its particles ("de Blasio"
    of "Bill de Blasio", "al Assad" of "Bashar al-Assad"), the name without its
    middle initials ("Nikki Haley" of "Nikki R. Haley"), without a title or a
    generational suffix ("Newkirk" of "Vann R. Newkirk II", "Warren" of "Sen. Warren").
    """
    forms = set(name_forms(name, aliases))
    for text in [name, *aliases]:
        words = personal_name_words(text)
        if words:
            forms.update(_forms_of(words))
    return sorted(f for f in forms if f and not all(t in STOPWORDS for t in f))


def personal_name_words(text: str) -> tuple[str, ...] | None:
    """Return the lowercase words of a personal name, titles and suffixes left out; None when ``text`` is not one.

    A name's words are capitalised, except lowercase particles ("de", "van", "al-")
    and initials ("R."); an acronym or an organisation's name is not a person's.
    """
    words = straighten_marks(text).split()
    while len(words) > 1 and _bare(words[0]) in HONORIFICS | TITLE_ABBREVIATIONS.keys():
        words = words[1:]
    while len(words) > 2 and _bare(words[-1]) in NAME_SUFFIXES:
        words = words[:-1]
    if not words or len(words) > NAME_MAX_WORDS or looks_like_organisation(" ".join(words)):
        return None
    capitalised = 0
    for word in words:
        for piece in word.rstrip(".,").split("-"):
            if len(piece) == 1 and piece.isupper():
                continue  # an initial
            if piece.lower() in NAME_PARTICLES and piece.islower():
                continue
            if not piece[:1].isupper() or piece.lower() in STOPWORDS or (piece.isupper() and len(piece) > 1):
                return None
            capitalised += 1
    found = tuple(t for t in tokens(" ".join(words)) if t not in NAME_SUFFIXES)
    return found if capitalised and found else None


def _bare(word: str) -> str:
    return word.lower().strip(".,")


def _forms_of(words: tuple[str, ...]) -> set[tuple[str, ...]]:
    """Return the forms of a name's words: whole, without initials, the surname (with its particles), first and surname."""
    core = tuple(w for w in words if len(w) > 1)
    forms = {words, core} if core else {words}
    if len(core) < 2:
        return forms
    # the surname runs from its first particle ("de Blasio", "von der Leyen"), else it is the last word
    start = next((i for i in range(1, len(core) - 1) if core[i] in NAME_PARTICLES), len(core) - 1)
    if core[0] in NAME_PARTICLES:
        start = 0  # a name given from its particle ("de Blasio")
    surname = core[start:]
    forms.update({surname, core[-1:], (core[0], core[-1])})
    if start > 0:
        forms.add((core[0], *surname))
    return forms


def _given_names(people: list[Person]) -> dict[str, Person]:
    """Return the quoted people by their given name, for the names only one person has and that are no one's surname."""
    owners: dict[str, set[str]] = {}
    surnames: set[str] = set()
    for person in people:
        words = personal_name_words(person.name)
        core = tuple(w for w in words or () if len(w) > 1)
        if len(core) < 2:
            surnames.update(core)
            continue
        owners.setdefault(core[0], set()).add(person.name)
        surnames.update(f[-1] for f in person.name_forms)
    by_name = {p.name: p for p in people}
    return {
        given: by_name[next(iter(names))]
        for given, names in owners.items()
        if len(names) == 1 and given not in surnames and by_name[next(iter(names))].quoted
    }


def named_in_article(article: Article) -> set[str]:
    """Return the canonical names of everyone ``article`` quotes or mentions."""
    return {q.speaker for q in article.quotes if q.speaker} | {m.name for m in article.mentions}


def looks_like_organisation(name: str) -> bool:
    """Return whether a name reads as an organisation ("Thames Water", "GMB", "Barclay Hunt Securities")."""
    words = [w for w in re.split(r"\s+", name.strip()) if w]
    if not words:
        return False
    if len(words) == 1 and words[0].isupper() and len(words[0]) > 1:
        return True
    return words[-1].lower().strip(".,") in ORGANISATION_WORDS


class People:
    """The people of a knowledge base (or one article): who can be named in a question."""

    def __init__(self, articles: Iterable[Article]) -> None:
        articles = list(articles)
        by_name: dict[str, Person] = {}
        for article in articles:
            quoted_names = Counter(q.speaker for q in article.quotes if q.speaker)
            for speaker in article.speakers:
                if speaker.name not in quoted_names:
                    continue
                person = by_name.get(speaker.name)
                if person is None or not person.quoted:
                    person = by_name[speaker.name] = Person(
                        speaker.name,
                        speaker.role,
                        True,
                        list(speaker.aliases),
                        [],
                        list(person.mentioned_in if person else []),
                    )
                person.articles.append(article.id)
                person.quotations += quoted_names[speaker.name]
                person.role = person.role or speaker.role
                person.aliases.extend(a for a in speaker.aliases if a not in person.aliases)
            for mention in article.mentions:
                if tokens(mention.name)[-1:] and tokens(mention.name)[-1] in GENERIC_ROLE_NOUNS:
                    continue  # "Mining Minister": a title, not a person
                person = by_name.get(mention.name)
                if person is None:
                    person = by_name[mention.name] = Person(mention.name, mention.role, False)
                person.mentioned_in.extend((article.id, p) for p in mention.paragraphs)
                if article.id not in person.articles and not person.quoted:
                    person.articles.append(article.id)
        self._articles = {a.id: a for a in articles}
        self._introduced: set[str] = set()
        if len(articles) <= DESCRIBED_ARTICLES_MAX:
            for article in articles:
                self._introduce(article, by_name)
        self.people = list(by_name.values())
        self.speakers = [p for p in self.people if p.quoted]
        self._by_name = by_name
        self.speaker_words = {w for p in self.speakers for w in p.descriptor_tokens}
        #: The quoted people's surnames long enough to tell a misspelling of them.
        self.surnames = sorted(
            {f[-1] for p in self.speakers for f in p.name_forms if len(f[-1]) >= NAME_TYPO_MIN_LENGTH}
        )
        #: A quoted person's given name, when it is theirs alone ("Hillary" of "Hillary Clinton") and no one's surname.
        self.by_given_name = _given_names(self.people)
        # Indexes so that a question is matched against the few people its words could name.
        self._by_first_word: dict[str, list[Person]] = {}
        for person in self.people:
            for first in {form[0] for form in person.name_forms}:
                self._by_first_word.setdefault(first, []).append(person)
        self._by_descriptor: dict[str, list[Person]] = {}
        for person in self.speakers:
            keys = set()
            for word in person.descriptor_tokens:
                keys.add(word)
                keys.update(word[:n] for n in range(3, len(word)))  # "fed" abbreviates "federal"
            for key in keys:
                self._by_descriptor.setdefault(key, []).append(person)

    def _introduce(self, article: Article, by_name: dict[str, Person]) -> None:
        """Add what ``article`` says its people are, and where it introduces them, to their records."""
        self._introduced.add(article.id)
        forms = {name: by_name[name].name_forms for name in named_in_article(article) if name in by_name}
        for name, intro in introductions(article, forms).items():
            person = by_name[name]
            person.descriptions.extend(d for d in intro.descriptions if d not in person.descriptions)
            person.introduced_in.append((article.id, intro.paragraph))

    def introduced_in(self, person: Person) -> list[tuple[str, int]]:
        """Return ``(article id, paragraph)`` where each of the person's articles introduces them.

        In a knowledge base too big to read every article for names when it is
        opened, their articles are read now (once).
        """
        for article_id in person.articles:
            article = self._articles.get(article_id)
            if article is not None and article_id not in self._introduced:
                self._introduce(article, self._by_name)
        return person.introduced_in

    def quoted_as(self, person: Person) -> Person | None:
        """Return the quoted person that someone only mentioned is, named more fully, in an article of theirs.

        "Debbie Wasserman Schultz", mentioned, is the "Wasserman Schultz" an article
        quotes: a quoted name of two words or more that ends the mentioned one. None
        unless exactly one quoted person fits.
        """
        words = personal_name_words(person.name)
        if person.quoted or not words:
            return None
        found = []
        for other in self.speakers:
            theirs = personal_name_words(other.name)
            if not theirs or not 2 <= len(theirs) < len(words) or words[-len(theirs) :] != theirs:
                continue
            if set(other.articles) & set(person.articles):
                found.append(other)
        return found[0] if len(found) == 1 else None

    def get(self, name: str) -> Person | None:
        """Return the person with this canonical name, or None."""
        return self._by_name.get(name)

    def named_from(self, word: str) -> list[Person]:
        """Return the people one of whose names starts with ``word``."""
        return self._by_first_word.get(word, [])

    def described_by(self, word: str) -> list[Person]:
        """Return the quoted people whose role or aliases hold ``word`` (or a word it abbreviates)."""
        return self._by_descriptor.get(word, [])
