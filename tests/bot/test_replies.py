"""What each command replies, whatever the surface: cleaning questions, finding the article meant, the question limit."""

from __future__ import annotations

import pytest

from bot import replies
from bot.errors import BadInput
from retrieval.question import MAX_QUESTION_CHARS
from tests.bot.fake_answerer import ARTICLE, FakeAnswerer


def test_an_article_is_found_by_id_or_exact_title_and_otherwise_refused_with_suggestions():
    answerer = FakeAnswerer()
    assert replies.resolve_article(answerer, ARTICLE.id).id == ARTICLE.id
    assert replies.resolve_article(answerer, "  harbour PLAN approved after long debate ").id == ARTICLE.id
    assert replies.resolve_article(answerer, "") is None
    with pytest.raises(BadInput, match="Did you mean: Harbour plan approved after long debate"):
        replies.resolve_article(answerer, "Harbour plan")
    with pytest.raises(BadInput, match="Type /article to see them"):
        replies.resolve_article(answerer, "weather")


def test_questions_are_cleaned_of_control_characters_and_extra_space():
    assert replies.clean_question("  what\x00 did\n\tBerg   say? ") == "what did Berg say?"


def test_the_bot_takes_questions_up_to_the_answering_apis_own_limit():
    longest = "x" * MAX_QUESTION_CHARS
    assert replies.clean_question(longest) == longest
    with pytest.raises(BadInput, match=f"keep it under {MAX_QUESTION_CHARS:,}"):
        replies.clean_question("x" * (MAX_QUESTION_CHARS + 1))


def test_a_10000_character_question_is_refused_in_one_line_without_asking():
    answerer = FakeAnswerer()
    with pytest.raises(BadInput) as caught:
        replies.ask_pages(answerer, "x" * 10_000)
    assert "\n" not in str(caught.value) and "10,000 characters" in str(caught.value)
    assert answerer.calls == []
