"""Collections in the knowledge base: global articles, per-collection articles of the same id, removing, listing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from knowledge import KnowledgeError
from retrieval import RetrievalError
from retrieval.store import KnowledgeBase
from tests.retrieval.store_fixtures import RandomEmbedder, make_article


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "kb.sqlite"


@pytest.fixture
def embedder() -> RandomEmbedder:
    return RandomEmbedder()


def test_two_collections_hold_articles_of_the_same_id_apart(db, embedder):
    harbour, bridge = make_article("local"), make_article("local", topic="the bridge")
    with KnowledgeBase.open(db, embedder) as kb:
        kb.add_articles([make_article("everyone", topic="the park")])
        assert kb.add_articles([harbour], collection="111").articles == 1
        assert kb.add_articles([bridge], collection="222").articles == 1
        assert kb.add_articles([harbour], collection="111").skipped == 1, "the other collection's article replaced it"
        assert kb.article("local", "111") == harbour and kb.article("local", "222") == bridge
        assert kb.article("local") is None
        assert [a.title for a in kb.articles_in("111")] == [harbour.title]
        assert [a.id for a in kb.articles_in(None)] == ["everyone"]
        assert kb.collections() == ["111", "222"]
        assert [(c, a.id) for c, a in kb.visible("111")] == [(None, "everyone"), ("111", "local")]
        assert [(c, a.id) for c, a in kb.visible(None)] == [(None, "everyone")]
        assert {u.collection for u in kb.units if u.article_id == "local"} == {"111", "222"}
        assert len(kb.units) == kb.vectors.shape[0]
    with KnowledgeBase.open(db, embedder) as kb:
        assert kb.article("local", "111") == harbour and kb.article("local", "222") == bridge
        assert [(c, a.id) for c, a in kb.visible("222")] == [(None, "everyone"), ("222", "local")]


def test_an_article_of_the_collection_hides_a_global_one_of_the_same_id(db, embedder):
    with KnowledgeBase.open(db, embedder) as kb:
        kb.add_articles([make_article("shared")])
        kb.add_articles([make_article("shared", topic="the bridge")], collection="g")
        assert [(c, a.title) for c, a in kb.visible("g")] == [("g", "Council to rebuild the bridge")]
        assert [(c, a.title) for c, a in kb.visible("other")] == [(None, "Council to rebuild the harbour")]


def test_remove_deletes_one_collections_article_and_its_unused_vectors(db, embedder):
    with KnowledgeBase.open(db, embedder) as kb:
        kb.add_articles([make_article("a", topic="the park")])
        kb.add_articles([make_article("a", topic="the bridge")], collection="g1")
        kb.add_articles([make_article("a", topic="the dock")], collection="g2")
        generation = kb.generation
        assert kb.remove("a", collection="g1") is True
        assert kb.generation > generation
        assert kb.remove("a", collection="g1") is False
        assert kb.remove("missing") is False
        assert kb.article("a", "g1") is None and kb.article("a", "g2") is not None and kb.article("a") is not None
        assert all("bridge" not in u.text for u in kb.units)
        assert len(kb.units) == kb.vectors.shape[0]
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
    unused = conn.execute("SELECT count(*) FROM embeddings WHERE hash NOT IN (SELECT text_hash FROM units)")
    assert unused.fetchone()[0] == 0
    conn.close()
    with KnowledgeBase.open(db, embedder) as kb:
        assert [(c, a.id) for c, a in kb.visible("g1")] == [(None, "a")]


def test_ingest_takes_a_collection(tmp_path, db, embedder):
    path = tmp_path / "story.txt"
    path.write_text("Council to rebuild the harbour\n\n“We will not leave the harbour in ruins,” the mayor said.\n")
    with KnowledgeBase.open(db, embedder) as kb:
        kb.ingest([path], collection="12345")
        assert [a.id for a in kb.articles_in("12345")] == ["story"] and kb.articles_in(None) == []


@pytest.mark.parametrize("name", ["", "   ", "x" * 101, "tab\there"])
def test_a_bad_collection_name_is_refused_with_one_line(db, embedder, name):
    with KnowledgeBase.open(db, embedder) as kb:
        with pytest.raises(RetrievalError, match="not a collection name") as error:
            kb.add_articles([make_article()], collection=name)
        assert "\n" not in str(error.value)
        assert kb.articles == []


UPLOAD = (
    "Council approves harbour rebuild\n\n"
    "The mayor, Ana Ortiz, said on Tuesday that the council had approved the plan to rebuild the harbour.\n\n"
    "“We will rebuild the harbour wall by spring, and the fishing fleet will be back in the water,” Ortiz said.\n"
)


def test_add_upload_says_whether_an_article_is_new_replaced_or_unchanged(db, embedder):
    with KnowledgeBase.open(db, embedder) as kb:
        article, report = kb.add_upload("harbour.txt", UPLOAD.encode(), collection="g", origin="https://x.test/h")
        assert article.id == "harbour" and kb.article("harbour", "g") == article
        assert (report.articles, report.replaced, report.skipped) == (1, 0, 0)
        _, report = kb.add_upload("harbour.txt", UPLOAD.encode(), collection="g")
        assert (report.articles, report.replaced, report.skipped) == (0, 0, 1)
        changed = UPLOAD + "\nThe harbour master welcomed the decision.\n"
        _, report = kb.add_upload("harbour.txt", changed.encode(), collection="g")
        assert (report.articles, report.replaced, report.skipped) == (1, 1, 0)
        for name, data, message in [
            ("empty.html", b"", "^empty.html: the file is empty"),
            ("page.html", b"<html><body><script>x()</script></body></html>", "^page.html: no article text"),
        ]:
            with pytest.raises(KnowledgeError, match=message):
                kb.add_upload(name, data, collection="g")
        assert [a.id for a in kb.articles_in("g")] == ["harbour"] and kb.articles_in(None) == []


def test_a_guild_id_may_be_given_as_a_number(db, embedder):
    with KnowledgeBase.open(db, embedder) as kb:
        kb.add_upload("harbour.txt", UPLOAD.encode(), collection=1234567890123)
        assert (
            [a.id for a in kb.articles_in(1234567890123)]
            == ["harbour"]
            == [a.id for a in kb.articles_in("1234567890123")]
        )
        assert kb.article("harbour", 1234567890123) is not None and kb.collection_usage(1234567890123)[0] == 1
        assert [c for c, _ in kb.visible(1234567890123)] == ["1234567890123"]
        assert kb.remove("harbour", collection=1234567890123) and kb.articles_in("1234567890123") == []
