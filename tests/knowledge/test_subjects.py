"""The subject of a speech verb: the noun phrase that ends the words before it, and the one that
follows an inverted verb."""

from __future__ import annotations

import pytest

from knowledge.subjects import appositive_name, is_person, opens_as_person, subject_after, subject_at_end
from tests.knowledge.made_up import article, speakers_of


def _before(text: str) -> str | None:
    span = subject_at_end(text)
    return text[span[0] : span[1]] if span else None


def _after(text: str, *, group: bool = False) -> str | None:
    span = subject_after(text, len(text.split()[0]), len(text), group=group)
    return text[span[0] : span[1]] if span else None


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("Ann Cole, the council leader, who chairs the committee,", "Ann Cole"),
        ("A report by the Institute for Fiscal Studies", "the Institute for Fiscal Studies"),
        ("Ann Hale of Dayton, Ohio,", "Ann Hale"),
        ("Later that day she", "she"),
        ("Outside the depot, about 40 marchers", "about 40 marchers"),
        ("On Monday, hundreds of angry drivers", "hundreds of angry drivers"),
        ("At one stage the audience", "the audience"),
        ("The page was replaced by a notice that", "a notice"),
        ("The council report, which", "The council report"),
        ("They handed out mugs that", None),
    ],
)
def test_the_subject_that_ends_the_words_before_a_verb(text, subject):
    assert _before(text) == subject


def test_only_the_last_few_hundred_characters_are_searched_and_offsets_stay_right():
    text = "and so on " * 200 + "Ann Cole"
    assert _before(text) == "Ann Cole"


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("said council leader Ann Cole.", "council leader Ann Cole"),
        ("said former Oregon Gov. Ann Lodder.", "former Oregon Gov. Ann Lodder"),
        ("said a spokeswoman for the council.", "a spokeswoman for the council"),
        ("said one Iowa Democrat.", "one Iowa Democrat"),
        ("said Tuesday that the plan was dead.", None),
        ("reads an editorial in The Quarrow Ledger.", "an editorial in The Quarrow Ledger"),
        ("says a narrator.", "a narrator"),
        ("said her friends and advisers.", "her friends and advisers"),
    ],
)
def test_the_subject_after_an_inverted_verb(text, subject):
    assert _after(text) == subject


def test_a_group_after_an_inverted_verb_counts_only_when_asked_for():
    assert _after("said officials.") is None
    assert _after("said officials.", group=True) == "officials"


def test_a_possessive_description_gives_way_to_the_name_it_describes():
    text = "said the club’s deputy campaign manager, Piet Vries, who"
    s0, s1 = subject_after(text, 4, len(text)) or (0, 0)
    span = appositive_name(text, s0, s1, len(text))
    assert span is not None and text[span[0] : span[1]] == "Piet Vries"


def test_a_person_is_told_from_an_organisation_and_a_capitalised_adjective():
    assert is_person("Ann Cole") and not is_person("Barclays Bank")
    assert opens_as_person("Sanders", "") and not opens_as_person("Democratic", "")
    assert not opens_as_person("Clinton", "spokesman")  # the name modifies a title


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("Nordpress, the official state news agency,", "Nordpress"),
        ("But Northgate Foods, a supermarket group,", "Northgate Foods"),
        ("Tom Ross met Northgate Foods, a supermarket group,", "a supermarket group"),
    ],
)
def test_an_organisation_named_before_an_appositive_that_describes_it_is_the_subject(text, subject):
    assert _before(text) == subject


@pytest.mark.parametrize("firm", ["Varnley Securities", "Quorn Advisors", "Dunmore Associates"])
def test_a_firm_word_ends_an_organisation_not_a_person(firm):
    assert not is_person(firm)


@pytest.mark.parametrize(
    ("paragraph", "speaker"),
    [
        ("A spokesman representing the club said: “The deal is close to being signed.”", "spokesman"),
        (
            "The row grew after a lawyer representing the young driver at the centre of the case said nothing "
            "had happened, branding the claims “rubbish from start to finish”.",
            "lawyer",
        ),
        ("A woman living near the Varn depot said: “The noise is unbearable at night.”", "woman"),
    ],
)
def test_a_person_described_by_a_participle_phrase_is_the_subject_not_its_last_noun(paragraph, speaker):
    a = article("The Daily Post reported the claims on Monday.", paragraph)
    assert [s.split()[-1] for s in speakers_of(a)] == [speaker] and "Post" not in speakers_of(a)[0]
