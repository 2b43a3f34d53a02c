"""Answering per collection: each sees the global articles and its own, never another collection's."""

from __future__ import annotations

import pytest

from knowledge import bundled_article_path, parse_article
from retrieval import Answerer, RetrievalError
from retrieval.store import KnowledgeBase

pytestmark = pytest.mark.slow

# Two servers' articles of the same id: each must stay in its own collection.
HARBOUR = """Council approves harbour rebuild

The mayor, Ana Ortiz, said on Tuesday that the council had approved the plan to rebuild the harbour.

“We will rebuild the harbour wall by spring, and the fishing fleet will be back in the water,” Ortiz said.

The work will cost £4 million, the council said.
"""
BRIDGE = """Old bridge to close for repairs

The engineer in charge, Tomas Berg, said cracks had been found in the main span of the old bridge.

“The bridge is unsafe for lorries and must close for the whole winter,” Berg said.

Drivers will be sent on a ten-mile detour, the county said.
"""


@pytest.fixture(scope="module")
def answerer(embedder) -> Answerer:
    kb = KnowledgeBase.in_memory([bundled_article_path()], embedder)
    kb.add_articles([parse_article(HARBOUR, "local")], collection="111")
    kb.add_articles([parse_article(BRIDGE, "local")], collection="222")
    return Answerer(kb, embedder)


def texts(answer) -> str:
    return " ".join(p.text for p in answer.answers + answer.mentioned_in)


def test_each_collection_answers_from_its_own_article(answerer):
    harbour = answerer.ask("what did Ortiz say about the harbour?", collection="111")
    assert not harbour.no_answer and harbour.answers[0].speaker == "Ana Ortiz"
    assert harbour.answers[0].article.id == "local" and "harbour wall" in harbour.answers[0].text
    bridge = answerer.ask("what did Berg say about the bridge?", collection=222)  # a guild id as an int works too
    assert not bridge.no_answer and bridge.answers[0].speaker == "Tomas Berg"
    assert "unsafe for lorries" in bridge.answers[0].text


def test_another_collections_article_never_answers(answerer):
    for collection in ("222", "333", None):
        answer = answerer.ask("what did Ortiz say about the harbour?", collection=collection)
        # the message may echo the name asked about, never the full name only the article knows
        assert "harbour" not in texts(answer) and "Ana Ortiz" not in (answer.message or "") + texts(answer)
        topic = answerer.ask("when will the harbour wall be rebuilt?", collection=collection, k=5)
        assert "harbour wall" not in texts(topic)
    elsewhere = answerer.quotes("Ortiz", collection="222")
    assert elsewhere.no_answer and not elsewhere.answers and "Ana Ortiz" not in elsewhere.suggestions


def test_the_global_article_is_seen_from_every_collection(answerer):
    for collection in ("111", "222", None):
        answer = answerer.ask("what did Healey say about talks", collection=collection)
        assert answer.answers[0].speaker == "John Healey"


def test_speakers_and_articles_are_per_collection(answerer):
    def names(collection):
        return {s.name for s in answerer.speakers(collection=collection)}

    assert "Ana Ortiz" in names("111") and "Tomas Berg" not in names("111")
    assert "Tomas Berg" in names("222") and "Ana Ortiz" not in names("222")
    assert {"Ana Ortiz", "Tomas Berg"}.isdisjoint(names(None)) and "John Healey" in names(None)
    assert [a.speakers for a in answerer.articles(collection="111")][1:] == [("Ana Ortiz",)]
    assert [a.speakers for a in answerer.articles(collection="222")][1:] == [("Tomas Berg",)]
    assert len(answerer.articles()) == 1
    assert answerer.speakers("local", collection="222")[0].name == "Tomas Berg"


def test_autocomplete_is_per_collection(answerer):
    assert answerer.find_speakers("ort", collection="111")[0] == "Ana Ortiz"
    assert "Ana Ortiz" not in answerer.find_speakers("ort", collection="222")
    assert "Ana Ortiz" not in answerer.find_speakers("", collection="222")
    assert [a.speakers for a in answerer.find_articles("loc", collection="111")] == [("Ana Ortiz",)]
    assert [a.speakers for a in answerer.find_articles("loc", collection="222")] == [("Tomas Berg",)]


def test_one_article_of_a_collection(answerer):
    answer = answerer.ask("what did Berg say?", collection="222", article="local")
    assert answer.answers and all("Berg" in p.speaker for p in answer.answers)
    with pytest.raises(RetrievalError, match="no article 'local'"):
        answerer.ask("what did Berg say?", article="local")
