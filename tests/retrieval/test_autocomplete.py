"""Matching what a user has typed so far against names and titles."""

from __future__ import annotations

from retrieval.autocomplete import closest_people, matching_speakers, typed_match
from retrieval.people import Person


def _people() -> list[Person]:
    return [
        Person("John Healey", "Defence Secretary", True, ["Healey", "the Defence Secretary"]),
        Person("Tore Sandvik", "Norwegian defence minister", True, ["Sandvik"]),
        Person("Donald Trump", "US President", True, ["Trump"]),
    ]


def test_a_prefix_beats_a_word_start_which_beats_a_substring():
    assert typed_match("hea", "healey") > typed_match("hea", "john healey") > typed_match("eal", "healey") > 0
    assert typed_match("zzz", "healey") == 0.0


def test_speakers_match_by_name_alias_or_role():
    assert matching_speakers("heal", _people(), 5)[0] == "John Healey"
    assert matching_speakers("norwegian", _people(), 5) == ["Tore Sandvik"]
    assert matching_speakers("", _people(), 5) is None


def test_speakers_match_by_what_the_article_describes_them_as():
    officer = Person("Marcus Reed", None, True, ["Reed"], descriptions=["Army officer"])
    assert matching_speakers("army off", [*_people(), officer], 5) == ["Marcus Reed"]


def test_the_closest_people_to_a_misspelt_name_come_first():
    assert closest_people("Sandvick", _people(), limit=1) == ["Tore Sandvik"]
