"""The one answering API every surface uses: questions in, verbatim attributed passages out."""

from __future__ import annotations

import functools
import logging
import os
import re
import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from knowledge import Article

from .question import (
    HONORIFICS,
    SPEECH_NOUNS,
    SPEECH_VERBS,
    People,
    Person,
    Question,
    normalise_question,
    tokens,
    understand,
)
from .ranking import Scored, SearchIndex, is_near_duplicate, stem, terms
from .records import Answer, ArticleRef, ArticleSummary, Passage, RetrievalError, SpeakerSummary
from .units import Unit

if TYPE_CHECKING:
    from .embedding import Embedder
    from .store import KnowledgeBase

log = logging.getLogger(__name__)

#: The honest no-answer rule. Confidence is the best cosine similarity between the
#: question's topic (the person's name and description taken out) and a candidate
#: passage. A topic the article's text mentions (every content word of it occurs
#: there) needs the lower bar; a topic it never mentions needs the higher one.
#: (high, low) per intent; calibrated on the development questions (answerable
#: against "kind: none"), one rule for every article.
#: How much of a topic the articles must mention for it to count as discussed: all of
#: a short "said about" topic; more than half of a whole question's content words.
DISCUSSED_SHARE = {"said": 1.0, "who": 0.5, "fact": 0.5}
MIN_SIMILARITY = {"said": (0.30, -1.0), "who": (0.35, 0.15), "fact": (0.52, 0.30)}
#: A fact answer must share more than this share of the question's content words with
#: one of the passages shown, unless it is at least this similar in meaning: "who won
#: the women's final?" is not answered by "this win is for her".
FACT_MIN_COVERAGE = 1 / 3
FACT_SURE_SIMILARITY = 0.62
#: A quotation outranks a paragraph that reports the same person by this much.
QUOTE_BONUS = 0.05
#: In a fact question that names no one, a paragraph outranks a quotation by this much.
NARRATION_BONUS = 0.04
#: In a fact question that names someone, their words outrank others' by this much.
SPEAKER_BONUS = 0.05
#: In "which French player said ...", the words of a speaker's description found
#: around their name in the articles earn their passages up to this much.
DESCRIBED_BONUS = 0.12
#: A question asking for an amount, a time or a score ("how many", "when did")
#: favours passages that hold a number by this much.
NUMBER_BONUS = 0.06
_QUANTITY_QUESTION = re.compile(
    r"\b(?:how (?:many|much|long|far|old|big|high|large|often|fast)|when (?:did|was|were|is|will|does|do)|"
    r"what (?:year|date|time|day|percentage|proportion|share|score|range|amount|price|figure|rate)|score)\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"hundreds?|thousands?|millions?|billions?|dozens?|half|quarter|third|fifth|monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|"
    r"november|december|yesterday|today|last (?:week|month|year))\b",
    re.IGNORECASE,
)
#: Above this many candidates a question scores only a shortlist exactly: the nearest
#: passages in meaning (KnowledgeBase.nearest) and the best in words (BM25).
SHORTLIST_ABOVE = 20_000
SHORTLIST_SEMANTIC = 200
SHORTLIST_LEXICAL = 200
#: Passages scoring below this fraction of the best one are not worth showing next to it.
RELATIVE_FLOOR = 0.3


# Verbs that report speech next to the speaker's name ("Healey said", "said Azzouz").
ATTRIBUTION_VERBS = frozenset(
    "said says told tells added adds stated declared warned warns insisted noted wrote argued argues claimed "
    "claims acknowledged admitted asked replied joked explained explains according conceded vowed urged "
    "revealed reveals announced announces confirmed confirms stressed stresses cautioned cautions insists "
    "recalled recalls predicted predicts suggested suggests described describes".split()
)


# A paragraph opening "He said ...", "She refused to blame ...", "They also warned ...".
_PRONOUN_REPORT = re.compile(
    r"(?:He|She|They)\s+(?:also\s+|later\s+|then\s+|had\s+|has\s+)?(?:"
    + "|".join(
        "said says told tells added adds admitted admits insisted insists warned warns argued argues claimed claims "
        "refused refuses rejected rejects dismissed dismisses denied denies called calls blamed blames criticised "
        "criticized described describes explained explains stressed stresses revealed reveals suggested suggests "
        "urged urges accused accuses acknowledged conceded noted wrote writes announced announces confirmed "
        "predicted vowed promised".split()
    )
    + r")\b"
)


@dataclass
class _Scope:
    """What one article filter (or the whole knowledge base) holds, prepared for answering.

    Every unit number in it is an index into ``index``, the search index it was built from.
    """

    index: SearchIndex
    articles: list[Article]
    people: People
    units: np.ndarray  # indices into the search index
    paragraph_speaker: dict[int, str]  # paragraph unit index -> speaker it reports
    vocabulary: set[str]  # every BM25 term of the articles' text
    quotes_by: dict[str, np.ndarray]  # speaker -> their quotation units
    reports_of: dict[str, np.ndarray]  # speaker -> paragraph units reporting them
    attributed: np.ndarray  # every quotation unit with a speaker, and every reporting paragraph
    profiles: dict[str, list[Counter[str]]] = field(default_factory=dict)  # speaker -> terms of paragraphs about them


class Answerer:
    """Answers questions about the articles of a knowledge base with verbatim, attributed passages.

        >>> answerer = Answerer.open()
        >>> answer = answerer.ask("what did Healey say about talks?")
        >>> answer.answers[0].speaker
        'John Healey'
    """

    def __init__(self, kb: KnowledgeBase, embedder: Embedder) -> None:
        self.kb = kb
        self.embedder = embedder
        self._lock = threading.Lock()
        self._index: SearchIndex | None = None
        self._indexed: int | None = None
        self._scopes: dict[str | None, _Scope] = {}
        self._numbers: tuple[SearchIndex, np.ndarray] | None = None

    @classmethod
    def open(
        cls,
        *,
        db: str | Path | None = None,
        knowledge: Sequence[str | Path] | None = None,
        model: str | None = None,
    ) -> Answerer:
        """Return an Answerer over a knowledge base.

        ``knowledge``: answer from exactly these article files (read into memory; their
        embeddings are looked up in and saved to the embedding cache by content hash,
        so a second run embeds nothing); ``db``: the knowledge base in that existing
        SQLite file, or in ``$ONRECORD_DB`` (a missing one is an error, and nothing is
        created); neither: the default knowledge base, made on first use with the
        bundled article.
        ``model`` names the embedding model (default: the bundled all-MiniLM-L6-v2).
        Raises RetrievalError (or KnowledgeError for an unreadable article).
        """
        from knowledge import bundled_article_path

        from .embedding import get_embedder
        from .store import DB_ENV, KnowledgeBase, default_cache_path, default_db_path

        if db is not None and knowledge:
            raise RetrievalError("give either a knowledge base file or article paths, not both")
        if db is None and not knowledge and os.environ.get(DB_ENV, "").strip():
            db = default_db_path()  # configured by $ONRECORD_DB: a file of the user's, as with --db (and the bot)
        if db is not None:
            db = Path(db).expanduser()
            if not db.exists():
                raise RetrievalError(f"no knowledge base at {db}: create it with `onrecord ingest ARTICLE --db {db}`")
        embedder = get_embedder(model)
        if knowledge:
            kb = KnowledgeBase.in_memory(list(knowledge), embedder, cache_path=default_cache_path())
        elif db is not None:
            kb = KnowledgeBase.open(db, embedder, create=False)
        else:
            kb = KnowledgeBase.open(default_db_path(), embedder, create=True)
            if not kb.articles:
                log.info("the default knowledge base is empty; adding the bundled article")
                kb.ingest([bundled_article_path()])
        return cls(kb, embedder)

    # -- preparation --------------------------------------------------------------------

    def _prepared(self) -> SearchIndex:
        """Return the search index, (re)built when the knowledge base has changed."""
        with self._lock:
            # The generation first: a change landing while units and vectors are read
            # bumps it afterwards, so the next question re-indexes.
            signature = self.kb.generation
            units, vectors = self.kb.units, self.kb.vectors
            if self._index is None or self._indexed != signature:
                self._index = SearchIndex(units, vectors)
                self._indexed = signature
                self._scopes = {}
            return self._index

    def _scope(self, article: str | None) -> _Scope:
        index = self._prepared()
        with self._lock:
            scope = self._scopes.get(article)
            if scope is not None and scope.index is index:
                return scope
        if article is None:
            articles = list(self.kb.articles)
        else:
            found = self._article(article)
            articles = [found]
        ids = {a.id for a in articles}
        people = People(articles)
        units = [i for i, u in enumerate(index.units) if u.article_id in ids]
        speakers_of: dict[str, list[Person]] = {}
        for person in people.speakers:
            for article_id in person.articles:
                speakers_of.setdefault(article_id, []).append(person)
        quoted_at: dict[tuple[str, int], set[str]] = {}
        for a in articles:
            for q in a.quotes:
                if q.speaker and q.kind != "pullquote":
                    for p in q.paragraphs:
                        quoted_at.setdefault((a.id, p), set()).add(q.speaker)
        # once per article, not once per paragraph
        forms_by_article = {article_id: _speaker_forms(speakers) for article_id, speakers in speakers_of.items()}
        paragraph_speaker: dict[int, str] = {}
        quotes_by: dict[str, list[int]] = {}
        for i in units:
            unit = index.units[i]
            if unit.kind == "quote":
                if unit.speaker:
                    quotes_by.setdefault(unit.speaker, []).append(i)
                continue
            quoted = quoted_at.get((unit.article_id, unit.paragraphs[0]), set())
            speaker = _reported_speaker(
                unit, quoted, speakers_of.get(unit.article_id, []), forms_by_article.get(unit.article_id, {})
            )
            if speaker:
                paragraph_speaker[i] = speaker
        # "He admitted his side had been second best ...": a paragraph that opens with a
        # pronoun and a reporting verb carries on reporting whoever the paragraph before reported.
        at = {(index.units[i].article_id, index.units[i].paragraphs[0]): int(i) for i in units if index.units[i].kind == "paragraph"}
        for i in units:
            unit = index.units[i]
            if unit.kind != "paragraph" or i in paragraph_speaker or not _PRONOUN_REPORT.match(unit.text):
                continue
            before = at.get((unit.article_id, unit.paragraphs[0] - 1))
            if before is not None and before in paragraph_speaker:
                carried = paragraph_speaker[before]
                pronoun = unit.text.split(None, 1)[0]
                gender = _gender(people.get(carried))
                if (pronoun == "He" and gender == "f") or (pronoun == "She" and gender == "m"):
                    continue  # "She refused ..." after a man's words is someone else
                paragraph_speaker[int(i)] = carried
        reports_of: dict[str, list[int]] = {}
        for i, speaker in paragraph_speaker.items():
            reports_of.setdefault(speaker, []).append(i)
        if article is None:
            vocabulary = index.vocabulary()
        else:
            vocabulary = {t for a in articles for p in a.paragraphs for t in terms(p.text)}
        as_array = lambda xs: np.asarray(xs, dtype=np.int64)  # noqa: E731
        scope = _Scope(
            index,
            articles,
            people,
            as_array(units),
            paragraph_speaker,
            vocabulary,
            {k: as_array(v) for k, v in quotes_by.items()},
            {k: as_array(v) for k, v in reports_of.items()},
            as_array(sorted([i for v in quotes_by.values() for i in v] + list(paragraph_speaker))),
        )
        with self._lock:
            # A knowledge base changed meanwhile has a new index: this scope is not for it.
            if self._index is index:
                self._scopes[article] = scope
        return scope

    def _article(self, article_id: str) -> Article:
        found = next((a for a in self.kb.articles if a.id == article_id), None)
        if found is None:
            known = ", ".join(a.id for a in self.kb.articles[:5]) or "none"
            raise RetrievalError(f"no article {article_id!r} in the knowledge base (articles: {known})")
        return found

    # -- answering ----------------------------------------------------------------------

    def ask(self, question: str, *, k: int = 3, article: str | None = None) -> Answer:
        """Return the Answer to ``question``: up to ``k`` verbatim passages, or an honest no-answer.

        ``article`` limits the answer to one article id. Raises RetrievalError for an
        empty, over-long or wordless question, or an unknown article.
        """
        text = normalise_question(question)
        k = max(1, int(k))
        scope = self._scope(article)
        if not scope.articles:
            raise RetrievalError("the knowledge base has no articles yet: add one with `onrecord ingest PATH`")
        understood = understand(text, scope.people)
        log.debug("understood %r as %s", text, understood)
        if not understood.speaker and not understood.mentioned and understood.subject:
            # "what did the teenager say", "did councils comment": someone the article
            # describes so around their name, though not in their name or role
            found = self._described_person(understood.subject, scope)
            if found is not None:
                understood = replace(understood, speaker=found, unknown_person=None)
        if understood.unknown_person:
            return self._unknown_person(understood, scope)
        if understood.mentioned:
            return self._mentioned_only(understood, scope.people.get(understood.mentioned), scope)
        if understood.intent == "said" and understood.speaker and not _about_anything(understood.topic, scope):
            return self._everything_by(understood, scope, k)
        return self._search(understood, scope, k)

    def _search(self, question: Question, scope: _Scope, k: int) -> Answer:
        index = scope.index
        candidates, attributed = self._candidates(question, scope)
        topic = _topic_without_person(question, scope.people)
        # One embedding per question (the answer must cost little more than it). A
        # question about what a named person said, or about who said something, is
        # embedded as its topic alone: the name would only favour paragraphs that
        # repeat it, and would make any topic look answerable. Other questions are
        # embedded whole: they read like the passages that answer them.
        focused = question.intent == "said" and question.speaker is not None
        query = topic if focused and topic else question.text
        vector = self.embedder.encode_query(query)
        lexical = index.lexical(topic or question.text)
        candidates = self._shortlist(index, candidates, vector, lexical)
        bonus = None
        if len(candidates):
            is_quote = index.is_quote[candidates]
            if question.intent != "fact":
                bonus = QUOTE_BONUS * is_quote
            elif not question.speaker:
                # a fact is told by the reporter's narration more often than inside someone's quotation
                bonus = NARRATION_BONUS * ~is_quote
            else:
                theirs = np.isin(candidates, scope.quotes_by.get(question.speaker, candidates[:0]))
                theirs |= np.isin(candidates, scope.reports_of.get(question.speaker, candidates[:0]))
                bonus = SPEAKER_BONUS * theirs
            if question.intent == "fact" and _QUANTITY_QUESTION.search(question.text):
                bonus = (0 if bonus is None else bonus) + NUMBER_BONUS * self._has_number(index)[candidates]
        described = question.intent == "who" and bool(question.described)
        limit = max(50, 4 * k) if described else max(10, 4 * k)
        ranked, confidence = index.rank(candidates, vector, topic or question.text, bonus=bonus, limit=limit, lexical=lexical)
        if described and ranked:
            # "which French player said ...": among the best passages, favour speakers so described
            shown = np.asarray([r.index for r in ranked], dtype=np.int64)
            extra = DESCRIBED_BONUS * self._described_share(question.described, shown, scope)
            ranked = sorted(
                (Scored(r.index, r.semantic, r.lexical, r.score + float(e)) for r, e in zip(ranked, extra)),
                key=lambda r: -r.score,
            )
        chosen = _pick(ranked, index.units, k, index.quotation_of)
        discussed = _discussed(query, scope, DISCUSSED_SHARE[question.intent])

        high, low = MIN_SIMILARITY[question.intent]
        unsupported = (
            question.intent == "fact"
            and bool(chosen)
            and confidence < FACT_SURE_SIMILARITY
            and _coverage(question.text, [index.units[c.index].text for c in chosen]) <= FACT_MIN_COVERAGE
        )
        if not chosen or confidence < (low if discussed else high) or unsupported:
            log.debug("confidence %.3f (topic discussed: %s) is under the bar", confidence, discussed)
            return Answer(
                question=question.text,
                speaker=question.speaker,
                intent=question.intent,
                no_answer=True,
                message=self._nothing_message(question, scope),
            )
        passages = [self._passage(index.units[s.index], s.score, attributed.get(s.index)) for s in chosen]
        speaker = question.speaker
        if question.intent == "who":
            speaker = passages[0].speaker
        return Answer(question=question.text, speaker=speaker, intent=question.intent, no_answer=False, message=None, answers=passages)

    def _shortlist(self, index: SearchIndex, candidates: np.ndarray, vector: np.ndarray, lexical: np.ndarray) -> np.ndarray:
        """Return the candidates worth scoring exactly: all of them, or in a big knowledge base a shortlist.

        Beyond SHORTLIST_ABOVE candidates, scoring every one (a copy and a product over
        every vector) costs more than embedding the question. The shortlist is the
        SHORTLIST_SEMANTIC nearest by ``KnowledgeBase.nearest`` (its cosines are exact)
        and the SHORTLIST_LEXICAL best by BM25: a passage outside both is too far in
        meaning and too poor in words to reach the answer's top places.
        """
        with self._lock:
            current = index is self._index and self._indexed == self.kb.generation
        if len(candidates) <= SHORTLIST_ABOVE or not current:
            return candidates
        rows = None if len(candidates) == len(index) else candidates
        near, _ = self.kb.nearest(vector, SHORTLIST_SEMANTIC, rows=rows)
        words = lexical[candidates]
        matched = min(SHORTLIST_LEXICAL, int(np.count_nonzero(words)))
        best_words = candidates[np.argpartition(-words, matched - 1)[:matched]] if matched else candidates[:0]
        return np.union1d(near, best_words)

    def _has_number(self, index: SearchIndex) -> np.ndarray:
        """Return, per unit of the index, whether its text holds a number, a date or a day (computed once)."""
        with self._lock:
            cached = self._numbers
        if cached is None or cached[0] is not index:
            flags = np.fromiter((bool(_NUMBER.search(u.text)) for u in index.units), dtype=bool, count=len(index.units))
            cached = (index, flags)
            with self._lock:
                self._numbers = cached
        return cached[1]

    def _described_share(self, described: str, candidates: np.ndarray, scope: _Scope) -> np.ndarray:
        """Return, per candidate, the share of the description's words found around its speaker's name.

        "Which French player ...": a speaker counts as French when "French" or
        "France" is in their role or aliases or in a paragraph that names them.
        """
        wanted = set(terms(described))
        if not wanted:
            return np.zeros(len(candidates))
        index = scope.index
        shares: dict[str, float] = {}
        out = np.zeros(len(candidates))
        for j, i in enumerate(candidates):
            unit = index.units[int(i)]
            speaker = unit.speaker if unit.kind == "quote" else scope.paragraph_speaker.get(int(i))
            if not speaker:
                continue
            if speaker not in shares:
                profile = self._profile(speaker, scope)
                shares[speaker] = len(wanted & profile) / len(wanted)
            out[j] = shares[speaker]
        return out

    def _described_person(self, subject: str, scope: _Scope) -> str | None:
        """Return the quoted person the article describes with the words of ``subject``, if one stands out.

        Each speaker scores the number of paragraphs naming or quoting them that hold
        the subject's words; a capitalised name must be matched whole, other words
        at least half; the best must beat the next.
        """
        wanted = set(terms(subject))
        if not wanted:
            return None
        capitalised = sum(1 for w in subject.split() if w[:1].isupper()) >= 2
        # only the people of articles whose text holds one of the words (one BM25 look-up)
        index = scope.index
        hits = np.flatnonzero(index.lexical(subject)[scope.units] > 0)
        where = {index.units[int(scope.units[j])].article_id for j in hits}
        scored = []
        for person in scope.people.speakers:
            if not where.intersection(person.articles):
                continue
            paragraphs = self._profile_paragraphs(person.name, scope)
            share = len({w for w in wanted if any(w in p for p in paragraphs)}) / len(wanted)
            if share < (1.0 if capitalised else 0.5):
                continue
            hits = sum(p[w] for p in paragraphs for w in wanted)
            scored.append((share, hits, person.name))
        scored.sort(reverse=True)
        if not scored or (len(scored) > 1 and scored[0][:2] == scored[1][:2]):
            return None
        return scored[0][2]

    def _profile(self, name: str, scope: _Scope) -> set[str]:
        """Return the words that describe a speaker: their role, aliases, and the paragraphs naming them."""
        person = scope.people.get(name)
        words = set(terms(" ".join([name, person.role or "", *person.aliases]))) if person else set(terms(name))
        return words.union(*(set(p) for p in self._profile_paragraphs(name, scope)))

    def _profile_paragraphs(self, name: str, scope: _Scope) -> list[Counter[str]]:
        """Return the term counts of each paragraph that names ``name`` or holds their words."""
        with self._lock:
            cached = scope.profiles.get(name)
        if cached is not None:
            return cached
        person = scope.people.get(name)
        forms = person.name_forms() if person else []
        index = scope.index
        theirs = {
            (index.units[int(i)].article_id, p)
            for i in [*scope.quotes_by.get(name, []), *scope.reports_of.get(name, [])]
            for p in index.units[int(i)].paragraphs
        }
        found = []
        for article in scope.articles:
            if person is not None and article.id not in person.articles:
                continue
            for paragraph in article.paragraphs:
                said = tokens(paragraph.text)
                if (article.id, paragraph.index) in theirs or any(
                    tuple(said[i : i + len(f)]) == f for f in forms for i in range(len(said) - len(f) + 1) if said[i] == f[0]
                ):
                    found.append(Counter(terms(paragraph.text)))
        with self._lock:
            scope.profiles[name] = found
        return found

    def _candidates(self, question: Question, scope: _Scope) -> tuple[np.ndarray, dict[int, str]]:
        """Return the units to rank and, for paragraphs, the speaker each is attributed to."""
        if question.intent == "said" and question.speaker:
            empty = scope.units[:0]
            quotes = scope.quotes_by.get(question.speaker, empty)
            reports = scope.reports_of.get(question.speaker, empty)
            return np.concatenate([quotes, reports]), scope.paragraph_speaker
        if question.intent == "who":
            return scope.attributed, scope.paragraph_speaker
        return scope.units, scope.paragraph_speaker

    def _everything_by(self, question: Question, scope: _Scope, k: int, *, article_order: bool = False) -> Answer:
        """Answer "what did X say?" with no topic: every quotation of theirs, in article order, full sentences first.

        A quotation too short to be searched on its own (a few words quoted inside a
        sentence) is shown through its paragraph when that paragraph reports only
        them and no longer quotation of theirs is shown from it, else as the quoted
        words themselves: never dropped. ``article_order`` keeps plain article order.
        """
        index = scope.index
        whole = [int(i) for i in scope.quotes_by.get(question.speaker, []) if _is_whole_quotation(index.units[i])]
        indexed = {index.units[i].quote_id for i in whole}
        covered = {(index.units[i].article_id, p) for i in whole for p in index.units[i].paragraphs}
        paragraph_unit = {
            (index.units[i].article_id, index.units[i].paragraphs[0]): int(i)
            for i in scope.reports_of.get(question.speaker, [])
        }
        extra: list[Unit] = []
        for article in scope.articles:
            for quote in article.quotes_by(question.speaker):
                if quote.id in indexed or (quote.kind == "pullquote" and quote.repeats):
                    continue
                at = paragraph_unit.get((article.id, quote.paragraphs[0]))
                if at is not None and (article.id, quote.paragraphs[0]) not in covered:
                    whole.append(at)
                    continue
                extra.append(
                    Unit(f"{article.id}:q:{quote.id}", article.id, "quote", quote.id, tuple(quote.paragraphs),
                         quote.text, quote.speaker, None, quote.text)
                )
        units = list(index.units) + extra
        position = {a.id: n for n, a in enumerate(scope.articles)}
        everything = list(dict.fromkeys(whole)) + list(range(len(index.units), len(units)))
        # Full sentences say more than a two-word fragment; keep article order among them.
        everything.sort(
            key=lambda i: (
                not article_order and (units[i].kind == "paragraph" or len(units[i].text.split()) < 6),
                position.get(units[i].article_id, 0),
                units[i].paragraphs[0],
            )
        )
        chosen = _pick([Scored(i, 1.0, 0.0, 1.0) for i in everything], units, k, index.quotation_of)
        passages = [self._passage(units[s.index], 1.0, question.speaker) for s in chosen]
        return Answer(question.text, question.speaker, "said", not passages, None if passages else f"{question.speaker} is not quoted.", passages)

    def _passage(self, unit: Unit, score: float, attributed: str | None) -> Passage:
        article = self.kb.article(unit.article_id)
        speaker = unit.speaker if unit.kind == "quote" else attributed
        role = unit.role
        if speaker and role is None and article is not None:
            found = article.speaker(speaker)
            role = found.role if found else None
        return Passage(
            text=unit.text,
            speaker=speaker,
            role=role,
            kind=unit.kind,
            article=_ref(article, unit.article_id),
            paragraphs=list(unit.paragraphs),
            score=round(float(score), 4),
            quote_id=unit.quote_id,
        )

    def _nothing_message(self, question: Question, scope: _Scope) -> str:
        where = _where(scope)
        if question.speaker and question.intent == "said":
            topic = f" about {question.topic}" if question.topic else ""
            return f"{question.speaker} is quoted in {where}, but not saying anything{topic}."
        return f"Nothing in {where} answers that."

    def _unknown_person(self, question: Question, scope: _Scope) -> Answer:
        name = question.unknown_person or ""
        suggestions = _closest_people(name, scope.people.speakers)
        hint = f" Quoted people include: {', '.join(suggestions)}." if suggestions else ""
        return Answer(
            question=question.text,
            speaker=None,
            intent=question.intent,
            no_answer=True,
            message=f"No one called {name} is in {_where(scope)}.{hint}",
            suggestions=suggestions,
        )

    def _mentioned_only(self, question: Question, person: Person | None, scope: _Scope) -> Answer:
        name = person.name if person else (question.mentioned or "")
        where = []
        for article_id, paragraph_index in (person.mentioned_in if person else []):
            article = self.kb.article(article_id)
            if article is None or not 0 <= paragraph_index < len(article.paragraphs):
                continue
            paragraph = article.paragraphs[paragraph_index]
            where.append(
                Passage(
                    text=paragraph.text,
                    speaker=None,
                    role=None,
                    kind="paragraph",
                    article=_ref(article, article_id),
                    paragraphs=[paragraph_index],
                    score=0.0,
                )
            )
        return Answer(
            question=question.text,
            speaker=None,
            intent=question.intent,
            no_answer=True,
            message=f"{name} is mentioned in {_mention_places(where, scope)} but never quoted.",
            mentioned_in=where,
        )

    # -- a person's quotations ----------------------------------------------------------

    def quotes(
        self, speaker: str, *, topic: str | None = None, article: str | None = None, k: int | None = None
    ) -> Answer:
        """Return ``speaker``'s quotations (any alias or role resolves), on ``topic`` when given.

        Without a topic they come in article order. An unknown person gives a
        no-answer with suggestions; someone mentioned but never quoted, a no-answer
        with where they are mentioned.
        """
        name = normalise_question(speaker)
        scope = self._scope(article)
        person = resolve_person(name, scope.people)
        label = f"{name} on {topic}" if topic else name
        if person is None:
            question = Question(label, "said", unknown_person=name)
            return self._unknown_person(question, scope)
        if not person.quoted:
            return self._mentioned_only(Question(label, "said", mentioned=person.name), person, scope)
        if topic and _has_words(normalise_question(topic)):
            topic = normalise_question(topic)
            question = Question(f"what did {person.name} say about {topic}", "said", speaker=person.name, topic=topic)
            return self._search(question, scope, k or 3)
        question = Question(f"what did {person.name} say", "said", speaker=person.name)
        return self._everything_by(question, scope, k or 10**6, article_order=True)

    # -- browsing -----------------------------------------------------------------------

    def speakers(self, article: str | None = None) -> list[SpeakerSummary]:
        """Return the quoted people (of one article, or all), most-quoted first."""
        scope = self._scope(article)
        out = []
        for person in scope.people.speakers:
            count = sum(len(a.quotes_by(person.name)) for a in scope.articles)
            out.append(SpeakerSummary(person.name, person.role, tuple(person.aliases), count, tuple(person.articles)))
        out.sort(key=lambda s: (-s.quotes, s.name))
        return out

    def articles(self) -> list[ArticleSummary]:
        """Return a summary of every article in the knowledge base, in the order they were added."""
        out = []
        for article in self.kb.articles:
            speakers = tuple(dict.fromkeys(q.speaker for q in article.quotes if q.speaker))
            out.append(
                ArticleSummary(
                    article.id, article.title, article.date, article.source, len(article.paragraphs), len(article.quotes), speakers
                )
            )
        return out

    def find_speakers(self, text: str, limit: int = 25) -> list[str]:
        """Return canonical names of quoted people best matching ``text`` (names, aliases and roles count)."""
        people = self._scope(None).people.speakers
        typed = " ".join(tokens(text or ""))
        if not typed:
            return [s.name for s in self.speakers()][:limit]
        scored = []
        for person in people:
            forms = [person.name, *person.aliases, person.role or ""]
            best = max(_typed_match(typed, " ".join(tokens(f))) for f in forms if f)
            if best > 0:
                scored.append((best, person.name))
        scored.sort(key=lambda s: (-s[0], s[1]))
        return [name for _, name in scored[:limit]]

    def find_articles(self, text: str, limit: int = 25) -> list[ArticleSummary]:
        """Return the articles whose id or title best match ``text`` (all of them for empty text)."""
        summaries = self.articles()
        typed = " ".join(tokens(text or ""))
        if not typed:
            return summaries[:limit]
        scored = []
        for summary in summaries:
            best = max(_typed_match(typed, " ".join(tokens(f))) for f in (summary.id, summary.title or "") if f)
            if best > 0:
                scored.append((best, summary))
        scored.sort(key=lambda s: -s[0])
        return [s for _, s in scored[:limit]]

    def warm_up(self) -> None:
        """Load the model, build the index and answer one question, so the first real question is fast."""
        self._prepared()
        self.embedder.encode_query("what did they say?")
        if self.kb.articles:
            self.ask("what did they say about it?")


def resolve_person(text: str, people: People) -> Person | None:
    """Return the person ``text`` names: a canonical name, an alias, a surname or a role; else None."""
    wanted = " ".join(tokens(text))
    for person in people.people:
        if wanted == " ".join(tokens(person.name)) or any(wanted == " ".join(tokens(a)) for a in person.aliases):
            return person
    understood = understand(f"what did {text} say", people)
    name = understood.speaker or understood.mentioned
    return people.get(name) if name else None


def _speaker_forms(speakers: list[Person]) -> dict[str, set[tuple[str, ...]]]:
    """Return, per quoted person of one article, the word sequences that name them in a report.

    Their name forms, their given name alone ("Jack said") when they are the one
    quoted person who has it and it is no one's surname, and their aliases of two
    words or more.
    """
    given: dict[str, list[Person]] = {}
    for person in speakers:
        name_words = [t for t in tokens(person.name) if t not in HONORIFICS]
        if len(name_words) >= 2:
            given.setdefault(name_words[0], []).append(person)
    surnames = {f[-1] for person in speakers for f in person.name_forms()}
    forms_of: dict[str, set[tuple[str, ...]]] = {}
    for person in speakers:
        forms = forms_of[person.name] = set(person.name_forms())
        first = [t for t in tokens(person.name) if t not in HONORIFICS][:1]
        if first and len(given.get(first[0], [])) == 1 and first[0] not in surnames and len(tokens(person.name)) >= 2:
            forms.add((first[0],))
        for alias in person.aliases:
            alias_words = tuple(t for t in tokens(alias) if t not in HONORIFICS and t not in ("the", "a", "an"))
            if len(alias_words) >= 2:
                forms.add(alias_words)
    return forms_of


def _reported_speaker(
    unit: Unit, quoted: set[str], speakers: list[Person], forms_of: dict[str, set[tuple[str, ...]]]
) -> str | None:
    """Return the speaker a paragraph reports (their quotation in it, or "X said" without quotes), else None.

    ``quoted`` holds the speakers of the quotations in the paragraph; ``speakers``
    the quoted people of its article, and ``forms_of`` their ``_speaker_forms``.
    """
    if len(quoted) == 1:
        return next(iter(quoted))
    if quoted:
        return None
    words = tokens(unit.text)
    if not any(w in ATTRIBUTION_VERBS for w in words):
        return None
    # "X said ..." / "..., said X": a name or alias of theirs right next to a speech verb.
    named = set()
    for person in speakers:
        for form in forms_of[person.name]:
            n = len(form)
            for i in range(len(words) - n + 1):
                if tuple(words[i : i + n]) != form:
                    continue
                near = words[i + n : i + n + 3] + words[max(0, i - 2) : i]
                if any(w in ATTRIBUTION_VERBS for w in near):
                    named.add(person.name)
    if not named:
        # "Tom Adeyemi, who has audited several of its products, wrote ...": a name, an
        # appositive or relative clause between commas, then the reporting verb
        for person in speakers:
            for form in forms_of.get(person.name, ()):
                pattern = _appositive_pattern(form)
                if pattern.search(unit.text):
                    named.add(person.name)
                    break
    return named.pop() if len(named) == 1 else None


def _gender(person: Person | None) -> str | None:
    """Return "m" or "f" when the person's honorific or a single-gender given name tells, else None."""
    if person is None:
        return None
    from knowledge.names import given_name_gender

    for alias in [person.name, *person.aliases]:
        first = alias.split()[0].strip(".").lower() if alias.split() else ""
        if first == "mr":
            return "m"
        if first in ("mrs", "ms", "miss"):
            return "f"
    return given_name_gender(person.name)


@functools.lru_cache(maxsize=4096)
def _appositive_pattern(form: tuple[str, ...]) -> re.Pattern:
    name = r"\W+".join(re.escape(w) for w in form)
    verbs = "|".join(sorted(ATTRIBUTION_VERBS))
    return re.compile(
        rf"(?<!\w){name}(?!\w),[^,;:\"“”]{{1,160}},\s+(?:has |had |also |then |later )?(?:{verbs})(?!\w)",
        re.IGNORECASE,
    )


def _topic_without_person(question: Question, people: People) -> str:
    """Return the question's topic without the words that describe the person it names.

    In "what did Essid say about the Tunisian football team" the topic is "football
    team": "Tunisian" is in Essid's role, so it would match everything he said.
    """
    if question.intent == "fact" or not question.topic:
        return question.text if question.intent == "fact" else question.topic
    person = people.get(question.speaker) if question.speaker else None
    if person is None:
        return question.topic
    described = person.descriptor_tokens()
    kept = [w for w in question.topic.split() if not set(tokens(w)) & described]
    return " ".join(kept) if any(_has_words(w) for w in kept) else question.topic


def _coverage(question: str, passages: list[str]) -> float:
    """Return the largest share of the question's content words that one passage holds."""
    wanted = set(terms(question))
    if not wanted:
        return 1.0
    return max((len(wanted & set(terms(p))) / len(wanted) for p in passages), default=0.0)


def _about_anything(topic: str, scope: _Scope) -> bool:
    """Return whether ``topic`` names something to search for.

    "What was X's objection?", "what did X call for?": words only for saying, that the
    articles never use, ask for everything X said. "Talks" or "criticism" the articles
    do use are a topic.
    """
    if not _has_words(topic):
        return False
    return bool(_subject_terms(topic)) or bool(set(terms(topic)) & scope.vocabulary)


# The stems of words for saying, which say how something was said, not what about.
_SAYING_STEMS = frozenset(stem(w) for w in SPEECH_VERBS | SPEECH_NOUNS)


def _subject_terms(topic: str) -> set[str]:
    """Return the terms of ``topic`` that are not about saying (said, react, view, objection ...)."""
    return {t for t in terms(topic) if t not in _SAYING_STEMS}


def _discussed(topic: str, scope: _Scope, share: float) -> bool:
    """Return whether all, or more than ``share``, of the content words of ``topic`` occur in the scope's articles.

    Words for saying ("react", "admit", "view") are left out: they say how, not what about.
    """
    wanted = _subject_terms(topic) or set(terms(topic))
    found = len(wanted & scope.vocabulary)
    return bool(wanted) and (found == len(wanted) or found > share * len(wanted))


def _pick(ranked: list[Scored], units: list[Unit], k: int, quotation_of: dict[int, int] | None = None) -> list[Scored]:
    """Return up to ``k`` of ``ranked``, skipping near-duplicates and passages far weaker than the best.

    A paragraph that is nothing but an attributed quotation (``quotation_of``) is
    shown as that quotation.
    """
    chosen: list[Scored] = []
    for scored in ranked:
        if len(chosen) >= k:
            break
        if chosen and scored.score < RELATIVE_FLOOR * chosen[0].score:
            break
        same = quotation_of.get(scored.index) if quotation_of else None
        if same is not None and units[same].speaker:
            scored = replace(scored, index=same)
        unit = units[scored.index]
        if any(is_near_duplicate(unit, units[c.index]) for c in chosen):
            continue
        chosen.append(scored)
    return chosen


def _is_whole_quotation(unit: Unit) -> bool:
    """Return whether ``unit`` is a whole quotation, not one paragraph of a longer one (units_for's keys)."""
    return unit.key == f"{unit.article_id}:q:{unit.quote_id}"


def _has_words(text: str) -> bool:
    return any(len(t) > 1 for t in tokens(text))


def _ref(article: Article | None, article_id: str) -> ArticleRef:
    if article is None:
        return ArticleRef(article_id, None, None)
    return ArticleRef(article.id, article.title, article.date)


def _where(scope: _Scope) -> str:
    if len(scope.articles) == 1:
        return _article_name(scope.articles[0])
    return "the knowledge base"


def _article_name(article: Article | ArticleRef) -> str:
    return f"“{article.title}”" if article.title else f"article {article.id}"


def _series(items: Sequence[str]) -> str:
    """Return ``items`` as English lists them: "a", "a and b", "a, b and c"."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def _paragraph_numbers(indices: Sequence[int], limit: int = 5) -> str:
    """Return 0-based paragraph indices as a reader counts them: "paragraph 10", "paragraphs 3, 7 and 9"."""
    shown = [str(i + 1) for i in sorted(set(indices))]
    if len(shown) == 1:
        return f"paragraph {shown[0]}"
    if len(shown) > limit:
        return f"paragraphs {', '.join(shown[:limit])} and {len(shown) - limit} more"
    return f"paragraphs {_series(shown)}"


def _mention_places(where: Sequence[Passage], scope: _Scope, limit: int = 3) -> str:
    """Return where a person is mentioned: “Title” (paragraphs 10 and 16), per article, at most ``limit`` articles."""
    if not where:
        return _where(scope)
    by_article: dict[str, tuple[ArticleRef, list[int]]] = {}
    for passage in where:
        by_article.setdefault(passage.article.id, (passage.article, []))[1].extend(passage.paragraphs)
    places = [f"{_article_name(ref)} ({_paragraph_numbers(indices)})" for ref, indices in by_article.values()]
    if len(places) > limit:
        others = len(places) - limit
        places = places[:limit] + [f"{others} other article{'s' if others != 1 else ''}"]
    return _series(places)


def _closest_people(name: str, speakers: list[Person], limit: int = 3) -> list[str]:
    """Return the canonical names of the speakers whose names (or aliases) are closest to ``name``."""
    from rapidfuzz import fuzz

    scored = []
    for person in speakers:
        forms = [person.name, *(a for a in person.aliases if a)]
        best = max(fuzz.WRatio(name.lower(), f.lower()) for f in forms)
        scored.append((best, person.name))
    scored.sort(key=lambda s: (-s[0], s[1]))
    return [n for _, n in scored[:limit]]


def _typed_match(typed: str, form: str) -> float:
    """Return how well what a user has typed so far matches a name or title (0 = not at all)."""
    from rapidfuzz import fuzz

    if not form:
        return 0.0
    if form.startswith(typed):
        return 300.0 - len(form) / 100
    if any(word.startswith(typed) for word in form.split()) or f" {typed}" in f" {form}":
        return 200.0 - len(form) / 100
    if typed in form:
        return 150.0
    score = fuzz.partial_ratio(typed, form)
    return float(score) if score >= 75 else 0.0


__all__ = ["Answerer", "resolve_person"]
