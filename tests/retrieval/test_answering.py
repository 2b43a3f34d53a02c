"""The answering API on the bundled article: attributed answers, no-answers, dedup, bad input, browsing."""

from __future__ import annotations

import numpy as np
import pytest

from knowledge import bundled_article_path
from retrieval import Answerer, RetrievalError
from retrieval.ranking import normalised

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def seed(embedder) -> Answerer:
    from retrieval.store import KnowledgeBase

    return Answerer(KnowledgeBase.in_memory([bundled_article_path()], embedder), embedder)


def test_healey_on_talks_is_his_words_not_the_pull_quote(seed):
    answer = seed.ask("what did Healey say about talks")
    top = answer.answers[0]
    assert not answer.no_answer and answer.speaker == "John Healey" and answer.intent == "said"
    assert "So whilst all the focus may be on talks" in top.text
    assert top.speaker == "John Healey" and top.kind == "quote"
    article = seed.kb.article(top.article.id)
    assert all(article.paragraphs[p].role == "body" for p in top.paragraphs)


def test_who_said_leads_with_the_speaker(seed):
    answer = seed.ask("who said Ukraine should never have started the war?")
    assert answer.intent == "who"
    assert answer.speaker == answer.answers[0].speaker == "Donald Trump"
    assert "should never have started" in answer.answers[0].text


def test_role_nouns_find_the_speaker(seed):
    answer = seed.ask("What did the Defence Secretary say about military aid?")
    assert answer.speaker == "John Healey"
    assert any("military aid" in p.text and p.speaker == "John Healey" for p in answer.answers)


def test_passages_are_verbatim_with_source(seed):
    article = seed.kb.articles[0]
    for passage in seed.ask("why haven't Royal Navy ships gone into the Barents Sea?", k=3).answers:
        joined = "\n".join(article.paragraphs[p].text for p in passage.paragraphs)
        for line in passage.text.split("\n"):
            assert line in joined
        assert passage.article.id == article.id
        assert 0 < len(passage.paragraphs) and all(0 <= p < len(article.paragraphs) for p in passage.paragraphs)


def test_no_near_duplicates_in_one_answer(seed):
    for question in (
        "what did Healey say?",
        "what did Healey say about talks",
        "what did Healey say about Nato's front line",
    ):
        answers = seed.ask(question, k=5).answers
        texts = [normalised(p.text) for p in answers]
        for i, a in enumerate(texts):
            for b in texts[i + 1 :]:
                assert a not in b and b not in a
        assert len({p.quote_id for p in answers if p.quote_id}) == len([p for p in answers if p.quote_id])


def test_mentioned_but_not_quoted(seed):
    answer = seed.ask("What did Tore Sandvik say?")
    assert answer.no_answer and not answer.answers
    assert "Tore Sandvik" in answer.message and "not quoted" in answer.message.replace("never quoted", "not quoted")
    assert answer.mentioned_in and all("Sandvik" in p.text for p in answer.mentioned_in)


def test_unknown_person_gets_suggestions(seed):
    answer = seed.ask("what did Boris Johnson say about Ukraine?")
    assert answer.no_answer and "Boris Johnson" in answer.message
    assert answer.suggestions and set(answer.suggestions) <= {s.name for s in seed.speakers()}
    assert seed.ask("what did John Hale say about talks?").suggestions[0] == "John Healey"


def test_a_misspelt_surname_of_one_quoted_person_is_read_as_theirs(seed):
    answer = seed.ask("what did Healy say about talks?")
    assert not answer.no_answer and answer.speaker == "John Healey"
    assert answer.answers[0].speaker == "John Healey"
    assert seed.ask("what did zelenksy say?").speaker == "Volodymyr Zelensky"


def test_nothing_good_enough_is_an_honest_no_answer(seed):
    answer = seed.ask("What did Healey say about climate change?")
    assert answer.no_answer and not answer.answers and answer.message


@pytest.mark.parametrize("question", ["Что сказал Хили о переговорах?", "希利对谈判说了什么？", "🙂🙂🙂 ok"])
def test_other_scripts_answer_without_crashing(seed, question):
    answer = seed.ask(question)
    assert answer.no_answer or answer.answers


@pytest.mark.parametrize("question", ["", "   ", "\x00\x07", "talks " * 2000])
def test_bad_questions_raise(seed, question):
    with pytest.raises(RetrievalError):
        seed.ask(question)


def test_unknown_article_raises(seed):
    with pytest.raises(RetrievalError, match="no article"):
        seed.ask("what did Healey say?", article="no-such-article")
    assert seed.ask("what did Healey say?", article=seed.kb.articles[0].id).answers


def test_k_limits_the_passages(seed):
    assert len(seed.ask("what did Healey say?", k=1).answers) == 1
    assert len(seed.ask("what did Healey say?", k=5).answers) <= 5


def test_quotes_by_alias_in_article_order_and_by_topic(seed):
    everything = seed.quotes("the defence secretary")
    assert everything.answers and all(p.speaker == "John Healey" for p in everything.answers)
    firsts = [p.paragraphs[0] for p in everything.answers]
    assert firsts == sorted(firsts)
    on_talks = seed.quotes("Healey", topic="talks", k=1)
    assert "talks" in on_talks.answers[0].text
    assert seed.quotes("Tore Sandvik").mentioned_in
    assert seed.quotes("Nobody Atall").suggestions


def test_speakers_articles_and_autocomplete(seed):
    speakers = seed.speakers()
    assert speakers[0].name == "John Healey" and speakers[0].quotes >= 3
    assert seed.articles()[0].quotes > 0
    assert seed.find_speakers("Heal")[0] == "John Healey"
    assert seed.find_speakers("defence secretary")[0] == "John Healey"
    assert seed.find_speakers("")  # everyone when nothing is typed
    assert seed.find_speakers("zzzzqqq") == []
    assert seed.find_articles("healey")[0].id == seed.kb.articles[0].id


def test_warm_up(seed):
    seed.warm_up()


def test_every_quoted_person_has_their_quotations_even_short_ones(seed):
    # A speaker counted in speakers() is never "not quoted", however short their words.
    for summary in seed.speakers():
        answer = seed.quotes(summary.name)
        assert not answer.no_answer and answer.answers, summary.name
        assert all(p.speaker == summary.name for p in answer.answers)
        article = seed.kb.articles[0]
        for quote in article.quotes_by(summary.name):
            # every one of their quotations is shown, verbatim, by itself or inside its paragraph
            assert (
                any(
                    normalised(quote.text) in normalised(p.text) or normalised(p.text) in normalised(quote.text)
                    for p in answer.answers
                )
                or quote.kind == "pullquote"
            ), quote.text


def test_a_short_partial_quotation_answers_what_did_they_say(seed):
    answer = seed.ask("what did Zelensky say?")
    assert not answer.no_answer and answer.speaker == "Volodymyr Zelensky"
    assert "living in this disinformation space" in answer.answers[0].text
    assert answer.answers[0].speaker == "Volodymyr Zelensky"
    assert seed.quotes("zelensky").answers[0].speaker == "Volodymyr Zelensky"


def test_a_paragraph_reports_a_speaker_across_an_appositive_clause(embedder):
    from retrieval.store import KnowledgeBase

    text = (
        "Nimbus launches a tool\n\n"
        "Security researcher Tom Adeyemi, who has audited several of the company's products, wrote on X that he "
        "would wait for an independent review before trusting the claims.\n\n"
        "\u201cShow us the code and let outside auditors test it properly,\u201d Adeyemi said.\n"
    )
    import pathlib
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = pathlib.Path(folder) / "apposition.txt"
        path.write_text(text, encoding="utf-8")
        answerer = Answerer(KnowledgeBase.in_memory([path], embedder), embedder)
        answer = answerer.ask("what did Adeyemi say about an independent review?")
    assert not answer.no_answer and answer.speaker == "Tom Adeyemi"
    assert any("independent review" in p.text and p.speaker == "Tom Adeyemi" for p in answer.answers)


def test_a_topic_only_of_saying_words_the_article_never_uses_asks_for_everything(seed):
    everything = seed.ask("what did Healey say?")
    objection = seed.ask("What was the defence secretary's objection?")
    assert not objection.no_answer and objection.speaker == "John Healey"
    assert [p.text for p in objection.answers] == [p.text for p in everything.answers]
    # a saying word the article does use ("talks") stays a topic
    assert "So whilst all the focus may be on talks" in seed.ask("what did Healey say about talks").answers[0].text


def test_an_explicit_knowledge_base_that_does_not_exist_is_an_error_and_creates_nothing(tmp_path):
    missing = tmp_path / "missing.sqlite"
    with pytest.raises(RetrievalError, match="no knowledge base at .*onrecord ingest ARTICLE --db"):
        Answerer.open(db=missing)
    assert list(tmp_path.iterdir()) == []


def test_the_default_knowledge_base_is_made_on_first_use_with_the_bundled_article(tmp_path, monkeypatch):
    monkeypatch.delenv("ONRECORD_DB", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    answerer = Answerer.open()
    assert (tmp_path / "onrecord" / "knowledge.sqlite").exists()
    assert answerer.ask("what did Healey say about talks").answers[0].speaker == "John Healey"
    answerer.kb.close()


def test_a_configured_knowledge_base_is_the_users_file_like_db(tmp_path, monkeypatch):
    monkeypatch.setenv("ONRECORD_DB", str(tmp_path / "configured.sqlite"))
    with pytest.raises(RetrievalError, match="no knowledge base at .*configured.sqlite"):
        Answerer.open()
    assert list(tmp_path.iterdir()) == []


def _counting_encoder(embedder, monkeypatch) -> list[int]:
    counted: list[int] = []
    encode = embedder.encode

    def counting(texts, *args, **kwargs):
        counted.append(len(texts))
        return encode(texts, *args, **kwargs)

    monkeypatch.setattr(embedder, "encode", counting)
    return counted


def test_knowledge_paths_reuse_cached_embeddings_on_the_next_open(embedder, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    counted = _counting_encoder(embedder, monkeypatch)
    first = Answerer.open(knowledge=[bundled_article_path()])
    assert sum(counted) == len(first.kb.units) > 0
    counted.clear()
    second = Answerer.open(knowledge=[bundled_article_path()])
    assert sum(counted) == 0
    question = "what did the defence secretary say about military aid?"
    assert [p.text for p in second.ask(question).answers] == [p.text for p in first.ask(question).answers]
    assert np.array_equal(first.kb.vectors, second.kb.vectors)
    first.kb.close()
    second.kb.close()


def test_an_article_replaced_with_as_many_units_is_reindexed(embedder, tmp_path):
    from retrieval.store import KnowledgeBase

    template = (
        "Council backs plan\n\n"
        "\u201cWe will open the new {thing} before the summer holidays,\u201d council leader Ann Cole said.\n\n"
        "The council voted on Tuesday.\n"
    )
    path = tmp_path / "council.txt"
    path.write_text(template.format(thing="bridge"), encoding="utf-8")
    kb = KnowledgeBase.in_memory([path], embedder)
    answerer = Answerer(kb, embedder)
    assert "bridge" in answerer.ask("what did Ann Cole say?").answers[0].text
    units = len(kb.units)
    path.write_text(template.format(thing="library"), encoding="utf-8")
    kb.ingest([path])
    assert len(kb.units) == units and len(kb.articles) == 1
    top = answerer.ask("what did Ann Cole say?").answers[0].text
    assert "library" in top and "bridge" not in top


def test_where_someone_is_mentioned_reads_as_english(seed):
    answer = seed.ask("What did Tore Sandvik say?")
    numbers = [str(p.paragraphs[0] + 1) for p in answer.mentioned_in]
    assert len(numbers) == 2
    assert f"(paragraphs {numbers[0]} and {numbers[1]}) but never quoted." in answer.message
    assert "paragraph " + numbers[0] + "," not in answer.message


def test_a_paragraph_that_is_only_a_quotation_is_never_shown_as_a_reported_paragraph(seed):
    article = seed.kb.articles[0]
    quotations = {normalised(q.text) for q in article.quotes} | {
        normalised(part) for q in article.quotes for part in q.text.split("\n")
    }
    for question in (
        "what did the defence secretary say about the Royal Navy?",
        "what did Healey say about Ukraine?",
        "who said the two countries lead the maritime capability coalition?",
        "what do the two countries lead?",
    ):
        for passage in seed.ask(question, k=5).answers:
            if passage.kind == "paragraph":
                assert normalised(passage.text) not in quotations, (question, passage.text)


def test_pick_shows_a_paragraph_made_only_of_a_quotation_as_that_quotation():
    from retrieval.ranking import Scored, pick, quotations_filling_paragraphs
    from retrieval.units import Unit

    words = "The fishing fleet has waited far too long for this work to start."
    units = [
        Unit("a:q:q1", "a", "quote", "q1", (3,), words, "Ann Cole", "council leader", words),
        Unit("a:p:3", "a", "paragraph", None, (3,), f"\u201c{words}\u201d", None, None, f"\u201c{words}\u201d"),
        Unit("a:p:4", "a", "paragraph", None, (4,), f"\u201c{words}\u201d she said.", None, None, words),
        Unit("a:p:5", "a", "paragraph", None, (5,), "Work is expected to begin in March.", None, None, "Work"),
    ]
    assert quotations_filling_paragraphs(units) == {1: 0}
    chosen = pick(
        [Scored(1, 0.8, 0.0, 0.8), Scored(0, 0.7, 0.0, 0.7), Scored(3, 0.6, 0.0, 0.6)],
        units,
        3,
        quotations_filling_paragraphs(units),
    )
    assert [c.index for c in chosen] == [0, 3]


def test_a_big_candidate_set_is_shortlisted_by_nearest_with_the_same_answers(embedder, monkeypatch):
    from retrieval import answering
    from retrieval.store import KnowledgeBase

    def answers(answerer):
        questions = (
            "why haven't Royal Navy ships gone into the Barents Sea?",
            "who said Ukraine should never have started the war?",
            "how many Royal Navy vessels were in Norway in 2024?",
            "what is the weather like in Lisbon?",
        )
        out = []
        for q in questions:
            answer = answerer.ask(q)
            out.append((answer.no_answer, [(p.text, p.speaker, p.kind, p.score) for p in answer.answers]))
        return out

    kb = KnowledgeBase.in_memory([bundled_article_path()], embedder)
    everything = answers(Answerer(kb, embedder))
    calls = []
    nearest = kb.nearest
    monkeypatch.setattr(kb, "nearest", lambda *a, **kw: calls.append(kw) or nearest(*a, **kw))
    monkeypatch.setattr(answering, "SHORTLIST_ABOVE", 5)
    monkeypatch.setattr(answering, "SHORTLIST_SEMANTIC", 8)
    monkeypatch.setattr(answering, "SHORTLIST_LEXICAL", 8)
    assert answers(Answerer(kb, embedder)) == everything
    assert calls and any(call.get("rows") is None for call in calls)  # all units: no row list copied


def test_everything_said_does_not_depend_on_the_article_file_name(seed, embedder, tmp_path):
    from retrieval.store import KnowledgeBase

    renamed = tmp_path / "news:2024-06-01.txt"  # a colon in the id, as in a timestamped file name
    renamed.write_bytes(bundled_article_path().read_bytes())
    other = Answerer(KnowledgeBase.in_memory([renamed], embedder), embedder)
    shape = lambda answer: [(p.kind, p.paragraphs, p.text, p.speaker) for p in answer.answers]  # noqa: E731
    assert shape(other.ask("what did Healey say?", k=20)) == shape(seed.ask("what did Healey say?", k=20))
