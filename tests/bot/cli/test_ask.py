"""``onrecord ask`` (JSON contract, stdin mode, readable output) and ``onrecord eval`` (table and JSON)."""

from __future__ import annotations

import io
import json

import pytest

from bot.cli import main
from knowledge import bundled_article_path
from tests.conftest import DATA_DIR

pytestmark = pytest.mark.slow
ARTICLE = str(bundled_article_path())
ANSWER_KEYS = {"question", "speaker", "intent", "no_answer", "message", "answers"}
PASSAGE_KEYS = {"text", "speaker", "role", "kind", "article", "paragraphs", "score"}


def test_ask_json_contract(capsys):
    assert main(["ask", "what did Healey say about talks", "--knowledge", ARTICLE, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == ANSWER_KEYS
    assert data["intent"] == "said" and data["speaker"] == "John Healey" and data["no_answer"] is False
    assert 1 <= len(data["answers"]) <= 3
    for passage in data["answers"]:
        assert set(passage) == PASSAGE_KEYS
        assert set(passage["article"]) == {"id", "title", "date"}
        assert all(isinstance(p, int) for p in passage["paragraphs"])
        assert isinstance(passage["score"], float)


def test_ask_takes_a_question_written_after_the_article_paths(capsys):
    assert main(["ask", "--knowledge", ARTICLE, "what did Healey say about talks", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["question"] == "what did Healey say about talks" and data["speaker"] == "John Healey"


def test_ask_reads_questions_from_stdin_as_json_lines(capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("what did Healey say about talks\n\nWhat did Tore Sandvik say?\n"))
    assert main(["ask", "--knowledge", ARTICLE, "--json", "-k", "1"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 2
    first, second = (json.loads(line) for line in lines)
    assert len(first["answers"]) == 1 and first["answers"][0]["speaker"] == "John Healey"
    assert second["no_answer"] is True and "Sandvik" in second["message"]


def test_ask_readable_output_has_speaker_quote_and_source(capsys):
    assert main(["ask", "what did the defence secretary say about military aid?", "--knowledge", ARTICLE]) == 0
    out = capsys.readouterr().out
    assert "John Healey" in out and "military aid" in out and "¶" in out


@pytest.mark.parametrize("question", ["", "   ", "x" * 10_000, "\x00\x01"])
def test_ask_bad_question_is_one_line_and_non_zero(capsys, question):
    assert main(["ask", question, "--knowledge", ARTICLE]) == 1
    err = capsys.readouterr().err
    assert err.startswith("onrecord: ") and err.count("\n") == 1 and "Traceback" not in err


def test_ask_missing_article_is_an_error(capsys, tmp_path):
    assert main(["ask", "what?", "--knowledge", str(tmp_path / "missing.txt")]) == 1
    assert "Traceback" not in capsys.readouterr().err


def test_eval_table_and_json(capsys):
    seed = str(DATA_DIR / "seed.qa.json")
    assert main(["eval", seed]) == 0
    out = capsys.readouterr().out
    for label in ("hit@1", "hit@3", "MRR", "speaker", "no-answer", "overall"):
        assert label in out
    assert main(["eval", seed, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    overall = report["overall"]
    assert overall["cases"] == 12
    assert set(overall) >= {"hit_at_1", "hit_at_3", "mrr", "speaker_accuracy", "no_answer_accuracy"}
    assert report["articles"][0]["article"].endswith(".txt")


def test_eval_bad_file_is_an_error(capsys, tmp_path):
    bad = tmp_path / "x.qa.json"
    bad.write_text("[]")
    assert main(["eval", str(bad)]) == 1
    assert capsys.readouterr().err.startswith("onrecord: ")


def test_ask_with_a_missing_db_is_an_error_and_creates_nothing(capsys, tmp_path):
    missing = tmp_path / "missing.sqlite"
    assert main(["ask", "what did Healey say?", "--db", str(missing)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("onrecord: no knowledge base at ") and "onrecord ingest ARTICLE --db" in err
    assert err.count("\n") == 1 and not missing.exists() and list(tmp_path.iterdir()) == []


def test_eval_of_quotation_files_reports_an_overall_row_and_accuracy_by_kind_of_source(capsys, tmp_path):
    text = (
        "“It will cost us all dearly,” Ann Lee told reporters.\n\n"
        "Officials said the figures were “far worse than anyone had been told to expect”."
    )
    gold = {
        "quotes": [
            {"text": "It will cost us all dearly", "accept": ["lee"], "speaker_kind": "named"},
            {
                "text": "far worse than anyone had been told to expect",
                "accept": ["official"],
                "speaker_kind": "unnamed",
            },
        ]
    }
    files = []
    for name in ("one", "two"):
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
        (tmp_path / f"{name}.quotes.json").write_text(json.dumps(gold), encoding="utf-8")
        files.append(str(tmp_path / f"{name}.quotes.json"))
    assert main(["eval", *files, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["attribution_overall"]["by_kind"] == {
        "named": {"speaker_accuracy": 1.0, "matched": 2},
        "unnamed": {"speaker_accuracy": 1.0, "matched": 2},
    }
    assert main(["eval", *files]) == 0
    out = capsys.readouterr().out
    assert "overall" in out and "named 1.000 (n=2), unnamed 1.000 (n=2)" in out


def test_ask_text_says_when_words_beside_someone_are_not_quoted_by_name():
    from bot.cli.ask import render_answer
    from retrieval import Answer
    from tests.bot.fake_answerer import passage

    own = passage("“The quay stays open,” Tom Berg said.", speaker="Tom Berg", role=None, kind="quote")
    beside = passage("Tom Berg stood by the sign: “Fees go up.”", speaker=None, role=None, kind="paragraph")
    beside.beside = "Tom Berg"
    text = render_answer(Answer("what did Berg say about fees?", "Tom Berg", "said", False, None, [own, beside]))
    lines = text.splitlines()
    note = "(Not quoted by name: the article sets these words beside Tom Berg without saying who said them)"
    assert lines[lines.index("2. (from the article)") + 1].strip() == note
    assert note not in text.split("2. (from the article)")[0]
