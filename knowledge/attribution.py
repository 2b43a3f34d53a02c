"""Chooses each quotation's speaker, walking the article's body paragraphs in order.

For every quote, the speech frame that owns it, in this order: a frame right after the
closing mark ("…,” said X), the nearest frame before it in the sentence (X said that … “…”,
Mr Trump’s suggestion that “…”, what he called “…”), a frame later in the sentence, another
quote of the same paragraph, and for a paragraph that opens with a mark and names nobody,
the previous speaker (a continued statement). Quotes nobody owns are scare quotes or names
when short (dropped) and kept without a speaker otherwise. A role named before its holder
("The Defence Secretary has said …") and a headline's quote are tied to a speaker at the end.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .antecedents import REACH, Mention, candidate_features, choose, paragraph_mentions, people_in
from .coreference import Cast, Entity
from .frames import Frame, find_frames
from .lexicon import (
    AUXILIARIES,
    AUXILIARY_WORDS,
    DESCRIPTIVE_NOUNS,
    GENERIC_ROLE_NOUNS,
    GROUP_NOUNS,
    IRREGULAR_PLURALS,
    KIN_NOUNS,
    NOT_MODIFIERS,
    NOT_NAME,
    NOT_PERSON_NOUNS,
    NOT_VERBS,
    OFFICE_NOUNS,
    ONE_OF_A_GROUP,
    PARTY_MEMBER_NOUNS,
    PICTURE_NOTES,
    PRONOUN_GENDER,
    PRONOUN_OF_POSSESSIVE,
    PROTAGONIST_NOUNS,
    RUBRIC_WORDS,
    SENTENCE_CONNECTIVES,
    SOURCE_DETERMINERS,
    SPEAKING_NOUNS,
    SPEECH_NOUNS,
    SPEECH_VERBS,
    SUBORDINATORS,
    TITLE_WORDS,
    VAGUE_GROUP_NOUNS,
)
from .marks import Span, opening_mark_at
from .names import PARTY_STATE, appositive_role, clean_role, find_people, surname_of
from .phrases import ANAPHOR, GROUP, NAME, NOUN_PHRASE, PERSON, SOURCE_NOUNS
from .quotations import (
    NAMED_WORK,
    is_headline,
    is_title,
    mask_quotes,
    opens_paragraph,
    reads_as_speech,
    speaker_label,
    split_sentences,
)
from .text import normalise_marks


@dataclass
class Found:
    """What attribution decided for one quoted stretch."""

    span: Span
    speaker: str | None = None
    pending_role: str | None = None
    cue: str | None = None
    kind: str = "partial"
    drop: bool = False
    how: str = ""
    # the people a pronoun speaker was chosen from, with their cues (see ``antecedents``)
    antecedents: list[tuple[str, dict[str, float]]] | None = None


def _introduces_next(masked: str, frame: Frame, limit: int, later_spans: list[Span]) -> bool:
    """ "X said:" just before a later quote of the sentence: the frame is that quote's."""
    return bool(later_spans) and masked[frame.end : limit].rstrip().endswith(":")


class Attributor:
    """Walks the body paragraphs in order, resolving frames and choosing each quote's speaker."""

    def __init__(self, cast: Cast, texts: list[str], spans: dict[int, list[Span]]) -> None:
        self.cast = cast
        self.texts = texts
        self.spans = spans
        self.found: dict[tuple[int, int], Found] = {}
        self.frames: dict[int, list[Frame]] = {}  # paragraph -> its resolved frames, in order
        self.last_speaker: tuple[int, str] | None = None
        self.last_subject: tuple[int, str] | None = None  # a person the story just made its subject
        self.subject_at = 0  # where in its paragraph the last subject stands
        self.previous: int | None = None
        self.visited: list[int] = []
        self.topics: dict[int, str] = {}  # paragraph -> the subject of its first sentence
        self.mentions: dict[int, list[Mention]] = {}  # paragraph -> the people it names, and who spoke there
        self.antecedents: dict[int, list[tuple[str, dict[str, float]]]] = {}  # id(frame) -> a pronoun's candidates

    def run(self, order: list[int]) -> None:
        for pos in order:
            self._paragraph(pos)

    def _paragraph(self, pos: int) -> None:
        self.current = pos
        text = self.texts[pos]
        spans = self.spans.get(pos, [])
        masked = _ASIDE.sub(lambda m: " " * len(m.group(0)), mask_quotes(text, spans))
        sentences = split_sentences(masked)
        self.mentions[pos] = paragraph_mentions(masked, sentences, self.cast)
        frames_by_sentence = []
        self.cast.topic = self.topics.get(self.previous) if self.previous is not None else None
        for number, (start, end) in enumerate(sentences):
            frames = find_frames(masked, start, end)
            before = self.last_subject
            self._mark_subject(masked, start, end, frames)
            if self.last_subject is not before and self.last_subject:
                if number == 0:
                    self.topics[pos] = self.last_subject[1]
                # "the Frenchman smiled", "the actor, who …, now hopes": a subject the names alone miss
                self._note(pos, Mention(self.last_subject[1], 0, self.subject_at, number, "subject"))
            self._resolve_frames(masked, start, frames, pos, number)
            frames_by_sentence.append(frames)
        results = []
        starts = [a for a, _ in sentences]

        def sentence_at(offset: int) -> int:
            return min(bisect.bisect_right(starts, offset) - 1, len(sentences) - 1)

        for span in spans:
            index = sentence_at(span.open_at)
            result = self._choose(span, masked, sentences[index], frames_by_sentence[index], spans)
            results.append(result)
            self.found[(pos, span.start)] = result
        # another quote of the same paragraph ("“A,” X said. “B.”")
        for k, result in enumerate(results):
            if result.speaker or result.pending_role or result.drop:
                continue
            if result.span.closed and not reads_as_speech(text[result.span.start : result.span.end]):
                continue
            neighbours = results[:k][::-1] + results[k + 1 :]
            owner = next((r for r in neighbours if r.speaker and r.how != "paragraph"), None)
            if owner is not None:
                result.speaker, result.cue, result.how = owner.speaker, owner.cue, "paragraph"
        # a paragraph that opens with a mark and names nobody continues the previous speaker
        # (or the person the paragraph just before introduced)
        if spans and opens_paragraph(text, spans[0]):
            first = results[0]
            continuing = self.last_speaker[1] if self.last_speaker and pos - self.last_speaker[0] <= 3 else None
            if (
                self.last_subject
                and self.last_subject[0] == self.previous
                and (not self.last_speaker or self.last_speaker[0] < self.previous)
            ):
                continuing = self.last_subject[1]
            # "Smith said:" or "Smith said the plan would work." just before
            said = (
                [f for f in self.frames.get(self.previous, []) if f.speaker and f.kind in {"sv", "inverted"}]
                if self.previous is not None
                else []
            )
            if said:
                continuing = said[-1].speaker
            if not first.speaker and not first.pending_role and continuing:
                for result in results:
                    if not result.speaker and not result.pending_role:
                        result.speaker, result.kind, result.how, result.drop = (
                            continuing,
                            "continued",
                            "continued",
                            False,
                        )
        # a full quote nobody claims: the person who is the subject earlier in the paragraph, else
        # whoever opens its own sentence ("Sanders credited the win to “…”", "The board was
        # conclusive: “…”")
        for result in results:
            if result.speaker or result.pending_role or result.drop:
                continue
            words = text[result.span.start : result.span.end]
            if len(words.split()) >= 5 or (
                result.span.closed and words[:1].isupper() and words.rstrip()[-1:] in {".", "!", "?"}
            ):
                index = sentence_at(result.span.open_at)
                said = [
                    f
                    for f in self.frames.get(pos, [])
                    if f.speaker and f.kind in {"sv", "inverted"} and f.end <= sentences[index][0]
                ]
                if said and not masked[sentences[index][0] : result.span.open_at].strip():
                    # "…, Cole said. “…”": a quote opening its sentence after one that reports
                    # someone speaking goes on with them
                    result.speaker, result.how = said[-1].speaker, "subject"
                    continue
                person = (
                    self._described_subject(masked, sentences[index][0], result.span.open_at, pos)
                    or self._sentence_subject(masked, 0, result.span.open_at, None)
                    or self._clause_subject(masked, sentences[index][0], result.span.open_at, pos)
                    or self._mentioned_subject(pos, result.span.open_at)
                )
                if person is not None:
                    result.speaker, result.how = person.name, "subject"
        for result in results:
            if result.speaker:
                self.last_speaker = (pos, result.speaker)
                at = result.span.open_at
                self._note(pos, Mention(result.speaker, 0, at, sentence_at(at), "subject", spoke=True))
        self.previous = pos
        self.visited.append(pos)
        for result in results:
            self._judge(result, text)

    def _mark_subject(self, masked: str, start: int, end: int, frames: list[Frame]) -> None:
        """Make a sentence's named subject salient for later pronouns ("Mr Healey visited ...").

        A sentence may open with the surname alone of someone named earlier ("Mensah, who
        joined on loan, was playing his fourth game"); that person is its subject too.
        """
        sentence = masked[start:end]
        self.subject_at = start
        described = _DESCRIBED_SUBJECT.match(sentence)
        if described:
            entity, _ = self.cast.resolve(described.group(1), self.current)
            if entity is not None:  # "Asked about it, the Frenchman smiled."
                self._make_subject(entity)
                return
        profession = _PROTAGONIST_SUBJECT.match(sentence)
        if profession:
            entity, _ = self.cast.resolve(profession.group(1), self.current)
            if entity is not None and entity.kind == "person":  # "The actor, who …, now hopes"
                self._make_subject(entity)
                return
        opening = _SURNAME_SUBJECT.match(sentence)
        follower = re.match(r"\s+([a-z][\w-]*)", sentence[opening.end(1) :]) if opening else None
        if follower and follower.group(1) in TITLE_WORDS:
            opening = None  # "Obama consultant Cornell Belcher …": the name premodifies a title
        if opening and opening.group(1).lower() not in PRONOUN_GENDER:
            person = self.cast.person_by_surname(opening.group(1))
            if person:
                self._make_subject(person)
                return
        for hit in people_in(masked[start:end]):
            if hit.possessive:
                continue
            words = masked[max(start, start + hit.start - 40) : start + hit.start].split()
            if words and re.fullmatch(r"[a-z][\w-]*", words[-1]) and words[-1] not in TITLE_WORDS:
                break  # "… he told Al Jazeera by phone": after a verb or a preposition, an object
            if words and re.search(r"[’']s?$", words[-1]):
                break  # "he told Kestrel Radio's Ann Lee": after a possessive, an object
            after = masked[start + hit.end : start + hit.end + 200]  # room for a relative clause
            # "Her publisher, Marcus Lowe, remembers"; "The Speaker, Sir Lindsay Holt, told MPs"
            appositive = bool(
                re.search(
                    r",\s*(?:[A-Z][a-z]{1,4}\.?\s*)?$", masked[max(start, start + hit.start - 20) : start + hit.start]
                )
            )
            if re.match(r"\s*(?:,[^,]+,\s*)?[a-z]", after) or (appositive and re.match(r"\s*,\s*[a-z]", after)):
                person = self.cast.person_by_name(hit.name, hit.gender)
                if person:
                    self.subject_at = start + hit.start
                    self._make_subject(person)
            break

    def _make_subject(self, entity: Entity) -> None:
        self.cast.mark_salient(entity.name)
        self.last_subject = (self.current, entity.name)

    def _resolve_frames(self, masked: str, start: int, frames: list[Frame], pos: int, sentence: int) -> None:
        for i, frame in enumerate(frames):
            if frame.subject is None:
                continue
            if frame.kind == "inverted":
                self._extend_to_name(masked, frame)
            subject = re.sub(r"\s+", " ", frame.subject).strip()
            entity, pending = None, None
            pronoun = PRONOUN_OF_POSSESSIVE.get(subject.lower(), subject.lower())
            if pronoun in {"he", "she"}:
                entity = self._cataphora(masked, start, frame, frames[i + 1 :], pos) or self._antecedent(
                    frame, pos, sentence, PRONOUN_GENDER[pronoun]
                )
            if entity is None and subject.lower() in ONE_OF_A_GROUP:
                entity = self._group_just_named(masked[: frame.subject_start or frame.start], pos)
            if entity is None:
                entity, pending = self.cast.resolve(subject, pos)
            frame.pending_role = pending
            if entity is not None:
                frame.speaker = entity.name
                if (
                    entity.kind == "person"
                    and not entity.role
                    and subject[:1].isupper()
                    and frame.subject_end is not None
                ):
                    # "said Cole, the council leader": a surname alone is no name hit, but its role is hers
                    role = appositive_role(masked, frame.subject_end)
                    entity.role = clean_role(role) if role else None
                self.cast.mark_salient(entity.name)
                self.cast.add_alias(entity, subject)
                if pos not in entity.paragraphs:
                    entity.paragraphs.append(pos)
                at = frame.subject_start if frame.subject_start is not None else frame.start
                spoke = not _INFINITIVE_AFTER.match(masked, frame.end)  # "Cole agreed to take part": no words
                self._note(pos, Mention(entity.name, 0, at, sentence, "subject", spoke=spoke))
            self.frames.setdefault(pos, []).append(frame)
        for i, frame in enumerate(frames):
            if frame.kind == "participle":
                owner = next(
                    (
                        f
                        for f in reversed(frames[:i])
                        if (f.speaker or f.pending_role) and f.kind in {"sv", "inverted", "participle"}
                    ),
                    None,
                )
                if owner is not None:
                    frame.speaker, frame.pending_role = owner.speaker, owner.pending_role
                else:
                    person = self._main_subject(masked, start, frame.start)
                    first = next((h for h in find_people(masked[start : frame.start]) if not h.possessive), None)
                    if person is None and first is not None:
                        person = self.cast.person_by_surname(surname_of(first.name))
                    pronoun_said = re.search(r"(?:^|[,;]\s+|\s)(he|she|He|She)\s+[a-z]", masked[start : frame.start])
                    if person is None and pronoun_said:  # "she campaigned against it, calling them …"
                        person = self.cast.resolve_pronoun(pronoun_said.group(1).lower())
                    according = next((f for f in reversed(frames[:i]) if f.speaker and f.kind == "according"), None)
                    if person is None and according is not None and according.speaker:
                        person = self.cast.entity(according.speaker)  # "…, according to her office, and said …"
                    if person is None:  # "The lawsuit says …, calling it …": the sentence's subject
                        person = self._participle_subject(masked, start, frame.start, pos)
                    if person is None and self.cast.salient:
                        person = self.cast.entity(self.cast.salient[-1])
                    frame.speaker = person.name if person else None

    def _main_subject(self, masked: str, start: int, end: int) -> Entity | None:
        """ "After Cole left, Lee stood with Ann Moss and thanked her, saying …": the first person in
        ``masked[start:end]`` who is a clause's subject, outside a clause a subordinator opens and
        not after a preposition, and whom the article names (a surname alone will do)."""
        for match in _NAME_BEFORE_VERB.finditer(masked, start, end):
            clause = re.split(r"[,;—–]", masked[start : match.start()])[-1].split()
            if clause and clause[0].lower() in SUBORDINATORS:
                continue  # "after Cole left,": a subordinate clause's subject
            if clause and clause[-1].islower() and clause[-1] not in _BEFORE_SUBJECT:
                continue  # "with Ann Moss", "endorsed Cole": an object
            if match.group(1).split()[0].endswith("ing"):
                continue  # "Playing Cole for a fool, …": a participle, no name
            person = self.cast.person_by_surname(surname_of(match.group(1)))
            if person is not None:
                return person
        return None

    @staticmethod
    def _extend_to_name(masked: str, frame: Frame) -> None:
        """ "said Leeds University political scientist Ann Lee", "said Air Force 1st Lt. Tom Hale": an
        inverted subject that stops at a lowercase role word runs on to the name the role describes."""
        if frame.subject_start is None or frame.subject_end is None:
            return
        tail = masked[frame.subject_start : frame.subject_start + 200]
        hit = next((h for h in people_in(tail) if not h.possessive), None)
        if hit is None or frame.subject_start + hit.start < frame.subject_end:
            return
        gap = tail[frame.subject_end - frame.subject_start : hit.start].split()
        if 0 < len(gap) <= 4 and all(re.fullmatch(r"[\w’'-]+\.?", w) and w.lower() not in NOT_NAME for w in gap):
            frame.subject = tail[: hit.end]
            frame.subject_end = frame.subject_start + hit.end

    def _note(self, pos: int, mention: Mention) -> None:
        """Add ``mention`` to paragraph ``pos``'s mentions, kept in the order they stand in it."""
        bisect.insort(self.mentions[pos], mention, key=lambda m: m.offset)

    def _antecedent(self, frame: Frame, pos: int, sentence: int, gender: str | None) -> Entity | None:
        """The person a "he"/"she" subject means: the best candidate among those named just before."""
        at = frame.subject_start if frame.subject_start is not None else frame.start
        earlier = [p for p in self.visited[-REACH:] if p != pos]
        mentions = [
            Mention(m.name, len(earlier) - k, m.offset, m.sentence, m.role, m.spoke)
            for k, p in enumerate(earlier)
            for m in self.mentions.get(p, [])
        ]
        mentions += [m for m in self.mentions[pos] if m.offset < at]
        last = self.last_speaker[1] if self.last_speaker and pos - self.last_speaker[0] <= REACH else None
        candidates = candidate_features(mentions, gender, self.cast, last, sentence)
        self.antecedents[id(frame)] = candidates
        name = choose(candidates)
        if name is None:
            return None
        entity = self.cast.entity(name)
        if entity is None:  # a surname the cast did not know yet ("Carson defied the question")
            entity, _ = self.cast.resolve(name, pos)
        if entity is not None and entity.kind == "person" and not entity.gender:
            entity.gender = gender
        return entity

    def _group_just_named(self, before: str, pos: int) -> Entity | None:
        """ "Fans flooded the post. One wrote: …": "One"/"Another" is one of the group just named."""
        previous = [self.texts[p] for p in reversed(self.visited[-2:]) if p != pos]
        for text in [before] + previous:
            groups = [
                m.group(1).lower()
                for m in re.finditer(r"\b([A-Za-z]+)\b", text)
                if m.group(1).lower() in GROUP_NOUNS and m.group(1).lower() not in VAGUE_GROUP_NOUNS
            ]
            if groups:
                return self.cast.source(groups[-1], person_like=True, category="group")
        return None

    def _sentence_subject(self, masked: str, start: int, end: int | None, gender: str | None) -> Entity | None:
        """ "…, as his chancellor, Rachel Reeves, prepares a budget she described as …": the nearest
        person in ``masked[start:end]`` who is the subject of a clause (not a possessive or an object)."""
        for hit in reversed(find_people(masked[start:end])):
            if hit.possessive:
                continue
            follower = re.match(r",?\s*([a-z]+)", masked[start + hit.end :])
            if not follower or follower.group(1) in NOT_VERBS:
                continue
            person = self.cast.person_by_name(hit.name, hit.gender)
            if person and not (person.gender and gender and person.gender != gender):
                return person
        return None

    def _mentioned_subject(self, pos: int, end: int) -> Entity | None:
        """ "Bolton distanced himself from the movement. “…”": the person last made the subject of a
        clause in the paragraph before ``end``, when the names alone ("Bolton") are no name hit."""
        subjects = [m for m in self.mentions[pos] if m.role == "subject" and m.offset < end]
        entity = self.cast.entity(subjects[-1].name) if subjects else None
        return entity if entity is not None and entity.kind == "person" else None

    def _described_subject(self, masked: str, start: int, end: int, pos: int) -> Entity | None:
        """ "Another child responded, “…”", "The crowd chanted “…”": a sentence whose subject is a
        described person or group, not a name, is theirs, whoever the paragraph named before."""
        match = _DESCRIBED_NOUN_PHRASE.match(masked, start, end) or _DESCRIBED_CLAUSE_SUBJECT.match(masked, start, end)
        if match and _APPOSITIVE_AFTER_NAME.search(masked, start, match.start(1)):
            return None  # "Columnist Ann Lee, a former aide, calls it …": the description is Lee's
        return self._described(match.group(1), pos) if match else None

    def _described(self, phrase: str, pos: int) -> Entity | None:
        """The person, group or document a described subject ("the crowd", "the suit") stands for."""
        phrase = re.sub(r"\s+", " ", phrase)
        if re.fullmatch(NOUN_PHRASE, phrase) or re.fullmatch(GROUP, phrase):
            entity, _ = self.cast.resolve(phrase, pos)
            return entity
        if _PERSON_DESCRIPTION.fullmatch(phrase):
            return None  # "the teenager", "the seamer": the person the story is following, not a new source
        if not _can_speak(phrase):
            return None  # "The timing was odd", "A few weeks later": no one who speaks
        return self.cast.source(phrase[0].lower() + phrase[1:], person_like=True, category="group")

    def _clause_subject(self, masked: str, start: int, end: int, pos: int) -> Entity | None:
        """ "Bolton distanced himself from the movement: “…”": the subject that opens the sentence
        ``masked[start:end]`` (after a lead-in clause or a connective), a lowercase verb after it."""
        match = _CLAUSE_SUBJECT.match(masked, start, end)
        if not match:
            return None
        words = match.group(1).split()
        first = words[0].lower()
        if first in NOT_NAME and first not in PRONOUN_GENDER and first not in SOURCE_DETERMINERS:
            return None  # "In later life she …": a preposition, not a name
        if len(words) == 1 and first not in PRONOUN_GENDER and not self._known_word(words[0]):
            return None  # "Indeed, …", "Outside, …", "PHILADELPHIA —": a word that opens a sentence
        entity, _ = self.cast.resolve(match.group(1), pos)
        return entity

    def _participle_subject(self, masked: str, start: int, end: int, pos: int) -> Entity | None:
        """ "The lawsuit challenged the policy, calling it …": the subject that opens the sentence when it
        is a source (an institution, a group, a document), rather than whoever was named last."""
        entity = self._clause_subject(masked, start, end, pos)
        return entity if entity is not None and entity.kind == "source" else None

    def _known_word(self, word: str) -> bool:
        """Whether a lone capitalised word names someone: a surname the cast knows, an acronym ("CNN"),
        or a plural for a people or a group ("Mexicans", "Citizens for Tax Justice")."""
        bare = re.sub(r"[’']s?$", "", word)
        if (bare.isupper() and len(bare) <= 5) or (bare.endswith("s") and not bare.isupper()):
            return True
        return self.cast.person_by_surname(bare) is not None or any(
            bare in source.name.split() for source in self.cast.sources.values()
        )

    def _cataphora(self, masked: str, start: int, frame: Frame, later: list[Frame], pos: int) -> Entity | None:
        """ "Speaking at what he called …, John Healey warned": the pronoun points forward."""
        first_word = re.match(r"\W*(\w+)", masked[start:])
        if not first_word:
            return None
        word = first_word.group(1)
        if not (word.lower() in SUBORDINATORS or word.endswith("ing")):
            return None
        for other in later:
            if (
                other.subject
                and other.subject.strip().lower() not in PRONOUN_GENDER
                and "," in masked[frame.end : other.start]
            ):
                entity, _ = self.cast.resolve(other.subject, pos)
                if entity is not None and entity.kind == "person":
                    return entity
        return None

    def _choose(
        self, span: Span, masked: str, sentence: tuple[int, int], frames: list[Frame], spans: list[Span]
    ) -> Found:
        result = Found(span)
        start, end = sentence
        later_spans = [s for s in spans if s.open_at > span.open_at]
        limit = min([s.open_at for s in later_spans if s.open_at < end] + [end])
        close = span.close_at if span.close_at is not None else span.end
        # a dash byline after the closing mark, ending the paragraph or before a description
        # ("“…” ― Ann Lee", "“…” — Ann Lee, 34, of Leeds")
        byline = _DASH_BYLINE.match(masked, close + 1) if span.closed else None
        if byline:
            entity, _ = self.cast.resolve(byline.group(1), self.current)
            if entity is not None:
                result.speaker, result.how = entity.name, "byline"
                return result
        # a transcript quoted whole: the label its words open with ("“LEE: Well, …"), when the quote
        # stands as a sentence of its own (the protesters chanted “Lee: out!” names a topic)
        text = self.texts[self.current]
        turn = speaker_label(text[span.start : span.end])
        if turn and re.search(r"(?:^|[.!?:])\W*$", text[: span.open_at]):
            result.speaker, result.how = self._labelled(turn), "label"
            return result
        # a name alone before a colon labels what follows, as in a transcript or a list of
        # reactions ("McDonald: “…”", "Said Stone: “…”")
        label = _LABEL.match(masked, start, span.open_at)
        if label:
            person = self.cast.person_by_surname(surname_of(label.group(1)))
            if person is not None:
                result.speaker, result.how = person.name, "label"
                return result
        # A: a frame right after the closing mark ("…,” said X / “…,” X said)
        for frame in frames:
            first = min(frame.start, frame.subject_start if frame.subject_start is not None else frame.start)
            if close < first <= limit and re.fullmatch(r"[\s,.;:!?—–”“\"’')-]*", masked[close + 1 : first]):
                if _introduces_next(masked, frame, limit, later_spans):
                    break
                if _starts_sentence(self.texts[self.current][span.start : span.end], masked[first:limit]):
                    break
                if frame.kind in {"sv", "inverted", "according"}:
                    return self._take(result, frame, "after")
                break
        # B: the nearest frame before the quote in the sentence
        before = [f for f in frames if f.end <= span.open_at and not _judges(masked, f, span)]
        if before:
            frame = max(before, key=lambda f: f.end)
            return self._take(result, frame, "before")
        # C: a frame later in the sentence ("“…” in that law, Azzouz said.")
        for frame in frames:
            if frame.start > close and frame.start < limit and frame.kind in {"sv", "inverted", "according"}:
                if _introduces_next(masked, frame, limit, later_spans):
                    break
                return self._take(result, frame, "later")
        # D: a described subject and a speech verb right after the closing mark, which the frames do
        # not know as a source ("“Out!” the crowd yelled.", "“…,” the suit reads.")
        described = _DESCRIBED_AFTER.match(masked, close + 1) if span.closed else None
        if described:
            entity = self._described(described.group(1), self.current)
            if entity is not None:
                result.speaker, result.cue, result.how = entity.name, described.group(2), "after"
        return result

    def _labelled(self, label: str) -> str:
        """The person a transcript label names: someone the article names with that surname
        ("LEE" is Ann Lee), else the label as a name ("Lee")."""
        surname = surname_of(label)
        person = self.cast.person_by_surname(surname) or next(
            (p for p in self.cast.people.values() if surname_of(p.name).lower() == surname.lower()), None
        )
        if person is not None:
            return person.name
        return label.title() if label.isupper() else label

    def _take(self, result: Found, frame: Frame, how: str) -> Found:
        result.speaker, result.pending_role, result.cue, result.how = frame.speaker, frame.pending_role, frame.cue, how
        result.antecedents = self.antecedents.get(id(frame))
        return result

    def _judge(self, result: Found, text: str) -> None:
        """Decide the kind, and drop what is a name or a scare quote rather than speech."""
        words = text[result.span.start : result.span.end].strip()
        if result.how == "continued":
            result.kind = "continued"
        else:
            # masking the span leaves what precedes it, up to the first character of its opening mark
            lead = text[: opening_mark_at(text, result.span.open_at)].rstrip()
            sentence_start = not lead or lead[-1] in ".!?:,—–" or lead.endswith(("”", '"'))
            result.kind = "direct" if words[:1].isupper() and sentence_start else "partial"
        if result.drop:
            return
        if is_title(words) or NAMED_WORK.search(text[max(0, result.span.open_at - 80) : result.span.open_at]):
            result.drop, result.speaker, result.how = True, None, "name"
            return
        if not result.speaker and not result.pending_role and len(words.split()) <= 4 and result.span.closed:
            result.drop, result.how = True, "scare"
        elif not result.speaker and not result.pending_role and is_headline(text):
            result.drop, result.how = True, "headline"  # a related-story link or a caption, not the story


# Between a name and its verb: a party and state "(D-Calif.)" or a picture note "(pictured)", "(left)".
_PICTURE_NOTES = "|".join(n.replace(" ", r"\s+") for n in PICTURE_NOTES)
_ASIDE = re.compile(rf"{PARTY_STATE.pattern}|\s\((?:{_PICTURE_NOTES})\)(?=[\s,.;:]|$)")
_PROTAGONISTS = "|".join(sorted(PROTAGONIST_NOUNS))
# A sentence's opening subject, perhaps after a short lead-in clause ("Asked about it, ...") or a
# connective ("But Ayotte isn't interested."): "the Frenchman", "the actor" (with an appositive),
# or a surname alone; a lowercase verb follows.
_CONNECTIVE = "|".join(w.capitalize() for w in SENTENCE_CONNECTIVES)
# The lead-in is no name set off by a comma ("Ann Cole, the party's lawyer, has …"): that name is the subject.
_NOT_NAME_WORDS = "|".join(sorted(w.capitalize() for w in NOT_NAME if w.isalpha()))
_NAME_RUN = rf"(?!(?:{_NOT_NAME_WORDS})\b)[A-Z][\w’'-]+(?:\s+[A-Z]\.)*(?:\s+[A-Z][\w’'-]+)+,"
_LEAD_IN = rf"\W*(?:(?!{_NAME_RUN})[^,.;:]{{0,60}},\s+)?(?:(?:{_CONNECTIVE}),?\s+)?"
# "agreed to take part", "continued to hurt": a frame verb before an infinitive reports no words
# ("said to reporters", "told to the court" name a listener)
_INFINITIVE_AFTER = re.compile(
    r"\s+to\s+(?!(?:the|a|an|this|that|these|those|his|her|their|its|my|our|your|him|me|us|them|you|it|one|"
    r"police|staff|everyone|anyone|someone|nobody|each|both|all|some|many)\b)[a-z]+(?<!s)(?!['’\w])"
    r"|\s+to\s+[a-z]+ss\b"
)
_DESCRIBED_SUBJECT = re.compile(rf"{_LEAD_IN}({ANAPHOR.pattern})(?=\s+[a-z])")
_PROTAGONIST_SUBJECT = re.compile(rf"{_LEAD_IN}([Tt]he\s+(?:{_PROTAGONISTS}))(?=\s*(?:,[^,]+,\s*)?\s[a-z])")
# A name alone before a colon, perhaps after its lowercase role ("Former senator Ann Lee:").
_ROLE_WORD = "|".join(sorted({w for w in TITLE_WORDS if w.isalpha()} | {"of", "for", "state"}))
_LABEL = re.compile(rf"\W*(?:(?i:{_ROLE_WORD})\s+){{0,6}}({PERSON}):\s*[“\"]?$")
# "“…” ― Ann Lee", "“…” - Leeds head coach Ann Lee, after the final", "“…” — Ann Lee talking about …":
# a name after a dash, perhaps after its role, ending the paragraph or before a description.
_BYLINE_AFTER = r"(?=\s*(?:[,;(]|\.?\s*$)|\s+(?:talking|speaking|writing)\b)"
# A role before the byline's name: up to four words (no function words) and a title noun.
_BYLINE_ROLE = (
    r"(?:(?!(?:the|a|an|and|but|then|to|was|were|is|are|of|in|on|at|by|from|who|which|that)\b)[\w’'.-]+\s+){0,4}?"
    rf"(?i:{_ROLE_WORD})\s+"
)
_DASH_BYLINE = re.compile(rf"[\s,.;:!?”“\"’']*(?:[―—–]|\s-)\s*((?:{_BYLINE_ROLE})?{PERSON}){_BYLINE_AFTER}")
_CLAUSE_SUBJECT = re.compile(
    rf"{_LEAD_IN}((?:[Hh]e|[Ss]he|[Tt]hey|[Ii]t)|{NOUN_PHRASE}|{GROUP}|{NAME})(?=\s*(?:,[^,]+,\s*)?\s+[a-z])"
)
# "Another child", "The crowd", "Many reporters", "Her campaign": a determiner and lowercase words
# opening the sentence, then a lowercase verb
_DETERMINERS = "|".join(rf"[{w[0].upper()}{w[0]}]{w[1:]}" for w in SOURCE_DETERMINERS)
_DESCRIBED_CLAUSE_SUBJECT = re.compile(
    rf"{_LEAD_IN}((?:{_DETERMINERS})\s+(?:[a-z][\w’'-]*\s+){{0,3}}?[a-z][\w-]*)(?=\s*(?:,[^,]+,\s*)?\s+[a-z])"
)
# The same subject read to its head noun when a verb follows it ("One such letter, seen by
# the paper, says", "Her housing plan would"): modifiers are not cut off as the subject.
_VERB_WORDS = "|".join(sorted(AUXILIARIES | set(AUXILIARY_WORDS) | SPEECH_VERBS, key=len, reverse=True))
_NOT_IN_SUBJECT = "|".join(
    sorted(AUXILIARIES | set(AUXILIARY_WORDS) | SPEECH_VERBS | NOT_MODIFIERS | set(PRONOUN_GENDER))
)
_NOT_VERB = rf"(?!(?:{_NOT_IN_SUBJECT})\b)[a-z][\w’'-]*"
_DESCRIBED_NOUN_PHRASE = re.compile(
    rf"{_LEAD_IN}((?:{_DETERMINERS})\s+(?:{_NOT_VERB}\s+){{0,3}}{_NOT_VERB})"
    rf"(?=\s*(?:,[^,]+,\s*)?\s+(?:{_VERB_WORDS}|[a-z]+ed|[a-z]+[^\Ws]s)\b)"
)
# "the teenager", "the 19-year-old seamer": a singular noun for a person
_PERSON_DESCRIPTION = re.compile(r"[Tt]he\s+(?:[\w’'-]+\s+){0,3}[a-z]+(?:er|or|ist|ian|ant|ent|ee)")
_SPEECH_VERB = "|".join(sorted(SPEECH_VERBS | {"reads", "read"}, key=len, reverse=True))
_DESCRIBED_AFTER = re.compile(
    rf"[\s,.!?”\"’']*((?:{_DETERMINERS})\s+(?:[a-z][\w’'-]*\s+){{0,3}}?[a-z][\w-]*)"
    rf"\s+(?:[a-z]+ly\s+)?({_SPEECH_VERB})\b"
)
_SINGULARS = {plural: singular for singular, plural in IRREGULAR_PLURALS.items()}
# Head nouns of a described subject that can speak.
_SPEAKING_NOUNS = (
    SOURCE_NOUNS
    | DESCRIPTIVE_NOUNS
    | PROTAGONIST_NOUNS
    | PARTY_MEMBER_NOUNS
    | OFFICE_NOUNS
    | GENERIC_ROLE_NOUNS
    | SPEECH_NOUNS
    | {w for w in KIN_NOUNS if " " not in w}
    | SPEAKING_NOUNS
)
_SURNAME_SUBJECT = re.compile(rf"{_LEAD_IN}([A-Z][\w’'-]+)(?=\s*(?:,[^,]+,\s*)?\s[a-z])")


# A capitalised name run and the lowercase word after it that is no preposition or conjunction: a
# clause's subject and its verb ("Lee appeared", "Ann Lee famously clashed").
_NOT_VERB_WORDS = "|".join(sorted(NOT_VERBS | {"and", "or", "nor"}))
_NAME_BEFORE_VERB = re.compile(rf"(?<![\w’'])({PERSON})(?<![’']s)\s+(?:[a-z]+ly\s+)?(?!(?:{_NOT_VERB_WORDS})\b)[a-z]")
# Lowercase words a clause's subject may follow ("and Lee said", "former minister Ann Lee").
_BEFORE_SUBJECT = {"and", "but", "that", "then", "so", "yet", "also", "while"} | {
    w for w in TITLE_WORDS if w.isalpha() and w.islower()
}
# A name and the comma that sets off its description ("Columnist Ann Lee, a former aide").
_APPOSITIVE_AFTER_NAME = re.compile(r"(?<![\w’'])[A-Z][\w’'-]+(?:\s+[A-Z]\.)*\s+[A-Z][\w’'-]+,\s*$")
# A headline's label: the words before its first colon, no quotation mark among them.
_HEADLINE_LABEL = re.compile(r"\s*([^:“”\"‘’]{2,60}?):\s")
# A copula between a speech noun and a quote: "his view is “dangerously wrong”" judges the view.
_COPULA = re.compile(
    r"\s+(?:is|was|are|were|(?:has|have|had)\s+been|remains|seems|(?:will|would)\s+be)(?:\s+(?:not|[a-z]+ly))?\s*$"
)


def _judges(masked: str, frame: Frame, span: Span) -> bool:
    """ "Lee said Cole’s plan was “a fantasy”": a quote that is the predicate of a speech noun judges
    the noun's words; it is not their content, so the noun's owner is not its speaker."""
    return frame.kind == "possessive" and bool(_COPULA.fullmatch(masked, frame.end, span.open_at))


_SENTENCE_OPENER = re.compile(rf"(?:He|She|They|We|I|It|{_CONNECTIVE})\b")


def _starts_sentence(words: str, after: str) -> bool:
    """ "“We won!” She smiled, then said …": after a quote that ends its sentence, a capitalised
    pronoun or connective opens the next sentence; it is no frame of the quote's."""
    return bool(re.search(r"[.!?][’'\s]*$", words.rstrip())) and bool(_SENTENCE_OPENER.match(after))


def _can_speak(phrase: str) -> bool:
    """Whether a described subject's head noun is someone or something that speaks: a person, a
    group, a title, a spokesperson, an institution or a document ("the crowd", "a memo")."""
    head = phrase.split()[-1].lower()
    forms = {head, head + "s", re.sub(r"e?s$", "", head), re.sub(r"s$", "", head), _SINGULARS.get(head, head)}
    if forms & _SPEAKING_NOUNS:
        return True
    return bool(re.search(r"(?:ist|ian|eon|man|men|ee|er|or)s?$", head)) and not forms & NOT_PERSON_NOUNS


def headline_label(cast: Cast, text: str, pos: int) -> str | None:
    """The speaker a headline names before its colon ("Lee: Ferry Plan ‘Sinks the Harbour’"), or None.

    The label may be a name the article knows, a clause whose subject is one ("Lee Hits Back:
    …"), or a short capitalised name of a source ("Harbour Watch: …"); a rubric ("The Latest:",
    "Video: …") names nobody.
    """
    match = _HEADLINE_LABEL.match(text)
    if not match:
        return None
    label = match.group(1).strip()
    words = label.split()
    if words[0].lower() in NOT_NAME or re.sub(r"[’']s$|\W", "", words[0].lower()) in RUBRIC_WORDS:
        return None
    if len(words) <= 3:
        entity, _ = cast.resolve(label, pos)
        if entity is not None:
            return entity.name
        return label if all(w[:1].isupper() for w in words) else None
    hit = next((h for h in find_people(label) if not h.possessive), None)
    if hit is None or hit.start != 0 or len(hit.name.split()) > 3:
        return None
    person = cast.person_by_surname(surname_of(hit.name))
    return person.name if person is not None else None


def attribute_headlines(attributor: Attributor, headlines: list[int], body: list[int]) -> None:
    """A headline quote is the speaker's its label names ("Lee: …"); otherwise it names nobody, and
    its owner is whoever says the same words in the body."""
    for pos in headlines:
        label = headline_label(attributor.cast, attributor.texts[pos], pos)
        for span in attributor.spans.get(pos, []):
            result = attributor.found.get((pos, span.start))
            if result is None or is_title(attributor.texts[pos][span.start : span.end]):
                continue
            if label is not None and span.open_at > attributor.texts[pos].index(":"):
                result.speaker, result.cue, result.how, result.drop = label, None, "headline", False
                result.kind = "partial"
                continue
            if result.speaker:
                continue
            phrase = normalise_marks(attributor.texts[pos][span.start : span.end]).strip(" .,;:!?")
            for other in body:
                at = normalise_marks(attributor.texts[other]).find(phrase)
                if at < 0:
                    continue
                frames = [f for f in attributor.frames.get(other, []) if f.speaker]
                if frames:
                    frame = min(frames, key=lambda f: abs(f.start - at))
                    result.speaker, result.cue, result.how, result.drop = frame.speaker, frame.cue, "headline", False
                    result.kind = "partial"
                break


def tie_pending_roles(attributor: Attributor, cast: Cast) -> None:
    """ "The Defence Secretary has said …" in the lede: the role belongs to the next named speaker."""
    for (pos, _), result in attributor.found.items():
        if result.speaker or not result.pending_role:
            continue
        person = cast.person_by_role(result.pending_role)
        if person is None:
            named = (
                cast.entity(f.speaker)
                for p in range(pos, pos + 3)
                for f in attributor.frames.get(p, [])
                if f.speaker and f.subject and f.subject.strip().lower() not in PRONOUN_GENDER
            )
            person = next((e for e in named if e is not None and e.kind == "person"), None)
            if person is not None and person.role:
                person = None  # the next speaker holds another office (no role matched above)
            if person is not None and not person.role:
                person.role = clean_role(result.pending_role)
        if person is None:  # nobody named holds it: an unnamed official ("the minister")
            person = cast.source(
                re.sub(r"^(?:The|His|Her|Their)\b", lambda m: m.group(0).lower(), result.pending_role),
                person_like=True,
                category="spokesperson",
            )
        cast.add_alias(person, result.pending_role)
        for other in attributor.found.values():
            if other.pending_role == result.pending_role and not other.speaker:
                other.speaker = person.name
        result.speaker = person.name


__all__ = [
    "Attributor",
    "Found",
    "attribute_headlines",
    "headline_label",
    "tie_pending_roles",
]
