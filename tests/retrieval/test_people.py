"""The name forms a question may use for a person, and what the article's text says each person is."""

from __future__ import annotations

import pytest

from knowledge.model import Article, Mention, Paragraph, Quote, Speaker
from retrieval.people import People, initialisms, personal_name_words, spoken_name_forms


@pytest.mark.parametrize(
    "name, forms",
    [
        ("Bill de Blasio", {("de", "blasio"), ("bill", "de", "blasio"), ("blasio",)}),
        ("Ursula von der Leyen", {("von", "der", "leyen"), ("ursula", "von", "der", "leyen")}),
        ("Bashar al-Assad", {("al", "assad"), ("assad",), ("bashar", "assad")}),
        ("Nikki R. Haley", {("nikki", "haley"), ("nikki", "r", "haley"), ("haley",)}),
        ("Vann R. Newkirk II", {("vann", "newkirk"), ("newkirk",)}),
        ("Sen. Elizabeth Warren", {("elizabeth", "warren"), ("warren",)}),
    ],
)
def test_spoken_name_forms(name, forms):
    assert forms <= set(spoken_name_forms(name, []))


@pytest.mark.parametrize("text", ["UCEA spokesperson", "the Federal Reserve", "Thames Water", "NATO", "a spokesman"])
def test_what_is_not_a_personal_name(text):
    assert personal_name_words(text) is None


def _article() -> Article:
    paragraphs = [
        "Residents gathered at the school on Monday.",
        "Reed said the roads were blocked.",
        "Marcus Reed, an Army officer who leads the convoy, said the bridge would open.",
        "Farm Bureau head Linda Okafor was not asked.",
    ]
    return Article(
        id="a",
        title=None,
        date=None,
        source=None,
        paragraphs=[Paragraph(i, t, i) for i, t in enumerate(paragraphs)],
        quotes=[Quote("q1", "The bridge will open.", [2], "direct", "Marcus Reed")],
        speakers=[Speaker("Marcus Reed")],
        mentions=[Mention("Linda Okafor", None, [3])],
    )


def test_descriptions_and_introductions_come_from_the_text():
    people = People([_article()])
    reed, okafor = people.get("Marcus Reed"), people.get("Linda Okafor")
    # the relative clause is not part of what he is; the first paragraph saying what he is introduces him
    assert reed.descriptions == ["Army officer"] and reed.introduced_in == [("a", 2)]
    assert {"army", "officer"} <= reed.descriptor_tokens and "officer" in reed.head_nouns
    assert "reed" not in reed.descriptor_tokens  # his name names him; it does not describe him
    assert okafor.descriptions == ["Farm Bureau head"] and okafor.introduced_in == [("a", 3)]


def test_in_a_big_knowledge_base_an_article_is_read_for_names_only_when_asked(monkeypatch):
    monkeypatch.setattr("retrieval.people.DESCRIBED_ARTICLES_MAX", 0)
    people = People([_article()])
    reed = people.get("Marcus Reed")
    assert reed.descriptions == [] and reed.introduced_in == []
    assert people.introduced_in(reed) == [("a", 2)]


def test_someone_mentioned_by_a_fuller_name_is_the_quoted_person_it_ends_with():
    from knowledge.model import Article, Mention, Paragraph, Quote, Speaker
    from retrieval.people import People

    article = Article(
        "a",
        None,
        None,
        None,
        [Paragraph(i, "text", i) for i in range(3)],
        [Quote("q1", "We will hold the line on the budget this year.", [1], "direct", "Wasserman Schultz")],
        [Speaker("Wasserman Schultz", None, [])],
        [Mention("Debbie Wasserman Schultz", None, [0]), Mention("Anna Schultz", None, [2])],
    )
    people = People([article])
    assert people.quoted_as(people.get("Debbie Wasserman Schultz")).name == "Wasserman Schultz"
    # one surname alone is not enough: "Anna Schultz" may be someone else
    assert people.quoted_as(people.get("Anna Schultz")) is None


@pytest.mark.parametrize(
    "text, found",
    [
        ("executive director of the Coastal Wildlife Protection League", {"cwpl"}),
        ("head of the Bureau of Tidal Surveys", {"bts"}),
        ("a spokesman for Varn & Tollis Holdings", {"vth"}),
        ("an editor at The Morning Quill Gazette", {"mqg"}),
        ("a Vermont farmer", set()),  # one capitalised word abbreviates nothing
        ("Upper Sedge", set()),  # two initials are too few to rely on
    ],
)
def test_initialisms_of_the_capitalised_runs_a_reader_abbreviates(text, found):
    assert initialisms(text) == found
