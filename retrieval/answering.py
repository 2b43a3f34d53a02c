"""The one answering API every surface uses: questions in, verbatim attributed passages out."""

from __future__ import annotations

import functools
import logging
import os
import threading
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from knowledge import Article

from .amounts import asks_amount, holds_number
from .autocomplete import closest_people, matching_articles, matching_speakers
from .described import described_person
from .no_answer import (
    good_enough,
    is_about_anything,
    is_discussed,
    mentioned_only_message,
    nothing_message,
    unknown_person_message,
)
from .people import Person
from .preferences import favour_amount, favour_described, holds_verbatim, preference
from .question import (
    Question,
    has_words,
    normalise_question,
    resolve_person,
    topic_without_person,
    understand,
)
from .ranking import Scored, SearchIndex, is_near_duplicate, pick
from .records import Answer, ArticleRef, ArticleSummary, Passage, RetrievalError, SpeakerSummary
from .scope import Scope, build_scope
from .unattributed import unattributed_near
from .units import Unit

if TYPE_CHECKING:
    from .embedding import Embedder
    from .store import KnowledgeBase

log = logging.getLogger(__name__)

#: Above this many candidates a question scores only a shortlist exactly: the nearest
#: passages in meaning (KnowledgeBase.nearest) and the best in words (BM25).
SHORTLIST_ABOVE = 20_000
SHORTLIST_SEMANTIC = 200
SHORTLIST_LEXICAL = 200
#: "Who said <words>": how many passages, best in words first, are read for the words as written.
WORDS_AS_WRITTEN_READ = 20


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
        self._scopes: dict[tuple[str | None, str | None], Scope] = {}
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
        """Return the search index, (re)built when the knowledge base has changed (here or in another process)."""
        self.kb.refresh()
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

    def _scope(self, article: str | None, collection: str | None = None) -> Scope:
        """Return what a question is answered from: the global articles and ``collection``'s, or one of them."""
        index = self._prepared()
        key = (collection, article)
        with self._lock:
            scope = self._scopes.get(key)
            if scope is not None and scope.index is index:
                return scope
        visible = self.kb.visible(collection)
        if article is not None:
            visible = [self._article(article, collection, visible)]
        scope = build_scope(
            index,
            [a for _, a in visible],
            whole=article is None and len(visible) == len(self.kb.articles),
            collections=[c for c, _ in visible],
        )
        with self._lock:
            # A knowledge base changed meanwhile has a new index: this scope is not for it.
            if self._index is index:
                self._scopes[key] = scope
        return scope

    def _article(
        self, article_id: str, collection: str | None, visible: list[tuple[str | None, Article]]
    ) -> tuple[str | None, Article]:
        found = next((pair for pair in visible if pair[1].id == article_id), None)
        if found is None:
            known = ", ".join(a.id for _, a in visible[:5]) or "none"
            raise RetrievalError(f"no article {article_id!r} in the knowledge base (articles: {known})")
        return found

    # -- answering ----------------------------------------------------------------------

    def ask(self, question: str, *, k: int = 3, article: str | None = None, collection: str | None = None) -> Answer:
        """Return the Answer to ``question``: up to ``k`` verbatim passages, or an honest no-answer.

        The answer comes from the global articles and those of ``collection`` (a
        Discord server's id, say; None: the global articles only); ``article`` limits
        it to one article id among them. Raises RetrievalError for an empty, over-long
        or wordless question, or an unknown article.
        """
        text = normalise_question(question)
        k = max(1, int(k))
        scope = self._scope(article, _collection(collection))
        if not scope.articles:
            raise RetrievalError("the knowledge base has no articles yet: add one with `onrecord ingest PATH`")
        understood = understand(text, scope.people)
        # the intent and the canonical speaker only: a question's words never reach the log
        log.debug("understood a question as %s about %s", understood.intent, understood.speaker or "no one named")
        if understood.introduces:
            introduced = scope.people.get(understood.introduces)
            if introduced is not None:
                return self._introduction(understood, introduced, scope, k)
            if not is_discussed(understood.introduces, scope, 1.0):
                return self._unknown_person(replace(understood, unknown_person=understood.introduces), scope)
            understood = replace(understood, introduces="")  # a name the articles use, not a person: a fact question
        if not understood.speaker and not understood.mentioned and understood.subject:
            # "what did the teenager say", "did councils comment": someone the article
            # describes so around their name, though not in their name or role
            found = described_person(understood.subject, scope)
            if found is not None:
                understood = replace(understood, speaker=found, unknown_person=None)
        if understood.unknown_person:
            return self._unknown_person(understood, scope)
        mentioned = scope.people.get(understood.mentioned) if understood.mentioned else None
        quoted_as = scope.people.quoted_as(mentioned) if mentioned is not None else None
        if quoted_as is not None:
            understood = replace(understood, speaker=quoted_as.name, mentioned=None)
        if understood.mentioned:
            person = scope.people.get(understood.mentioned)
            beside = self._beside_unattributed(understood, person, scope, k) if person is not None else None
            return beside or self._mentioned_only(understood, person, scope)
        if understood.intent == "said" and understood.speaker and not is_about_anything(understood.topic, scope):
            return self._everything_by(understood, scope, k)
        return self._search(understood, scope, k)

    def _search(self, question: Question, scope: Scope, k: int, *, only: np.ndarray | None = None) -> Answer:
        """Return the best passages for ``question`` among its candidates (``only``: exactly these units)."""
        index = scope.index
        candidates, attributed = self._candidates(question, scope)
        person = scope.people.get(question.speaker) if question.intent == "said" and question.speaker else None
        beside = unattributed_near(person, scope) if person is not None else candidates[:0]
        beside = np.setdiff1d(beside, candidates)
        candidates = np.concatenate([candidates, beside]) if only is None else only
        topic = topic_without_person(question, scope.people)
        # One embedding per question (the answer must cost little more than it). A
        # question about what a named person said, or about who said something, is
        # embedded as its topic alone: the name would only favour paragraphs that
        # repeat it, and would make any topic look answerable. Other questions are
        # embedded whole: they read like the passages that answer them.
        focused = question.intent == "said" and (question.speaker is not None or only is not None)
        query = topic if focused and topic else question.text
        vector = self.embedder.encode_query(query)
        lexical = index.lexical(topic or question.text)
        if question.intent == "who" and only is None:
            candidates = _with_words_as_written(question.topic, candidates, scope, lexical)
        candidates = self._shortlist(index, candidates, vector, lexical)
        numbers = functools.partial(self._has_number, index)  # worked out only for a question asking an amount
        bonus = preference(question, topic, candidates, scope, numbers) if len(candidates) else None
        described = question.intent == "who" and bool(question.described)
        # a described speaker or an amount is looked for beyond the passages nearest in meaning:
        # the paragraph with the number may be about much else besides
        wide = described or (question.intent == "fact" and asks_amount(question.text))
        limit = max(50, 4 * k) if wide else max(10, 4 * k)
        ranked, confidence = index.rank(
            candidates, vector, topic or question.text, bonus=bonus, limit=limit, lexical=lexical
        )
        if described and ranked:
            ranked = favour_described(question, ranked, scope)
        if ranked and question.intent != "who":
            ranked = favour_amount(question, ranked, index)
        if len(beside):
            chosen = _theirs_first(ranked, set(beside.tolist()), index, k)
        else:
            chosen = pick(ranked, index.units, k, index.quotation_of)
        # words the article holds as written are answered, however plain they are ("a dog and a child")
        verbatim = question.intent == "who" and bool(chosen)
        verbatim = verbatim and bool(holds_verbatim(question.topic, np.asarray([chosen[0].index]), index)[0])
        if not verbatim and not good_enough(
            question, query, confidence, [index.units[c.index].text for c in chosen], scope
        ):
            return Answer(
                question=question.text,
                speaker=question.speaker,
                intent=question.intent,
                no_answer=True,
                message=nothing_message(question, scope),
            )
        passages = [self._passage(index.units[s.index], s.score, attributed.get(s.index)) for s in chosen]
        if person is not None and len(beside):
            passages = _marked_beside(passages, chosen, set(beside.tolist()), person.name)
        speaker = question.speaker
        if question.intent == "who":
            speaker = passages[0].speaker
        return Answer(
            question=question.text,
            speaker=speaker,
            intent=question.intent,
            no_answer=False,
            message=None,
            answers=passages,
        )

    def _beside_unattributed(self, question: Question, person: Person, scope: Scope, k: int) -> Answer | None:
        """Answer "what did X say" for someone never quoted by name from the paragraphs that set them beside
        quoted words credited to nobody; None when there are none, or none on the topic."""
        if question.intent != "said" or not question.topic or not is_about_anything(question.topic, scope):
            return None
        beside = unattributed_near(person, scope)
        if not len(beside):
            return None
        answer = self._search(replace(question, mentioned=None), scope, k, only=beside)
        if answer.no_answer:
            return None
        return replace(answer, answers=[replace(p, beside=person.name) for p in answer.answers])

    def _introduction(self, question: Question, person: Person, scope: Scope, k: int) -> Answer:
        """Answer "who is X?" with the paragraph introducing X in each article, then the passages most about X
        in those articles."""
        units = [scope.paragraph_unit[p] for p in scope.people.introduced_in(person) if p in scope.paragraph_unit]
        about = self._search(replace(question, introduces=""), scope, k)
        if not units:
            return about
        index = scope.index
        shown = [index.units[i] for i in units[:k]]
        passages = [self._passage(u, 1.0, scope.paragraph_speaker.get(i)) for u, i in zip(shown, units, strict=False)]
        theirs = {p.article.id for p in passages}  # what follows comes from the articles about X, not others
        for passage in about.answers:
            if len(passages) >= k:
                break
            if passage.article.id in theirs and not any(
                passage.article.id == p.article.id and set(passage.paragraphs) & set(p.paragraphs) for p in passages
            ):
                passages.append(passage)
        return Answer(
            question=question.text,
            speaker=person.name,
            intent=question.intent,
            no_answer=False,
            message=None,
            answers=passages,
        )

    def _shortlist(
        self, index: SearchIndex, candidates: np.ndarray, vector: np.ndarray, lexical: np.ndarray
    ) -> np.ndarray:
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
            flags = np.fromiter((holds_number(u.text) for u in index.units), dtype=bool, count=len(index.units))
            cached = (index, flags)
            with self._lock:
                self._numbers = cached
        return cached[1]

    def _candidates(self, question: Question, scope: Scope) -> tuple[np.ndarray, dict[int, str]]:
        """Return the units to rank and, for paragraphs, the speaker each is attributed to."""
        if question.intent == "said" and question.speaker:
            empty = scope.units[:0]
            quotes = scope.quotes_by.get(question.speaker, empty)
            reports = scope.reports_of.get(question.speaker, empty)
            return np.concatenate([quotes, reports]), scope.paragraph_speaker
        if question.intent == "who":
            return scope.attributed, scope.paragraph_speaker
        return scope.units, scope.paragraph_speaker

    def _everything_by(self, question: Question, scope: Scope, k: int, *, article_order: bool = False) -> Answer:
        """Answer "what did X say?" with no topic: every quotation of theirs, in article order, full sentences first.

        A quotation too short to be searched on its own (a few words quoted inside a
        sentence) is shown through its paragraph when that paragraph reports only
        them and no longer quotation of theirs is shown from it, else as the quoted
        words themselves: never dropped. ``article_order`` keeps plain article order.
        """
        index = scope.index
        speaker = question.speaker or ""
        whole = [int(i) for i in scope.quotes_by.get(speaker, []) if _is_whole_quotation(index.units[i])]
        indexed = {index.units[i].quote_id for i in whole}
        covered = {(index.units[i].article_id, p) for i in whole for p in index.units[i].paragraphs}
        paragraph_unit = {
            (index.units[i].article_id, index.units[i].paragraphs[0]): int(i) for i in scope.reports_of.get(speaker, [])
        }
        extra: list[Unit] = []
        for article in scope.articles:
            for quote in article.quotes_by(speaker):
                if quote.id in indexed or (quote.kind == "pullquote" and quote.repeats):
                    continue
                at = paragraph_unit.get((article.id, quote.paragraphs[0]))
                if at is not None and (article.id, quote.paragraphs[0]) not in covered:
                    whole.append(at)
                    continue
                extra.append(
                    Unit(
                        f"{article.id}:q:{quote.id}",
                        article.id,
                        "quote",
                        quote.id,
                        tuple(quote.paragraphs),
                        quote.text,
                        quote.speaker,
                        None,
                        quote.text,
                        scope.collection_of.get(article.id),
                    )
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
        chosen = pick([Scored(i, 1.0, 0.0, 1.0) for i in everything], units, k, index.quotation_of)
        passages = [self._passage(units[s.index], 1.0, question.speaker) for s in chosen]
        return Answer(
            question.text,
            question.speaker,
            "said",
            not passages,
            None if passages else f"{question.speaker} is not quoted.",
            passages,
        )

    def _passage(self, unit: Unit, score: float, attributed: str | None) -> Passage:
        article = self.kb.article(unit.article_id, unit.collection)
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

    def _unknown_person(self, question: Question, scope: Scope) -> Answer:
        name = question.unknown_person or ""
        suggestions = closest_people(name, scope.people.speakers)
        return Answer(
            question=question.text,
            speaker=None,
            intent=question.intent,
            no_answer=True,
            message=unknown_person_message(name, suggestions, scope),
            suggestions=suggestions,
        )

    def _mentioned_only(self, question: Question, person: Person | None, scope: Scope) -> Answer:
        name = person.name if person else (question.mentioned or "")
        where = []
        for article_id, paragraph_index in person.mentioned_in if person else []:
            article = scope.article(article_id)
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
            message=mentioned_only_message(name, where, scope),
            mentioned_in=where,
        )

    # -- a person's quotations ----------------------------------------------------------

    def quotes(
        self,
        speaker: str,
        *,
        topic: str | None = None,
        article: str | None = None,
        k: int | None = None,
        collection: str | None = None,
    ) -> Answer:
        """Return ``speaker``'s quotations (any alias or role resolves), on ``topic`` when given.

        Without a topic they come in article order. An unknown person gives a
        no-answer with suggestions; someone mentioned but never quoted, a no-answer
        with where they are mentioned. ``collection`` and ``article`` choose the
        articles as for ``ask``.
        """
        name = normalise_question(speaker)
        scope = self._scope(article, _collection(collection))
        person = resolve_person(name, scope.people)
        label = f"{name} on {topic}" if topic else name
        if person is None:
            question = Question(label, "said", unknown_person=name)
            return self._unknown_person(question, scope)
        if not person.quoted:
            return self._mentioned_only(Question(label, "said", mentioned=person.name), person, scope)
        if topic and has_words(normalise_question(topic)):
            topic = normalise_question(topic)
            question = Question(f"what did {person.name} say about {topic}", "said", speaker=person.name, topic=topic)
            return self._search(question, scope, k or 3)
        question = Question(f"what did {person.name} say", "said", speaker=person.name)
        return self._everything_by(question, scope, k or 10**6, article_order=True)

    # -- browsing -----------------------------------------------------------------------

    def speakers(self, article: str | None = None, *, collection: str | None = None) -> list[SpeakerSummary]:
        """Return the quoted people (of one article, or all that ``collection`` sees), most-quoted first."""
        scope = self._scope(article, _collection(collection))
        out = []
        for person in scope.people.speakers:
            count = sum(len(a.quotes_by(person.name)) for a in scope.articles)
            out.append(SpeakerSummary(person.name, person.role, tuple(person.aliases), count, tuple(person.articles)))
        out.sort(key=lambda s: (-s.quotes, s.name))
        return out

    def articles(self, *, collection: str | None = None) -> list[ArticleSummary]:
        """Return a summary of every article ``collection`` sees (the global ones and its own), in the order added."""
        self.kb.refresh()
        out = []
        for _, article in self.kb.visible(_collection(collection)):
            speakers = tuple(dict.fromkeys(q.speaker for q in article.quotes if q.speaker))
            out.append(
                ArticleSummary(
                    article.id,
                    article.title,
                    article.date,
                    article.source,
                    len(article.paragraphs),
                    len(article.quotes),
                    speakers,
                )
            )
        return out

    def find_speakers(self, text: str, limit: int = 25, *, collection: str | None = None) -> list[str]:
        """Return canonical names of quoted people best matching ``text`` (names, aliases and roles count)."""
        collection = _collection(collection)
        found = matching_speakers(text, self._scope(None, collection).people.speakers, limit)
        return found if found is not None else [s.name for s in self.speakers(collection=collection)][:limit]

    def find_articles(self, text: str, limit: int = 25, *, collection: str | None = None) -> list[ArticleSummary]:
        """Return the articles ``collection`` sees whose id or title best match ``text`` (all for empty text)."""
        return matching_articles(text, self.articles(collection=collection), limit)

    def warm_up(self) -> None:
        """Load the model, build the index and answer one question, so the first real question is fast."""
        self._prepared()
        self.embedder.encode_query("what did they say?")
        if self.kb.articles:
            self.ask("what did they say about it?")


def _collection(collection: str | int | None) -> str | None:
    """Return a collection as the knowledge base names it (a guild's id may come as an int)."""
    return None if collection is None else str(collection).strip() or None


def _theirs_first(ranked: list[Scored], beside: set[int], index: SearchIndex, k: int) -> list[Scored]:
    """Return up to ``k`` passages: the person's own words first, then the article's words ``beside`` them.

    A passage beside the person takes a place the person's own words leave free, or
    the last place of one of theirs it outscores, never the first.
    """
    own = pick([r for r in ranked if r.index not in beside], index.units, k, index.quotation_of)
    near = pick([r for r in ranked if r.index in beside], index.units, k, index.quotation_of)
    theirs: list[Scored] = list(own)
    others: list[Scored] = []
    for scored in near:
        if any(is_near_duplicate(index.units[scored.index], index.units[c.index]) for c in theirs + others):
            continue
        if len(theirs) + len(others) < k:
            others.append(scored)
        elif len(theirs) > 1 and scored.score > theirs[-1].score:
            theirs.pop()
            others.append(scored)
    return theirs + others


def _marked_beside(passages: list[Passage], chosen: list[Scored], beside: set[int], name: str) -> list[Passage]:
    """Return ``passages`` with those shown from the paragraphs ``beside`` the person marked as beside ``name``."""
    return [replace(p, beside=name) if s.index in beside else p for p, s in zip(passages, chosen, strict=True)]


def _with_words_as_written(words: str, candidates: np.ndarray, scope: Scope, lexical: np.ndarray) -> np.ndarray:
    """Return ``candidates`` and, when none of them holds ``words`` as written, the passages that do.

    "Who said <words>": when the article holds the words only in a passage attributed
    to no one, that passage (shown as the article's text, with no speaker) answers
    better than someone else's words about the same thing.
    """
    if _holds_as_written(words, candidates, scope, lexical).any():
        return candidates
    others = np.setdiff1d(scope.units, candidates)
    held = others[_holds_as_written(words, others, scope, lexical)]
    return np.concatenate([candidates, held]) if len(held) else candidates


def _holds_as_written(words: str, units: np.ndarray, scope: Scope, lexical: np.ndarray) -> np.ndarray:
    """Return, per unit, whether it holds ``words`` as written (only the best in words are read)."""
    held = np.zeros(len(units), dtype=bool)
    matched = min(WORDS_AS_WRITTEN_READ, int(np.count_nonzero(lexical[units])))
    if not matched:
        return held
    best = np.argpartition(-lexical[units], matched - 1)[:matched]
    held[best] = holds_verbatim(words, units[best], scope.index)
    return held


def _is_whole_quotation(unit: Unit) -> bool:
    """Return whether ``unit`` is a whole quotation, not one paragraph of a longer one (units_for's keys)."""
    return unit.key == f"{unit.article_id}:q:{unit.quote_id}"


def _ref(article: Article | None, article_id: str) -> ArticleRef:
    if article is None:
        return ArticleRef(article_id, None, None)
    return ArticleRef(article.id, article.title, article.date)


__all__ = ["Answerer"]
