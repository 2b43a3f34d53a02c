"""Answers about people as a story names and describes them: who someone is, their words by topic, amounts."""

from __future__ import annotations

import pytest

from knowledge import parse_article
from retrieval import Answerer
from retrieval.question import understand

pytestmark = pytest.mark.slow

# A fictional story in the way news is written: names with particles, initials and
# titles, people described beside their names, numbers in the narration.
STORY = """City weighs emergency measures as storm deaths rise

Mayor Bill de Blasio said on Tuesday that the city was preparing for the worst. “We are going to need every hospital bed we have,” de Blasio said.

Nikki R. Haley, the former governor of South Carolina, visited the shelters on Monday. “These families deserve a roof over their heads before winter,” Haley said.

The storm has killed 42 people across the region, and more than 3,000 homes remain without power.

Lt. Col. Marcus Reed, an Army officer who leads the relief convoy, said the roads north were still blocked. “We cannot get trucks past the river until the water drops,” Reed said.

Farm Bureau head Linda Okafor said crop losses would be severe. “Our members have lost most of the harvest and the insurance will not cover it,” Okafor said.

Reed said the convoy would move again at dawn. “My soldiers have been working through the night to clear the road to the hospital,” he said.

“The convoy is the only way food reaches the valley towns this week, and we will keep it moving,” Reed said.

The city has set aside $12 million for the recovery, according to the budget office.

Okafor turned to social media that night. “Farmers need help now, not next spring,” she wrote.

Priya Raman, 47, executive director of the Coastal Wildlife Protection League, said the flooded marshes would take years to recover. “The herons will not nest here again until the salt is washed out,” Raman said.

Tidewater Port Authority chair Ines Varga said the port would reopen once the channel is dredged. The authority predicts 40 more cargo ships will dock before the end of the month, up from a dozen last month.

Church groups from three neighbouring counties sent buses over the weekend with blankets, tinned food and camp beds. By Sunday night more than 600 volunteers had signed up at the old market hall, where the kitchens served hot soup to anyone who asked, organisers said.
"""


@pytest.fixture(scope="module")
def storm(embedder) -> Answerer:
    from retrieval.store import KnowledgeBase

    return Answerer(KnowledgeBase.in_memory([parse_article(STORY, "storm")], embedder), embedder)


@pytest.mark.parametrize(
    "question, speaker, words",
    [
        ("what did de Blasio say?", "Bill de Blasio", "every hospital bed"),
        ("What did Nikki Haley say about families?", "Nikki R. Haley", "deserve a roof"),
        ("what did the Army officer say about the river?", "Marcus Reed", "trucks past the river"),
        ("What did the Farm Bureau head say?", "Linda Okafor", "lost most of the harvest"),
        ("what did the CWPL director say?", "Priya Raman", "herons will not nest"),
        ("what did Lt. Col. Reed say about food?", "Marcus Reed", "food reaches the valley"),
    ],
)
def test_a_person_asked_about_by_any_name_form_or_role(storm, question, speaker, words):
    answer = storm.ask(question)
    assert not answer.no_answer and answer.speaker == speaker
    assert answer.answers[0].speaker == speaker and words in answer.answers[0].text


def test_who_is_answers_with_the_paragraph_that_introduces_them(storm):
    answer = storm.ask("Who is Marcus Reed?")
    top = answer.answers[0]
    assert not answer.no_answer and answer.speaker == "Marcus Reed"
    assert top.kind == "paragraph" and top.text.startswith("Lt. Col. Marcus Reed, an Army officer")
    assert storm.ask("who is the Farm Bureau head?").answers[0].text.startswith("Farm Bureau head Linda Okafor")


def test_who_is_shows_only_passages_of_the_articles_that_name_them(embedder):
    from retrieval.store import KnowledgeBase

    varga = (
        "The transport secretary, Nell Varga, was on duty for the government on Monday.\n\n"
        "The tram strike entered its third day, with no talks planned.\n\n"
        "“We will not go back until the depot is safe,” said union leader Tom Pellow."
    )
    other = (
        "Maj. Ann Corran, an Army officer who led the flood relief, is a veteran of three floods.\n\n"
        "“Who is in charge here? Nobody,” said Ann Pellow, a retired teacher, of the relief effort.\n\n"
        "Corran said the officers were “tired but steady” after a week on duty."
    )
    articles = [parse_article(varga, "strike"), parse_article(other, "flood")]
    answerer = Answerer(KnowledgeBase.in_memory(articles, embedder), embedder)
    answer = answerer.ask("Who is Nell Varga?")
    assert answer.answers[0].text.startswith("The transport secretary, Nell Varga")
    assert {p.article.id for p in answer.answers} == {"strike"}


def test_who_is_someone_the_story_never_names_is_no_answer(storm):
    answer = storm.ask("Who is Taylor Swift?")
    assert answer.no_answer and not answer.answers and "Taylor Swift" in answer.message


@pytest.mark.parametrize(
    "question, words",
    [
        ("How many people has the storm killed?", "42 people"),
        ("how many homes are without power?", "3,000 homes"),
        ("How much has the city set aside for the recovery?", "$12 million"),
        # a long paragraph about much else, and a place in someone's description after "to"
        ("How many volunteers came to South Carolina?", "600 volunteers"),
        ("how old is Raman?", "Raman, 47,"),
    ],
)
def test_amount_questions_lead_with_the_passage_holding_the_amount(storm, question, words):
    answer = storm.ask(question)
    assert not answer.no_answer and words in answer.answers[0].text
    assert answer.intent == "fact"


def test_a_place_after_to_names_no_one_whose_description_holds_it(storm):
    answer = storm.ask("How many volunteers came to South Carolina?")
    assert answer.speaker is None and "600 volunteers" in answer.answers[0].text


def test_among_one_speakers_words_the_one_on_the_topic_comes_first(storm):
    for topic, words in (
        ("trucks", "trucks past the river"),
        ("his soldiers", "My soldiers"),
        ("food", "food reaches"),
    ):
        top = storm.ask(f"what did Reed say about {topic}?").answers[0]
        assert top.speaker == "Marcus Reed" and words in top.text


def test_who_said_words_as_written_is_answered_however_plain_they_are(storm):
    answer = storm.ask("Who said we will keep it moving?")
    assert not answer.no_answer and answer.speaker == "Marcus Reed"
    assert "keep it moving" in answer.answers[0].text


@pytest.mark.parametrize("question", ["Who is leading the relief convoy?", "who's leading the relief convoy"])
def test_who_is_doing_something_is_answered_by_the_passage_naming_them(storm, question):
    answer = storm.ask(question)
    assert not answer.no_answer and "Marcus Reed" in answer.answers[0].text


def test_what_someone_wrote_leads_with_their_words_given_as_written(storm):
    scope = storm._scope(None)
    cued = {scope.index.units[i].text: cue for i, cue in scope.cue_of.items()}
    assert (
        cued["Farmers need help now, not next spring,"] == "writ"
        and cued["These families deserve a roof over their heads before winter,"] == "say"
    )
    top = storm.ask("What did Okafor write?").answers[0]
    assert top.speaker == "Linda Okafor" and "Farmers need help now" in top.text


def test_who_is_leading_something_introduces_the_one_described_as_its_head(storm):
    scope = storm._scope(None)
    assert understand("who is leading the Tidewater Port Authority?", scope.people).introduces == "Ines Varga"
    assert understand("Who heads the relief convoy?", scope.people).introduces == ""  # no title of leadership
    answer = storm.ask("who runs the port authority?")
    assert not answer.no_answer and answer.answers[0].text.startswith("Tidewater Port Authority chair Ines Varga")


def test_an_amount_someone_predicts_is_a_fact_not_their_words(storm):
    answer = storm.ask("How many cargo ships does the Tidewater Port Authority predict?")
    assert answer.intent == "fact" and "40 more cargo ships" in answer.answers[0].text
