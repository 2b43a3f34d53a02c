"""``onrecord ingest`` (and the argument checks of ``onrecord bench``) as a user runs them."""

from __future__ import annotations

import json
import os
import re
import shutil

import pytest

from bot.cli import main
from knowledge import bundled_article_path, load_article
from retrieval.store import KnowledgeBase
from tests.conftest import dev_articles, requires_shared

pytestmark = pytest.mark.slow

SUMMARY = re.compile(
    r"(\d+) articles? ingested \((\d+) unchanged\), (\d+) paragraphs?, (\d+) quotations?, (\d+) speakers?; "
    r"(\d+) passages?: (\d+) embedded, (\d+) reused; [\d.]+s"
)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_error(code: int, out: str, err: str) -> None:
    assert code != 0
    assert out == ""
    assert err.startswith("onrecord: ") and err.count("\n") == 1, err
    assert "Traceback" not in err


def test_ingest_prints_a_summary_and_a_second_run_embeds_nothing(tmp_path, capsys, embedder):
    db = tmp_path / "kb.sqlite"
    code, out, err = run(capsys, "ingest", str(bundled_article_path()), "--db", str(db))
    assert code == 0, err
    match = SUMMARY.search(out)
    assert match, out
    articles, unchanged, paragraphs, quotes, speakers, passages, embedded, reused = map(int, match.groups())
    article = load_article()
    assert (articles, unchanged) == (1, 0)
    assert (paragraphs, quotes, speakers) == (len(article.paragraphs), len(article.quotes), len(article.speakers))
    assert passages == embedded + reused and embedded > 0

    code, out, err = run(capsys, "ingest", str(bundled_article_path()), "--db", str(db))
    assert code == 0
    match = SUMMARY.search(out)
    assert match and match.group(1, 2, 7) == ("0", "1", "0"), out
    with KnowledgeBase.open(db, embedder, create=False) as kb:
        assert [a.id for a in kb.articles] == [article.id]


@requires_shared
def test_ingest_a_folder_takes_each_article_once(tmp_path, capsys):
    folder = tmp_path / "articles"
    folder.mkdir()
    for path in dev_articles()[:2]:
        shutil.copy(path, folder)
        shutil.copy(path.with_suffix(".html"), folder)
    db = tmp_path / "kb.sqlite"
    code, out, err = run(capsys, "ingest", str(folder), "--db", str(db))
    assert code == 0, err
    assert SUMMARY.search(out).group(1) == "2"


def test_ingest_uses_the_configured_database(tmp_path, capsys, monkeypatch):
    db = tmp_path / "from-env.sqlite"
    monkeypatch.setenv("ONRECORD_DB", str(db))
    code, out, err = run(capsys, "ingest", str(bundled_article_path()))
    assert code == 0, err
    assert db.exists() and out.startswith(str(db))


def test_rebuild_replaces_a_damaged_database(tmp_path, capsys):
    db = tmp_path / "kb.sqlite"
    db.write_text("not a database\n")
    code, out, err = run(capsys, "ingest", str(bundled_article_path()), "--db", str(db))
    assert_one_line_error(code, out, err)
    assert "--rebuild" in err
    code, out, err = run(capsys, "ingest", "--rebuild", str(bundled_article_path()), "--db", str(db))
    assert code == 0, err
    assert SUMMARY.search(out).group(1) == "1"


def test_a_missing_article_is_one_line_and_creates_no_database(tmp_path, capsys):
    db = tmp_path / "kb.sqlite"
    code, out, err = run(capsys, "ingest", str(tmp_path / "missing.txt"), "--db", str(db))
    assert_one_line_error(code, out, err)
    assert "missing.txt" in err
    assert list(tmp_path.iterdir()) == []


def test_a_binary_article_is_one_line_and_leaves_the_database_alone(tmp_path, capsys, embedder):
    db = tmp_path / "kb.sqlite"
    KnowledgeBase.open(db, embedder).close()
    before = db.read_bytes()
    binary = tmp_path / "image.txt"
    binary.write_bytes(os.urandom(2048) + b"\x00")
    code, out, err = run(capsys, "ingest", str(binary), "--db", str(db))
    assert_one_line_error(code, out, err)
    assert db.read_bytes() == before


@pytest.mark.parametrize("content", [b"SQLite format 3\x00" + os.urandom(4000), b"hello\n" * 50])
def test_a_corrupt_database_is_one_line_and_left_alone(tmp_path, capsys, content):
    db = tmp_path / "kb.sqlite"
    db.write_bytes(content)
    code, out, err = run(capsys, "ingest", str(bundled_article_path()), "--db", str(db))
    assert_one_line_error(code, out, err)
    assert "knowledge base" in err
    assert db.read_bytes() == content


def test_an_unknown_model_is_one_line(tmp_path, capsys):
    code, out, err = run(
        capsys, "ingest", str(bundled_article_path()), "--db", str(tmp_path / "kb.sqlite"), "--model", "nobody/no-model"
    )
    assert_one_line_error(code, out, err)
    assert "nobody/no-model" in err


def test_bench_rejects_nonsense_sizes(capsys):
    code, out, err = run(capsys, "bench", "--passages", "0")
    assert_one_line_error(code, out, err)


def test_bench_refuses_an_article_to_read_that_is_not_there(capsys, tmp_path):
    code, out, err = run(capsys, "bench", "--read", str(tmp_path / "missing.txt"))
    assert_one_line_error(code, out, err)
    assert "missing.txt" in err


def test_bench_json_has_every_figure_and_embeds_nothing_on_open(capsys):
    seed = str(bundled_article_path())
    code, out, err = run(capsys, "bench", "--passages", "100", "--questions", "3", "--read", seed, "--json")
    assert code == 0, err
    figures = json.loads(out)
    for side in ("small", "large"):
        measured = figures[side]
        assert measured["embedded_on_open"] == 0
        assert measured["questions"] == 3
        for key in ("embed_query_ms", "ask_ms", "vector_search_ms"):
            assert 0 < measured[key]["p50"] <= measured[key]["p99"] or key == "vector_search_ms"
        assert measured["ask_over_embed_p50"] > 0
    assert figures["large"]["passages"] >= 100 + figures["small"]["passages"]
    assert figures["ingest_embedding"]["embedded"] == figures["ingest_embedding"]["passages"] >= 100
    assert figures["targets"]["no_embedding_on_open"]["ok"] is True
    reading = figures["read_vs_embed"]
    assert len(reading["articles"]) == 2  # the bundled article, and the one asked for
    assert reading["read_over_embed"] == figures["targets"]["read_not_slower_than_embedding"]["value"]
