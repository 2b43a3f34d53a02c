"""Scoring an article's quotations against a gold file, including by kind of source."""

from __future__ import annotations

import json

from knowledge import parse_article
from knowledge.scoring import score_quotes, score_quotes_file

TEXT = """Ann Lee said the plan would fail. “It will cost us all dearly,” Lee told reporters on Monday.

“We have seen nothing like it in years,” said Tom Ross, the council leader.

Officials said the figures were “far worse than anyone had been told to expect”."""


def _gold(ross_accept: str) -> dict:
    return {
        "quotes": [
            {"text": "It will cost us all dearly", "speaker": "Ann Lee", "accept": ["lee"], "speaker_kind": "named"},
            {
                "text": "We have seen nothing like it in years",
                "speaker": "Tom Ross",
                "accept": [ross_accept],
                "speaker_kind": "named",
            },
            {
                "text": "far worse than anyone had been told to expect",
                "speaker": "officials",
                "accept": ["official", "officials"],
                "speaker_kind": "unnamed",
            },
        ]
    }


def test_speaker_accuracy_is_split_by_the_gold_kind_of_source():
    article = parse_article(TEXT, "made-up")
    score = score_quotes(article, _gold("ross"))
    assert score.speaker_accuracy_by_kind() == {"named": (1.0, 2), "unnamed": (1.0, 1)}

    wrong = score_quotes(article, _gold("nobody-of-that-name"))
    assert wrong.speaker_accuracy_by_kind() == {"named": (0.5, 2), "unnamed": (1.0, 1)}
    total = score + wrong
    assert total.speaker_accuracy_by_kind() == {"named": (0.75, 4), "unnamed": (1.0, 2)}


def test_a_gold_without_kinds_reports_none(tmp_path):
    gold = _gold("ross")
    for entry in gold["quotes"]:
        del entry["speaker_kind"]
    (tmp_path / "made-up.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "made-up.quotes.json").write_text(json.dumps(gold), encoding="utf-8")
    score = score_quotes_file(tmp_path / "made-up.quotes.json")
    assert score.speaker_accuracy == 1.0 and score.speaker_accuracy_by_kind() == {}
