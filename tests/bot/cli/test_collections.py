"""``onrecord ingest --collection``, ``onrecord ask --collection`` and ``onrecord remove`` as a user runs them."""

from __future__ import annotations

import json

import pytest

from bot.cli import main
from knowledge import bundled_article_path
from retrieval.store import KnowledgeBase
from tests.bot.conftest import bundled_kb_copy

pytestmark = pytest.mark.slow

HARBOUR = """Council approves harbour rebuild

The mayor, Ana Ortiz, said on Tuesday that the council had approved the plan to rebuild the harbour.

“We will rebuild the harbour wall by spring, and the fishing fleet will be back in the water,” Ortiz said.
"""


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_error(code: int, out: str, err: str) -> None:
    assert code != 0 and out == ""
    assert err.startswith("onrecord: ") and err.count("\n") == 1, err


@pytest.fixture
def db(tmp_path, capsys, bundled_kb_template):
    """A knowledge base with the bundled article global and a harbour article in collection 111."""
    path = bundled_kb_copy(bundled_kb_template, tmp_path)
    article = tmp_path / "harbour.txt"
    article.write_text(HARBOUR)
    code, out, err = run(capsys, "ingest", str(article), "--db", str(path), "--collection", "111")
    assert code == 0, err
    assert "(collection 111): 1 article ingested" in out
    return path


def test_ask_answers_from_the_collection_only_when_given(db, capsys):
    question = "what did Ortiz say about the harbour?"
    code, out, err = run(capsys, "ask", question, "--db", str(db), "--collection", "111", "--json")
    assert code == 0, err
    answer = json.loads(out)
    assert answer["answers"][0]["speaker"] == "Ana Ortiz" and answer["answers"][0]["article"]["id"] == "harbour"
    for others in (["--collection", "222"], []):
        code, out, err = run(capsys, "ask", question, "--db", str(db), *others, "--json")
        assert code == 0, err
        assert "harbour wall" not in out and "Ana Ortiz" not in out


def test_remove_takes_the_article_out_of_its_collection(db, capsys, embedder):
    code, out, err = run(capsys, "remove", "harbour", "--db", str(db))
    assert_one_line_error(code, out, err)
    assert "no article 'harbour' in the global articles" in err
    code, out, err = run(capsys, "remove", "harbour", "--db", str(db), "--collection", "111")
    assert code == 0, err
    assert "removed article 'harbour' from collection 111" in out
    with KnowledgeBase.open(db, embedder, create=False) as kb:
        assert kb.articles_in("111") == [] and len(kb.articles_in(None)) == 1


def test_rebuild_with_a_collection_is_refused(db, capsys):
    before = db.read_bytes()
    code, out, err = run(
        capsys, "ingest", str(bundled_article_path()), "--db", str(db), "--rebuild", "--collection", "111"
    )
    assert_one_line_error(code, out, err)
    assert db.read_bytes() == before


def test_a_bad_collection_name_is_one_line(db, capsys):
    assert_one_line_error(*run(capsys, "ask", "what did Ortiz say?", "--db", str(db), "--collection", " "))
    assert_one_line_error(*run(capsys, "ingest", str(bundled_article_path()), "--db", str(db), "--collection", ""))


def test_help_describes_collections(capsys):
    for command in ("ingest", "ask", "remove"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        out, _ = capsys.readouterr()
        assert "--collection" in out
