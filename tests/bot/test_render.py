"""Rendering answers into posts: Discord's limits by construction, truncation, paging, honest no-answers."""

from __future__ import annotations

import random

import pytest

from bot import render
from bot.discord.sending import to_embeds
from bot.render import Card, Field, Post, answer_pages, escape, fit_post, passage_body, shorten, unescape
from retrieval import Answer, ArticleRef, ArticleSummary, SpeakerSummary
from tests.bot.fake_answerer import ARTICLE, SUMMARY, passage


def limit_problems(post: Post) -> list[str]:
    """Check a post against Discord's documented limits, counting as Discord does (via discord.Embed)."""
    problems = []
    if post.content and len(post.content) > 2000:
        problems.append(f"content {len(post.content)}")
    embeds = to_embeds(post)
    if len(embeds) > 10:
        problems.append(f"{len(embeds)} embeds")
    total = 0
    for embed in embeds:
        data = embed.to_dict()
        if len(data.get("title", "")) > 256:
            problems.append("title")
        if len(data.get("description", "")) > 4096:
            problems.append("description")
        if len(data.get("author", {}).get("name", "")) > 256:
            problems.append("author")
        if len(data.get("footer", {}).get("text", "")) > 2048:
            problems.append("footer")
        fields = data.get("fields", [])
        if len(fields) > 25:
            problems.append("field count")
        for f in fields:
            if not f["name"] or not f["value"] or len(f["name"]) > 256 or len(f["value"]) > 1024:
                problems.append("field")
        total += len(embed)  # discord.py's count of the characters Discord limits to 6,000
    if total > 6000:
        problems.append(f"total {total}")
    return problems


def words(n: int, rng: random.Random) -> str:
    vocabulary = [
        "talks",
        "Ukraine",
        "@everyone",
        "*bold*",
        "under_score",
        "security",
        "a",
        "peace",
        "-",
        "> quote",
        "Norway's",
        "https://example.com/a_b",
        "`code`",
        "#tag",
        "supercalifragilistic" * 5,
    ]
    return " ".join(rng.choice(vocabulary) for _ in range(n))


# -- text ----------------------------------------------------------------------------------------


def test_shorten_keeps_text_within_the_limit_unchanged():
    assert shorten("We will keep talking.", 100) == "We will keep talking."


def test_shorten_cuts_at_a_word_boundary_with_an_ellipsis_and_the_tail():
    text = "We will keep talking to our allies about what comes next for the region"
    cut = shorten(text, 40, tail=" (¶ 3)")
    assert len(cut) <= 40
    assert cut.endswith("… (¶ 3)")
    kept = cut[: -len("… (¶ 3)")]
    assert text.startswith(kept) and text[len(kept)] == " "  # cut between words


def test_shorten_hard_cuts_a_single_overlong_word():
    cut = shorten("x" * 500, 50)
    assert len(cut) == 50 and cut.endswith("…")


def test_shorten_never_leaves_half_an_escape():
    text = escape("a" * 30 + "*" * 40)
    for limit in range(20, 60):
        cut = shorten(text, limit)
        body = cut[: -len("…")]
        assert (len(body) - len(body.rstrip("\\"))) % 2 == 0, cut


def test_escape_keeps_words_verbatim_for_a_reader():
    text = "He said *never* under_score > and - again @everyone"
    assert unescape(escape(text)) == text
    assert "\\*never\\*" in escape(text)


@pytest.mark.parametrize(
    "paragraphs, label",
    [([7], "¶ 8"), ([7, 8, 9, 10], "paragraphs 8–11"), ([2, 7], "paragraphs 3, 8"), ([0], "¶ 1"), ([], "")],
)
def test_paragraphs_are_shown_one_based(paragraphs, label):
    assert render.paragraph_label(paragraphs) == label


# -- passages ------------------------------------------------------------------------------------


def test_a_passage_card_has_speaker_and_role_verbatim_text_and_source_footer():
    p = passage("We listened to the fishermen.", paragraphs=[5, 6])
    post = answer_pages(Answer("q", None, "said", False, None, answers=[p]))[0]
    (card,) = post.cards
    assert card.author == "Maria Lopez, harbour master"
    assert unescape(card.body) == "“We listened to the fishermen.”"
    assert card.footer == "Harbour plan approved after long debate · 2024-05-02 · paragraphs 6–7"


def test_a_paragraph_passage_without_speaker_is_labelled_and_not_in_quotation_marks():
    p = passage("The council met on Tuesday.", speaker=None, role=None, kind="paragraph", paragraphs=[0])
    card = render.passage_cards([p])[0]
    assert card.author == "From the article"
    assert unescape(card.body) == "The council met on Tuesday."
    assert card.footer.endswith("¶ 1")


def test_words_beside_someone_credited_to_no_one_say_they_are_not_quoted_by_name():
    words = "“The quay will close by winter,” the notice at the harbour office read."
    beside = passage(words, speaker=None, role=None, kind="paragraph", paragraphs=[4])
    beside.beside = "Tom Berg"
    own = passage("It is a fine morning for the town.", speaker="Tom Berg", role="mayor", paragraphs=[9])
    post = answer_pages(Answer("what did Berg say about the quay?", "Tom Berg", "said", False, None, [own, beside]))[0]
    theirs, article = post.cards
    assert theirs.title is None and theirs.author == "Tom Berg, mayor"
    assert article.author == "From the article"
    assert article.title is not None and unescape(article.title).startswith("Not quoted by name")
    assert "Tom Berg" in article.title
    assert unescape(article.body) == words  # the article's words, verbatim and not in quotation marks
    assert not limit_problems(post)


def test_the_terminal_harness_shows_the_not_quoted_line_too():
    from rich.console import Console

    from bot.cli.chat import draw_card

    beside = passage("“Fees go up,” the leaflet said.", speaker=None, role=None, kind="paragraph")
    beside.beside = "Maria Lopez"
    console = Console(width=200, record=True)
    console.print(draw_card(render.passage_cards([beside])[0]))
    assert "Not quoted by name: the article sets these words beside Maria Lopez" in console.export_text()


def test_a_paragraph_of_the_article_that_is_beside_no_one_has_no_not_quoted_line():
    plain = passage("The council met on Tuesday.", speaker=None, role=None, kind="paragraph", paragraphs=[0])
    assert render.not_quoted_line(plain) is None
    assert render.passage_cards([plain])[0].title is None


def test_a_paragraph_reporting_what_someone_said_is_marked_as_reported():
    p = passage("The mayor has said the harbour will open.", speaker="Tom Berg", role="mayor", kind="paragraph")
    assert render.speaker_line(p) == "Tom Berg, mayor (reported)"
    assert render.speaker_line(passage("Open.", speaker="Tom Berg", role=None)) == "Tom Berg"


def test_footer_uses_the_article_id_when_there_is_no_title():
    p = passage("Yes.", article=ArticleRef(id="some-id", title=None, date=None), paragraphs=[2])
    assert render.passage_footer(p) == "some-id · ¶ 3"


def test_a_long_quotation_is_cut_at_a_word_with_a_pointer_to_the_paragraph_where_it_continues():
    first = "We will not be rushed into a deal."
    second = " ".join(["the harbour must serve the town for decades"] * 200)  # ~9,000 characters
    p = passage(first + "\n" + second, paragraphs=[11, 12])
    body = passage_body(p, 1000)
    assert len(body) <= 1000
    assert body.endswith("…” (continues in ¶ 13)")  # the cut falls in the second paragraph, shown 1-based
    kept = unescape(body[1 : -len("…” (continues in ¶ 13)")])
    assert kept.replace("\n\n", "\n") in p.text
    assert p.text[len(kept.replace("\n\n", "\n"))] == " "


def test_a_cut_in_the_first_paragraph_points_to_it():
    p = passage(" ".join(["word"] * 2000) + "\nsecond paragraph", paragraphs=[4, 5])
    assert passage_body(p, 500).endswith("(continues in ¶ 5)")


def test_paging_three_passages_a_page_in_order_each_once():
    passages = [passage(f"Statement number {i} about the harbour.", paragraphs=[i]) for i in range(7)]
    pages = answer_pages(Answer("q", None, "said", False, None, answers=passages))
    assert len(pages) == 3
    assert [len(p.cards) for p in pages.posts] == [3, 3, 1]
    assert pages[1].content == "Passages 4–6 of 7 · page 2/3"
    assert pages[2].content == "Passages 7 of 7 · page 3/3"
    shown = [unescape(c.body) for post in pages.posts for c in post.cards]
    assert shown == [f"“{p.text}”" for p in passages]


def test_a_single_page_has_no_page_line():
    pages = answer_pages(Answer("q", None, "said", False, None, answers=[passage("One.")]))
    assert len(pages) == 1 and pages[0].content is None


def test_fuzzed_answers_always_fit_discord_limits():
    rng = random.Random(7)
    for _ in range(60):
        passages = []
        for _ in range(rng.randint(1, 12)):
            n_paragraphs = rng.randint(1, 4)
            text = "\n".join(words(rng.choice([3, 50, 400, 1500]), rng) for _ in range(n_paragraphs))
            start = rng.randint(0, 50)
            passages.append(
                passage(
                    text,
                    speaker=rng.choice([None, "Maria Lopez", "Dr " + "Long-Name " * rng.randint(1, 80)]),
                    role=rng.choice(
                        [None, "mayor", "chair of the " + "very " * rng.randint(1, 300) + "long committee"]
                    ),
                    kind=rng.choice(["quote", "paragraph"]),
                    paragraphs=list(range(start, start + n_paragraphs)),
                    article=ArticleRef(
                        id="a" * rng.randint(1, 300),
                        title=rng.choice([None, words(rng.randint(1, 900), rng)]),
                        date=rng.choice([None, "2024-05-02"]),
                    ),
                )
            )
        pages = answer_pages(Answer("q", None, "said", False, None, answers=passages))
        assert len(pages) == -(-len(passages) // 3)
        for post in pages.posts:
            assert limit_problems(post) == [], post
            for card in post.cards:
                assert card.body and card.author and card.footer


def test_fit_post_brings_any_post_within_limits():
    huge = "word " * 3000
    post = Post(
        content="c" * 5000,
        cards=tuple(
            Card(body=huge, author=huge, title=huge, footer=huge, fields=tuple(Field(huge, huge) for _ in range(30)))
            for _ in range(12)
        ),
    )
    fitted = fit_post(post)
    assert limit_problems(fitted) == []
    assert len(fitted.cards) == 10


def test_mentions_in_quoted_text_are_kept_as_text():
    p = passage("Tell @everyone and @here the harbour is open.")
    body = render.passage_cards([p])[0].body
    assert "@everyone" in body and "@here" in body  # no ping: the bot sends allowed_mentions none


# -- no answer -----------------------------------------------------------------------------------


def test_no_answer_says_why():
    answer = Answer(
        "what did X say about cheese?",
        None,
        "said",
        True,
        "Nothing in the article answers that closely enough to quote.",
    )
    (post,) = answer_pages(answer).posts
    (card,) = post.cards
    assert card.title == "Nothing on record"
    assert unescape(card.body) == "Nothing in the article answers that closely enough to quote."
    assert card.tone == "notice"


def test_no_answer_for_a_mentioned_person_shows_where_they_are_mentioned():
    mention = passage(
        "Tore Sandvik, the mayor, met the minister.", speaker=None, role=None, kind="paragraph", paragraphs=[14]
    )
    answer = Answer(
        "what did Tore Sandvik say?",
        "Tore Sandvik",
        "said",
        True,
        "Tore Sandvik is mentioned but never quoted.",
        mentioned_in=[mention],
    )
    card = answer_pages(answer)[0].cards[0]
    assert card.fields[0].name.startswith("Mentioned in ¶ 15")
    assert "Tore Sandvik, the mayor, met the minister." in unescape(card.fields[0].value)


def test_no_answer_for_an_unknown_person_suggests_the_closest_names():
    answer = Answer(
        "what did Heeley say?",
        None,
        "said",
        True,
        "No one called Heeley is on record.",
        suggestions=["John Healey", "Donald Trump"],
    )
    card = answer_pages(answer)[0].cards[0]
    assert card.fields[-1].name == "Closest speakers on record"
    assert card.fields[-1].value == "John Healey, Donald Trump"


def test_no_answer_with_huge_message_and_mentions_fits():
    long = "x " * 5000
    answer = Answer(
        "q",
        None,
        "said",
        True,
        long,
        mentioned_in=[passage(long, paragraphs=[i]) for i in range(5)],
        suggestions=[long] * 20,
    )
    assert limit_problems(answer_pages(answer)[0]) == []


# -- listings ------------------------------------------------------------------------------------


def test_speakers_post_lists_name_role_and_count():
    post = render.speakers_post(
        [SpeakerSummary("Maria Lopez", "harbour master", (), 2, ()), SpeakerSummary("Tom Berg", None, (), 1, ())]
    )
    body = post.cards[0].body
    assert "**Maria Lopez**, harbour master · 2 quotations" in body
    assert "**Tom Berg** · 1 quotation" in body


def test_a_long_list_of_speakers_says_how_many_more():
    many = [SpeakerSummary(f"Speaker Number {i}", "role " * 20, (), i, ()) for i in range(500)]
    post = render.speakers_post(many)
    assert limit_problems(post) == []
    assert post.cards[0].body.rstrip().endswith("more")


def test_articles_and_article_posts():
    listing = render.articles_post([SUMMARY])
    assert "Harbour plan approved after long debate" in listing.cards[0].body
    assert (
        "The Gazette · 2024-05-02 · 20 paragraphs · 5 quotations · 2 speakers\nQuoted: Maria Lopez, Tom Berg"
        in listing.cards[0].body
    )
    one = render.article_post(SUMMARY, [SpeakerSummary("Tom Berg", "mayor", (), 2, ())])
    assert one.cards[0].title == "Harbour plan approved after long debate"
    assert "Tom Berg, mayor · 2 quotations" in one.cards[0].body
    empty = render.articles_post([])
    assert empty.cards[0].tone == "notice"


def test_article_summary_with_missing_source_and_date():
    summary = ArticleSummary(id="x", title=None, date=None, source=None, paragraphs=1, quotes=0, speakers=())
    post = render.articles_post([summary])
    assert "**x**\n1 paragraph · 0 quotations · 0 speakers" in post.cards[0].body
    assert ARTICLE.id  # the fake article is importable alongside
