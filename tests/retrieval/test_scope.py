"""A scope reads who each paragraph reports from the article; it does not work it out again."""

from __future__ import annotations

import numpy as np

from knowledge import Article, Paragraph, Quote, Speaker
from retrieval.ranking import SearchIndex
from retrieval.scope import build_scope
from retrieval.units import units_for


def _article(article_id: str, reports: list[str | None]) -> Article:
    paragraphs = [
        Paragraph(
            0,
            "\u201cWe will not back down on pay, whatever the board decides,\u201d Ana Ruiz said.",
            0,
            reports=reports[0],
        ),
        Paragraph(1, "The weather was fine all week.", 1, reports=reports[1]),
        Paragraph(2, "Nobody here is named at all.", 2, reports=reports[2]),
    ]
    quote = Quote("q1", "We will not back down on pay, whatever the board decides,", [0], "direct", "Ana Ruiz", "said")
    return Article(article_id, None, None, None, paragraphs, [quote], [Speaker("Ana Ruiz", None, ["Ruiz"])])


def test_paragraph_speakers_come_from_paragraph_reports():
    # "The weather was fine" reports no one by any rule: the scope takes the article's word for it.
    articles = [_article("a", ["Ana Ruiz", "Ana Ruiz", None]), _article("b", [None, None, None])]
    units = [u for a in articles for u in units_for(a)]
    index = SearchIndex(units, np.zeros((len(units), 3), dtype=np.float32))
    scope = build_scope(index, articles, whole=True)
    reported = {units[i].key: speaker for i, speaker in scope.paragraph_speaker.items()}
    assert reported == {"a:p:0": "Ana Ruiz", "a:p:1": "Ana Ruiz"}
    quotes = [i for i, u in enumerate(units) if u.kind == "quote"]
    assert sorted(scope.quotes_by["Ana Ruiz"]) == quotes
    assert [units[i].key for i in scope.reports_of["Ana Ruiz"]] == ["a:p:0", "a:p:1"]
    assert list(scope.attributed) == sorted(quotes + list(scope.paragraph_speaker))


def test_a_one_article_scope_holds_only_that_articles_units():
    articles = [_article("a", ["Ana Ruiz", None, None]), _article("b", ["Ana Ruiz", None, None])]
    units = [u for a in articles for u in units_for(a)]
    index = SearchIndex(units, np.zeros((len(units), 3), dtype=np.float32))
    scope = build_scope(index, articles[1:], whole=False)
    assert {units[i].article_id for i in scope.units} == {"b"}
    assert {units[i].key for i in scope.paragraph_speaker} == {"b:p:0"}
    assert "weather" in scope.vocabulary
