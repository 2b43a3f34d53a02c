"""How answers say where things are: lists, paragraph numbers, article names."""

from __future__ import annotations

import pytest

from retrieval.records import ArticleRef
from retrieval.wording import article_name, paragraph_numbers, series


@pytest.mark.parametrize(
    "indices, words",
    [
        ([9], "paragraph 10"),
        ([9, 15], "paragraphs 10 and 16"),
        ([2, 8, 6], "paragraphs 3, 7 and 9"),
        ([0, 1, 2, 3, 4, 5, 6], "paragraphs 1, 2, 3, 4, 5 and 2 more"),
    ],
)
def test_paragraph_numbers_in_messages(indices, words):
    assert paragraph_numbers(indices) == words


def test_series_lists_as_english_does():
    assert series([]) == ""
    assert series(["a"]) == "a"
    assert series(["a", "b"]) == "a and b"
    assert series(["a", "b", "c"]) == "a, b and c"


def test_an_article_is_named_by_its_title_else_its_id():
    assert article_name(ArticleRef("x1", "Talks stall", None)) == "“Talks stall”"
    assert article_name(ArticleRef("x1", None, None)) == "article x1"
