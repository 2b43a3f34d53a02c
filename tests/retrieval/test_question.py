"""Question understanding: who a question names (any alias, role or possessive), its intent and topic."""

from __future__ import annotations

import pytest

from knowledge.model import Article, Mention, Paragraph, Quote, Speaker
from retrieval.question import MAX_QUESTION_CHARS, People, normalise_question, understand
from retrieval.records import RetrievalError


def _article() -> Article:
    paragraphs = [Paragraph(i, f"paragraph {i}", i) for i in range(6)]
    return Article(
        id="a",
        title="A story",
        date=None,
        source=None,
        paragraphs=paragraphs,
        quotes=[
            Quote("q1", "We will keep talking to our allies about this.", [1], "direct", "John Healey"),
            Quote("q2", "The risks are roughly balanced over the next year.", [2], "direct", "the Federal Reserve"),
            Quote("q3", "Reliance on precarious staff has become a business model.", [3], "direct", "Chi Onwurah"),
            Quote("q4", "Our own analysis shows growth in open-ended contracts.", [4], "direct", "UCEA spokesperson"),
        ],
        speakers=[
            Speaker("John Healey", "UK Defence Secretary", ["Healey", "Mr Healey", "the Defence Secretary"]),
            Speaker(
                "the Federal Reserve", "US central bank", ["The U.S. Federal Reserve", "the Fed", "the central bank"]
            ),
            Speaker("Chi Onwurah", "Labour MP for Newcastle Central", ["Onwurah"]),
            Speaker(
                "UCEA spokesperson",
                "spokesperson for the Universities and Colleges Employers’ Association (UCEA)",
                [],
            ),
        ],
        mentions=[Mention("Tore Sandvik", "Norwegian defence minister", [5])],
    )


@pytest.fixture(scope="module")
def people() -> People:
    return People([_article()])


@pytest.mark.parametrize(
    "question, speaker",
    [
        ("what did Healey say about talks", "John Healey"),
        ("What did John Healey say about talks?", "John Healey"),
        ("what did HEALEY say about talks", "John Healey"),
        ("what did mr healey say about talks", "John Healey"),
        ("What did the defence secretary say about military aid?", "John Healey"),
        ("What did the Defence Secretary tell reporters?", "John Healey"),
        ("Healey's view on Nato", "John Healey"),
        ("what is Healey’s view on Norway?", "John Healey"),
        ("How does the Fed see the risks?", "the Federal Reserve"),
        ("what did the central bank say about rates", "the Federal Reserve"),
        ("What did the Labour MP say about strikes?", "Chi Onwurah"),
        ("What did the employers' association say about zero-hours contracts?", "UCEA spokesperson"),
        ("Does UCEA think contracts are its call?", "UCEA spokesperson"),
    ],
)
def test_names_the_speaker_by_any_alias_role_or_possessive(people, question, speaker):
    understood = understand(normalise_question(question), people)
    assert understood.speaker == speaker
    assert understood.intent == "said"


def test_the_topic_leaves_out_the_question_words_and_the_person(people):
    assert understand("what did Healey say about talks?", people).topic == "talks"
    assert understand("What did the Labour MP say about strikes?", people).topic == "strikes"
    assert understand("what did Healey say?", people).topic == ""


@pytest.mark.parametrize(
    "question",
    [
        "who said Ukraine should never have started the war?",
        "Who warned that Russian aggression is not confined to Ukraine?",
        "who blamed Ennahda for the situation",
        "Who joked that the doubles nearly killed him?",
        "Which French player talked about the quick turnaround?",
    ],
)
def test_who_questions(people, question):
    understood = understand(normalise_question(question), people)
    assert understood.intent == "who"
    assert understood.speaker is None
    assert understood.topic and "who" not in understood.topic.lower().split()


@pytest.mark.parametrize(
    "question",
    [
        "How many people were killed at the museum?",
        "Who won the deciding doubles for Spain?",
        "why haven't Royal Navy ships gone into the Barents Sea?",
        "When did the US and Canada last meet in the Davis Cup?",
    ],
)
def test_fact_questions(people, question):
    understood = understand(normalise_question(question), people)
    assert understood.intent == "fact"
    assert understood.speaker is None


def test_a_fact_question_can_name_a_speaker_without_asking_for_their_words(people):
    understood = understand("What range did the Fed raise rates to?", people)
    assert understood.intent == "fact"
    assert understood.speaker == "the Federal Reserve"


def test_a_mentioned_person_is_recognised_as_not_quoted(people):
    understood = understand("What did Tore Sandvik say?", people)
    assert understood.mentioned == "Tore Sandvik"
    assert understood.speaker is None
    assert understand("what did sandvik say about the visit", people).mentioned == "Tore Sandvik"


def test_a_role_never_resolves_to_someone_only_mentioned(people):
    understood = understand("what did the Norwegian defence minister say?", people)
    assert understood.mentioned is None


def test_an_unknown_person_is_reported_with_their_name(people):
    understood = understand("what did Boris Johnson say about Ukraine", people)
    assert understood.unknown_person == "Boris Johnson"
    assert understood.speaker is None


def test_a_subject_that_names_no_one_is_not_called_a_person(people):
    understood = understand("what did they say about talks", people)
    assert understood.unknown_person is None and understood.speaker is None


def test_other_names_in_the_topic_do_not_become_the_speaker(people):
    understood = understand("what did Onwurah say about Healey", people)
    assert understood.speaker == "Chi Onwurah"


@pytest.mark.parametrize("bad", ["", "   ", "\x00\x01\x02", "\n\t", "?!?", "x" * (MAX_QUESTION_CHARS + 1)])
def test_bad_questions_raise_a_one_line_error(bad):
    with pytest.raises(RetrievalError) as error:
        normalise_question(bad)
    assert "\n" not in str(error.value)


def test_control_characters_are_stripped_and_spaces_collapsed():
    assert normalise_question("what\x00 did\x1b  Healey\u200b say\n") == "what did Healey say"


def test_other_scripts_are_kept():
    assert normalise_question("Что сказал Хили?") == "Что сказал Хили?"
    assert normalise_question("希利说了什么") == "希利说了什么"


def test_which_questions_keep_the_description_of_the_speaker_sought(people):
    understood = understand("Which French player talked about the quick turnaround?", people)
    assert understood.intent == "who" and understood.described == "French player"
    assert understood.topic == "the quick turnaround"
    assert understand("who said that talks matter?", people).described == ""


def test_a_possessive_before_a_speech_noun_is_not_a_who_question(people):
    understood = understand("What's Healey's view on facing the allies?", people)
    assert understood.intent == "said" and understood.speaker == "John Healey"


def test_an_unmatched_description_is_kept_as_the_subject(people):
    understood = understand("what did the teenager say about the match?", people)
    assert understood.speaker is None and understood.subject == "the teenager"


def test_abbreviated_titles_and_misspelt_surnames(people):
    assert understand("what did Onwurrah say about universities?", people).speaker == "Chi Onwurah"
    assert understand("what did Bloggs say about universities?", people).speaker is None


def test_a_noun_before_the_state_is_not_a_speech_verb(people):
    assert understand("How much will the firefighting cost the state?", people).intent == "fact"


def test_who_was_sceptical_is_a_who_question(people):
    assert understand("Who was sceptical of the privacy claims?", people).intent == "who"
    assert understand("who is critical of the plan?", people).intent == "who"


def test_a_role_in_the_possessive_before_a_speech_noun_names_its_holder(people):
    assert understand("what's the defence secretary's position on aid?", people).speaker == "John Healey"
    assert understand("what's the UK defence secretary's take on aid?", people).speaker == "John Healey"


def test_why_did_a_named_speaker_asks_for_their_words(people):
    understood = understand("why did Onwurah vote against the plan?", people)
    assert understood.intent == "said" and understood.speaker == "Chi Onwurah"


def test_which_person_was_sceptical_is_a_who_question(people):
    understood = understand("Which psychologist was sceptical of the findings?", people)
    assert understood.intent == "who" and understood.described == "psychologist"


def _named_people() -> People:
    """People named with particles, initials, titles and suffixes, and described only in the text."""
    text = [
        "Mayor Bill de Blasio said the city was ready.",
        "Nikki R. Haley, the former governor of South Carolina, visited the shelters.",
        "Lt. Col. Marcus Reed, an Army officer who leads the relief convoy, said the roads were blocked.",
        "Farm Bureau head Linda Okafor said crop losses would be severe.",
        "The writer Vann R. Newkirk II said the data were thin.",
        "Bashar al-Assad said nothing.",
    ]
    said = ["Bill de Blasio", "Nikki R. Haley", "Marcus Reed", "Linda Okafor", "Vann R. Newkirk II", "Bashar al-Assad"]
    return People(
        [
            Article(
                id="named",
                title=None,
                date=None,
                source=None,
                paragraphs=[Paragraph(i, t, i) for i, t in enumerate(text)],
                quotes=[
                    Quote(f"q{i}", "We will get through this together.", [i], "direct", n) for i, n in enumerate(said)
                ],
                speakers=[Speaker(n) for n in said],  # no roles: the text alone says what they are
            )
        ]
    )


@pytest.mark.parametrize(
    "question, speaker",
    [
        ("what did de Blasio say?", "Bill de Blasio"),
        ("What did Mayor de Blasio say about the city?", "Bill de Blasio"),
        ("what did Bill de Blasio say", "Bill de Blasio"),
        ("what is de Blasio's view on shelters", "Bill de Blasio"),
        ("what did Nikki Haley say?", "Nikki R. Haley"),
        ("what did Nikki R. Haley say?", "Nikki R. Haley"),
        ("What did Ms. Haley say?", "Nikki R. Haley"),
        ("What did Lt. Col. Reed say?", "Marcus Reed"),
        ("what did Newkirk say about the data", "Vann R. Newkirk II"),
        ("what did al-Assad say", "Bashar al-Assad"),
        ("what did Assad say", "Bashar al-Assad"),
        ("What did the Army officer say about the roads?", "Marcus Reed"),
        ("What did the Farm Bureau head say?", "Linda Okafor"),
        ("what did the former governor say about the shelters", "Nikki R. Haley"),
    ],
)
def test_names_with_particles_initials_and_titles_and_roles_from_the_text(question, speaker):
    understood = understand(normalise_question(question), _named_people())
    assert understood.speaker == speaker and understood.intent == "said"


def test_part_of_a_name_with_a_particle_is_no_one():
    understood = understand("what did Bill de Niro say about the city?", _named_people())
    assert understood.speaker is None and understood.unknown_person == "Bill de Niro"


@pytest.mark.parametrize(
    "question, introduced",
    [
        ("Who is Marcus Reed?", "Marcus Reed"),
        ("who's de Blasio", "Bill de Blasio"),
        ("Who is the Farm Bureau head?", "Linda Okafor"),
        ("who was Nikki Haley?", "Nikki R. Haley"),
        ("Who is the former governor of South Carolina?", "Nikki R. Haley"),
        ("Who is Taylor Swift?", "Taylor Swift"),  # no one known: the words, for an honest no-answer
    ],
)
def test_who_is_asks_for_the_introduction_of_a_person(question, introduced):
    understood = understand(normalise_question(question), _named_people())
    assert understood.intent == "fact" and understood.introduces == introduced


def test_who_is_doing_something_is_a_fact_question():
    understood = understand("Who is leading the relief convoy?", _named_people())
    assert understood.introduces == "" and understood.intent == "fact"


def test_a_surname_two_quoted_people_share_names_the_more_quoted():
    quotes = [Quote(f"q{i}", "We will win this state.", [0], "direct", "Ted Cruz") for i in range(3)]
    quotes.append(Quote("q9", "He has my support.", [0], "direct", "Heidi Cruz"))
    article = Article(
        id="c",
        title=None,
        date=None,
        source=None,
        paragraphs=[Paragraph(0, "Ted Cruz and Heidi Cruz spoke.", 0)],
        quotes=quotes,
        speakers=[Speaker("Heidi Cruz"), Speaker("Ted Cruz")],
    )
    assert understand("what did Cruz say about the state?", People([article])).speaker == "Ted Cruz"
    assert understand("what did Heidi Cruz say?", People([article])).speaker == "Heidi Cruz"


def test_the_verb_of_the_question_is_no_part_of_a_description():
    # a headline taken for a speaker's name must not win "say" over the person it names
    article = _article()
    article.quotes.append(
        Quote("q5", "Talks with our allies are going well.", [5], "direct", "Healey Says Talks With Allies Go Well")
    )
    article.speakers.append(Speaker("Healey Says Talks With Allies Go Well", None, []))
    understood = understand("What did Healey say about allies?", People([article]))
    assert understood.speaker == "John Healey"


def test_a_given_name_only_one_quoted_person_has_names_them():
    article = _article()
    article.quotes.append(Quote("q5", "The committee will report before the summer.", [5], "direct", "John Smith"))
    article.speakers.append(Speaker("John Smith", None, []))
    people = People([article])
    assert understand("What did Chi say about staff?", people).speaker == "Chi Onwurah"
    # two quoted people are called John: the given name names neither
    assert understand("What did John say about allies?", people).speaker is None
