"""Where things are on disk: the articles a folder holds, and the default knowledge base file."""

from __future__ import annotations

import pytest

from retrieval import RetrievalError
from retrieval.paths import article_paths, default_cache_path, default_db_path, read_articles


def test_folders_give_their_articles_once_preferring_text(tmp_path):
    for name in ("b.txt", "b.html", "a.htm", "notes.json", "README.md"):
        (tmp_path / name).write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.txt").write_text("x")
    assert [p.name for p in article_paths([tmp_path])] == ["a.htm", "b.txt"]
    assert [p.name for p in article_paths([tmp_path / "b.html", tmp_path / "b.txt"])] == ["b.txt"]
    (tmp_path / "empty").mkdir()
    with pytest.raises(RetrievalError, match="no articles"):
        article_paths([tmp_path / "empty"])


def test_default_db_path_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("ONRECORD_DB", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_db_path() == tmp_path / "onrecord" / "knowledge.sqlite"
    assert default_cache_path() == tmp_path / "onrecord" / "embeddings.sqlite"
    monkeypatch.setenv("ONRECORD_DB", str(tmp_path / "mine.sqlite"))
    assert default_db_path() == tmp_path / "mine.sqlite"


def test_read_articles_reads_every_file_and_refuses_one_id_twice(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(f"A paragraph from folder {folder}.\n")
    (tmp_path / "a" / "other.txt").write_text("Another story, in one paragraph.\n")
    files, articles = read_articles([tmp_path / "a"])
    assert [f.name for f in files] == ["other.txt", "story.txt"]
    assert [a.id for a in articles] == ["other", "story"]
    with pytest.raises(RetrievalError, match="both article 'story'"):
        read_articles([tmp_path / "a" / "story.txt", tmp_path / "b" / "story.txt"])
    with pytest.raises(RetrievalError, match="no articles given"):
        read_articles([])


def test_the_store_still_offers_its_paths():
    from retrieval import store

    assert store.default_db_path is default_db_path and store.DB_ENV == "ONRECORD_DB"
