"""Quoted words the attribution credits to nobody, shown for the person the paragraph sets them beside."""

from __future__ import annotations

from dataclasses import replace

import pytest

from knowledge import Article, Mention, parse_article
from retrieval import Answerer

pytestmark = pytest.mark.slow

# A fictional story; the tests then take some speakers away, as an attribution that
# could not find them would leave the article.
STORY = """Harbour fees row deepens as council delays vote

Council leader Priya Natarajan defended the budget on Monday. “We have balanced the books without closing a single library,” Natarajan said.

The harbour master, Tom Okoye, has criticised the plan for weeks. “The fishing fleet cannot survive another rise in mooring charges,” Okoye said.

At a public meeting in March, Natarajan made the following comment:

“The harbour fees will double by the spring, as Tom Okoye keeps telling us, unless the government pays for the sea wall repairs.”

Residents in the old town have complained about the state of the pier, which has been closed since January.

Natarajan said the council would publish the accounts in May. “Every resident will see where the money goes, line by line,” she said.
"""


def _unattributed(article: Article, *, paragraphs: set[int]) -> Article:
    """Return ``article`` with the quotations of ``paragraphs`` credited to nobody, as a failed attribution leaves them."""
    quotes = [replace(q, speaker=None) if set(q.paragraphs) & paragraphs else q for q in article.quotes]
    kept = [p if p.index not in paragraphs else replace(p, reports=None) for p in article.paragraphs]
    quoted = {q.speaker for q in quotes if q.speaker}
    speakers = [s for s in article.speakers if s.name in quoted]
    mentions = list(article.mentions) + [
        Mention(s.name, s.role, sorted(paragraphs)) for s in article.speakers if s.name not in quoted
    ]
    return replace(article, quotes=quotes, paragraphs=kept, speakers=speakers, mentions=mentions)


@pytest.fixture(scope="module")
def harbour(embedder) -> Answerer:
    from retrieval.store import KnowledgeBase

    article = parse_article(STORY, "harbour")
    assert [q.speaker for q in article.quotes if 3 in q.paragraphs] == ["Priya Natarajan"]
    # the colon-introduced quotation and Okoye's only quotation lose their speakers
    article = _unattributed(article, paragraphs={1, 3})
    return Answerer(KnowledgeBase.in_memory([article], embedder), embedder)


def test_a_speakers_unattributed_words_come_after_their_own(harbour):
    answer = harbour.ask("What did Natarajan say about the sea wall repairs?")
    speakers = [p.speaker for p in answer.answers]
    assert not answer.no_answer and speakers[0] == "Priya Natarajan"
    held = [p for p in answer.answers if "sea wall repairs" in p.text]
    assert held and held[0].speaker is None and held[0].kind == "paragraph"
    assert held[0].beside == "Priya Natarajan"  # shown for her, though not quoted by name
    assert all(p.beside is None for p in answer.answers if p.speaker)
    # the article's own words never come above the words attributed to the person asked about
    assert speakers == sorted(speakers, key=lambda s: s is None)


def test_someone_never_quoted_by_name_is_answered_from_the_paragraph_naming_them(harbour):
    answer = harbour.ask("What did Okoye say about mooring charges?")
    assert not answer.no_answer
    assert answer.answers[0].speaker is None and "another rise in mooring charges" in answer.answers[0].text
    assert {p.beside for p in answer.answers} == {"Tom Okoye"}


def test_someone_never_quoted_stays_a_no_answer_off_the_topic_of_those_words(harbour):
    answer = harbour.ask("What did Okoye say about the library opening hours?")
    assert answer.no_answer and "Tom Okoye" in (answer.message or "")


def test_someone_absent_from_the_article_gets_nothing(harbour):
    answer = harbour.ask("What did Angela Brandt say about mooring charges?")
    assert answer.no_answer and not answer.answers


def test_who_said_words_held_only_by_an_unattributed_quotation_shows_them_with_no_speaker(harbour):
    answer = harbour.ask("Who said the harbour fees will double by the spring?")
    assert not answer.no_answer
    top = answer.answers[0]
    assert "harbour fees will double by the spring" in top.text and top.speaker is None
