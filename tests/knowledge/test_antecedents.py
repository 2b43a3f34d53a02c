"""Whom a "he" or "she" before a speech verb means, among the people named just before it."""

from __future__ import annotations

from tests.knowledge.made_up import article, speakers_of


def test_the_subject_of_the_sentence_before_wins_over_a_name_inside_its_relative_clause():
    a = article(
        "Chris Christie, who has campaigned for Donald Trump since February, blasted the remarks on Wednesday.",
        "“Those comments are a disgrace,” he said.",
    )
    assert speakers_of(a) == ["Chris Christie"]


def test_a_subject_with_an_affiliation_before_its_verb_is_the_subject():
    a = article(
        "Paul Dorsey said Ann Lee had won the hustings.",
        "Tom Varga at the Leeds Courier agreed with Dorsey.",
        "“She carried the room from start to finish,” he wrote.",
    )
    assert speakers_of(a) == ["Tom Varga"]


def test_she_skips_a_man_who_spoke_last():
    a = article(
        "“We are not done,” said Tom Reilly, the party chairman.",
        "State Rep. Jo Hartley, a leader of the alliance, disagreed. “Members have not read it yet,” she said.",
    )
    assert speakers_of(a) == ["Tom Reilly", "Jo Hartley"]


def test_he_after_a_speaker_and_a_person_he_spoke_about_is_the_speaker():
    a = article(
        "“I am hopeful,” said Neil Ashby, who hopes the campaign ends with Martin Cole winning.",
        "“The first step is to stop him in the first round,” he said.",
    )
    assert speakers_of(a) == ["Neil Ashby", "Neil Ashby"]


def test_a_legislator_with_a_party_letter_alone_is_the_pronouns_person():
    a = article(
        "Some backers have plans of their own for taking on the favourite.",
        "State Rep. Jo Hartley (R), a leader of the alliance, suggested that Mr. Ross had not been tested on"
        " schools. “People here have not looked closely at him so far,” she said.",
    )
    assert speakers_of(a) == ["Jo Hartley"]


def test_a_group_is_no_candidate_for_he_or_she():
    from knowledge.antecedents import Mention, candidate_features
    from knowledge.coreference import Cast

    cast = Cast()
    cast.learn("Ann Cole taught at the school for forty years.", 0)
    cast.source("colleagues", person_like=True, category="group")
    mentions = [Mention("Ann Cole", 1, 0, 0, "subject"), Mention("colleagues", 0, 0, 0, "subject", spoke=True)]

    assert [name for name, _ in candidate_features(mentions, "f", cast, "colleagues", 1)] == ["Ann Cole"]


def test_the_speaker_of_the_sentence_before_wins_over_the_person_she_spoke_about():
    a = article(
        "Mayor Ann Lee opened the new library on Monday.",
        "Lee thanked the donors. Council member Jo Park, who voted against the budget, said Lee had ignored the"
        " costs. “We will pay for this for years,” she said.",
    )
    assert speakers_of(a) == ["Jo Park"]


def test_the_cues_of_the_sentence_before_are_its_first_subject_and_its_speakers():
    from knowledge.antecedents import Mention, candidate_features
    from knowledge.coreference import Cast

    cast = Cast()
    cast.learn("Ann Lee and Jo Park met the donors.", 0)
    mentions = [
        Mention("Ann Lee", 1, 0, 0, "subject"),
        Mention("Jo Park", 0, 0, 0, "subject", spoke=True),
        Mention("Ann Lee", 0, 30, 0, "subject"),
    ]
    features = dict(candidate_features(mentions, "f", cast, None, 1))

    assert features["Jo Park"]["previous_sentence_subject"] == 1.0
    assert features["Jo Park"]["spoke_previous_sentence"] == 1.0
    assert features["Ann Lee"]["previous_sentence_subject"] == 0.0
    assert features["Ann Lee"]["spoke_previous_sentence"] == 0.0
    assert features["Ann Lee"]["subjects_within_reach"] > features["Jo Park"]["subjects_within_reach"]


def test_a_name_whose_relative_clause_holds_commas_is_still_the_sentences_subject():
    from knowledge.antecedents import paragraph_mentions
    from knowledge.coreference import Cast

    text = "Orla Brisk, who served as counsel under Dale Prentiss, the former mayor, listed the rules."
    cast = Cast()
    cast.learn(text, 0)
    roles = {m.name: m.role for m in paragraph_mentions(text, [(0, len(text))], cast)}
    assert roles == {"Orla Brisk": "subject", "Dale Prentiss": "other"}


def test_a_country_opening_a_sentence_is_no_candidate_for_he():
    from knowledge.antecedents import Mention, candidate_features
    from knowledge.coreference import Cast

    cast = Cast()
    cast.learn("Borvia's trade minister, Anton Velk, shrugs off the worry.", 0)
    mentions = [Mention("Anton Velk", 0, 25, 0, "other"), Mention("Japan", 0, 70, 1, "subject", spoke=True)]

    assert [name for name, _ in candidate_features(mentions, "m", cast, "Japan", 1)] == ["Anton Velk"]


def test_a_name_opening_a_clause_inside_the_sentence_is_not_its_subject():
    from knowledge.antecedents import paragraph_mentions
    from knowledge.coreference import Cast

    text = "Nell Ashdown said she signed only because Piet Varro agreed to stay."
    cast = Cast()
    cast.learn(text, 0)
    roles = {m.name: m.role for m in paragraph_mentions(text, [(0, len(text))], cast)}
    assert roles == {"Nell Ashdown": "subject", "Piet Varro": "other"}


def test_a_name_after_an_opening_subordinator_is_still_a_subject():
    from knowledge.antecedents import paragraph_mentions
    from knowledge.coreference import Cast

    text = "Because Piet Varro stayed, the team kept its shape."
    cast = Cast()
    cast.learn(text, 0)
    roles = {m.name: m.role for m in paragraph_mentions(text, [(0, len(text))], cast)}
    assert roles == {"Piet Varro": "subject"}


def test_a_name_after_a_lead_in_and_its_role_is_the_subject():
    from knowledge.antecedents import paragraph_mentions
    from knowledge.coreference import Cast

    text = "In a memo sent late on Tuesday, Velk campaign manager Orla Brisk conceded the county."
    cast = Cast()
    cast.learn(text, 0)
    roles = {m.name: m.role for m in paragraph_mentions(text, [(0, len(text))], cast)}
    assert roles["Orla Brisk"] == "subject"
