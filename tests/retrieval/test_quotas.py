"""Quotas per collection: articles and bytes of text, set by environment variables, refused in one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval import RetrievalError
from retrieval.quotas import MAX_ARTICLES_ENV, MAX_BYTES_ENV, Quota, QuotaError, text_bytes
from retrieval.store import KnowledgeBase
from tests.retrieval.store_fixtures import RandomEmbedder, make_article


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "kb.sqlite"


def test_a_collection_holds_at_most_max_articles(db, monkeypatch):
    monkeypatch.setenv(MAX_ARTICLES_ENV, "2")
    embedder = RandomEmbedder()
    with KnowledgeBase.open(db, embedder) as kb:
        kb.add_articles([make_article("one"), make_article("two")], collection="g")
        embedded = len(embedder.texts)
        with pytest.raises(
            QuotaError, match=rf"collection g would hold 3 articles, over its limit of 2 \({MAX_ARTICLES_ENV}\); remove"
        ) as error:
            kb.add_articles([make_article("three")], collection="g")
        assert "\n" not in str(error.value) and isinstance(error.value, RetrievalError)
        assert len(embedder.texts) == embedded, "a refused article was embedded"
        assert [a.id for a in kb.articles_in("g")] == ["one", "two"]
        # replacing one, another collection and global articles are within the quota
        assert kb.add_articles([make_article("two", topic="the bridge")], collection="g").articles == 1
        kb.add_articles([make_article("three")], collection="h")
        kb.add_articles([make_article(str(n)) for n in range(3)])
        kb.remove("one", collection="g")
        assert kb.add_articles([make_article("three")], collection="g").articles == 1
        assert kb.collection_usage("g")[0] == 2
    with KnowledgeBase.open(db, embedder) as kb:
        assert [a.id for a in kb.articles_in("g")] == ["two", "three"]


def test_a_collection_holds_at_most_max_bytes_of_text(db, monkeypatch):
    size = text_bytes(make_article("one"))
    monkeypatch.setenv(MAX_BYTES_ENV, str(2 * size + 10))
    with KnowledgeBase.open(db, RandomEmbedder()) as kb:
        kb.add_articles([make_article("one"), make_article("two")], collection="g")
        assert kb.collection_usage("g") == (2, 2 * size)
        with pytest.raises(QuotaError, match=rf"of article text, over its limit of .* \({MAX_BYTES_ENV}\)"):
            kb.add_articles([make_article("three")], collection="g")
        assert [a.id for a in kb.articles_in("g")] == ["one", "two"]


def test_articles_another_process_added_count_too(db, monkeypatch):
    monkeypatch.setenv(MAX_ARTICLES_ENV, "1")
    with KnowledgeBase.open(db, RandomEmbedder()) as first, KnowledgeBase.open(db, RandomEmbedder()) as second:
        first.add_articles([make_article("mine")], collection="g")
        with pytest.raises(QuotaError):
            second.add_articles([make_article("theirs")], collection="g")
        assert second.articles_in("g") == []


@pytest.mark.parametrize("value", ["many", "-1", "1.5"])
def test_a_bad_setting_is_one_line(monkeypatch, value):
    monkeypatch.setenv(MAX_ARTICLES_ENV, value)
    with pytest.raises(RetrievalError, match=f"{MAX_ARTICLES_ENV}=.*not a whole number"):
        Quota.from_environment()


def test_zero_is_no_limit_and_unset_is_the_default(monkeypatch):
    monkeypatch.setenv(MAX_ARTICLES_ENV, "0")
    monkeypatch.delenv(MAX_BYTES_ENV, raising=False)
    quota = Quota.from_environment()
    assert quota.max_articles == 0 and quota.max_bytes == Quota().max_bytes
    quota.check("g", 10**6, 1)
