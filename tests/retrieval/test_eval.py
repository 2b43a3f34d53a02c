"""Scoring answers against gold question files: hits, speakers, no-answers (no model needed)."""

from __future__ import annotations

import json

import pytest

from retrieval.evaluation import Case, load_question_file, score_case, summarise
from retrieval.records import Answer, ArticleRef, Passage, RetrievalError
from tests.conftest import DEV_DIR, requires_shared

REF = ArticleRef("a", None, None)


def _answer(*passages: tuple[str, str | None], no_answer: bool = False) -> Answer:
    return Answer(
        question="q",
        speaker=None,
        intent="said",
        no_answer=no_answer,
        message="nothing" if no_answer else None,
        answers=[Passage(text, speaker, None, "quote", REF, [0], 0.5) for text, speaker in passages],
    )


def test_a_hit_needs_the_phrase_after_normalising_marks_case_and_spaces():
    case = Case("q", "answer", expect=["We’ve been working   alongside"], speaker="John Healey")
    result = score_case(case, _answer(("x", "John Healey"), ("WE'VE been working alongside them", "John Healey")), {})
    assert result.rank == 2
    assert result.speaker_ok is True


def test_a_hit_needs_the_right_speaker():
    case = Case("q", "answer", expect=["talks"], speaker="John Healey")
    result = score_case(case, _answer(("all the focus is on talks", "Donald Trump")), {})
    assert result.rank is None
    assert result.speaker_ok is False


def test_accept_words_identify_unnamed_speakers():
    case = Case("q", "answer", expect=["growth"], speaker="UCEA spokesperson")
    accept = {"UCEA spokesperson": ["ucea", "employers"]}
    result = score_case(
        case,
        _answer(
            ("growth", "a spokesperson for the employers' association"),
        ),
        accept,
    )
    assert result.rank == 1 and result.speaker_ok


def test_none_cases_want_no_answer_and_absent_speakers_want_no_attribution():
    assert score_case(Case("q", "none"), _answer(no_answer=True), {}).no_answer_ok
    assert not score_case(Case("q", "none"), _answer(("anything", "X")), {}).no_answer_ok
    absent = Case("q", "none_from_speaker", speaker_absent="Tore Sandvik")
    assert score_case(absent, _answer(("words", "John Healey")), {}).no_answer_ok
    assert not score_case(absent, _answer(("words", "Tore Sandvik")), {}).no_answer_ok


def test_summary_figures():
    results = [
        score_case(Case("q1", "answer", expect=["a"]), _answer(("a", None)), {}),
        score_case(Case("q2", "answer", expect=["b"]), _answer(("x", None), ("b", None)), {}),
        score_case(Case("q3", "answer", expect=["c"]), _answer(no_answer=True), {}),
        score_case(Case("q4", "none"), _answer(no_answer=True), {}),
    ]
    scores = summarise(results)
    assert scores.hit_at_1 == pytest.approx(1 / 3)
    assert scores.hit_at_3 == pytest.approx(2 / 3)
    assert scores.mrr == pytest.approx((1 + 0.5) / 3)
    assert scores.no_answer_accuracy == pytest.approx(3 / 4)


def test_a_malformed_question_file_is_a_one_line_error(tmp_path):
    bad = tmp_path / "bad.qa.json"
    bad.write_text("{not json")
    with pytest.raises(RetrievalError):
        load_question_file(bad)
    bad.write_text(json.dumps({"cases": []}))
    with pytest.raises(RetrievalError):
        load_question_file(bad)
    with pytest.raises(RetrievalError):
        load_question_file(tmp_path / "missing.qa.json")


@requires_shared
def test_dev_question_files_load_with_their_article_and_accept_words():
    for path in sorted(DEV_DIR.glob("*.qa.json")):
        questions = load_question_file(path)
        assert questions.article.is_file()
        assert len(questions.cases) >= 8
    fed = load_question_file(next(DEV_DIR.glob("05_*.qa.json")))
    assert "central bank" in fed.accept["the Federal Reserve"]
