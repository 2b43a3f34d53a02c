"""Finding people's names in a paragraph: which capitalised words name a person."""

from __future__ import annotations

import pytest

from knowledge.names import find_people
from tests.knowledge.made_up import article, speakers_of


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Mrs May told the hall the plan would work.", "May"),
        ("Mr King said the figures were wrong.", "King"),
        ("Mr Will said the figures were wrong.", "Will"),
        ("Ms April Dunmore said the figures were wrong.", "April Dunmore"),
        ("Maria May said the figures were wrong.", "Maria May"),
        ("Gary King said the figures were wrong.", "Gary King"),
    ],
)
def test_a_month_modal_or_title_word_is_a_surname_after_an_honorific_or_given_name(sentence, name):
    assert [hit.name for hit in find_people(sentence)] == [name]


@pytest.mark.parametrize(
    "sentence",
    [
        "Mr President, the figures are wrong.",
        "In May Dunmore said the figures were wrong.",
        "They will meet in May to vote.",
    ],
)
def test_an_addressed_office_or_a_month_alone_is_no_person(sentence):
    assert [hit.name for hit in find_people(sentence) if hit.name in {"President", "May", "In May"}] == []


def test_the_honorific_and_the_full_name_are_one_speaker():
    a = article(
        "Maria May has told colleagues she will stay, declaring “I am staying”.",
        "“There is work to be done,” Mrs May said.",
    )
    assert speakers_of(a) == ["Maria May", "Maria May"]


@pytest.mark.parametrize(
    ("word", "org"),
    [
        ("NewsHarbor", True),
        ("FactLedger", True),
        ("McAlister", False),
        ("DeLuca", False),
        ("MacInnes", False),
        ("LaRue", False),
    ],
)
def test_an_inner_capital_after_a_long_stem_is_a_brand_not_a_surname(word, org):
    from knowledge.names import looks_like_org

    assert looks_like_org([word]) is org


def test_a_pronoun_never_takes_a_brand_as_its_person():
    a = article(
        "Maria Dunmore has brushed off talk that she could be on her way out.",
        "NewsHarbor revealed last week how her future was being discussed.",
        "“I am not a quitter,” she told reporters.",
    )
    assert speakers_of(a) == ["Maria Dunmore"]


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("Susan Pellow said the figures were wrong.", ["Susan Pellow"]),
        ("Sen. Dan Marks said the figures were wrong.", ["Dan Marks"]),
        ("Jordan Fennings said the figures were wrong.", ["Jordan Fennings"]),
        ("Eric Holmes said the figures were wrong.", ["Eric Holmes"]),
        ("Egyptian Copts said the figures were wrong.", []),
        ("Hispanic Catholics said the figures were wrong.", []),
    ],
)
def test_a_given_name_before_a_plural_surname_is_a_person_and_a_nationality_is_a_people(sentence, names):
    assert [hit.name for hit in find_people(sentence)] == names
