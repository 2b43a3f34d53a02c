"""The boilerplate rules one by one: sentence shape, chrome kinds, appeals, and where the story runs."""

from __future__ import annotations

import pytest

from knowledge.boilerplate import (
    MAX_GAP,
    chrome_kind,
    find_story,
    is_appeal,
    is_author_bio,
    is_sentence,
    trim_block,
)


@pytest.mark.parametrize(
    "block",
    [
        "The council voted on Tuesday.",
        "Will the plan work?",
        "“We will build it,” she said.",
        '"I almost died there," Bublik said, jokingly.',
        "The decision was “operational”.",
        "He said it was “the end of an era.”",
        "Mr Healey told reporters on Wednesday:",
        "He said:",
        "It was, she said, a question of time…",
    ],
)
def test_sentence_shaped_blocks(block):
    assert is_sentence(block)


@pytest.mark.parametrize(
    "block",
    [
        "Harbour council approves bridge plan",
        "Third of staff 'have experienced bullying'",
        "TRUMP IMPACT",
        "Share on Facebook",
        "",
        "...",
    ],
)
def test_blocks_that_are_not_sentences(block):
    assert not is_sentence(block)


@pytest.mark.parametrize(
    "block, kind",
    [
        ("© 2024 Valley Courier Media Ltd. All rights reserved.", "copyright"),
        ("Copyright 2019 The Example Press. All rights reserved.", "copyright"),
        ("Reporting by Jane Doe; Editing by John Roe", "credit"),
        ("Additional reporting by Sam Reed in Leeds", "credit"),
        ("Pat Lee contributed to this report.", "credit"),
        ("The Associated Press contributed to this story.", "credit"),
        ("We use cookies to improve your experience on our site.", "cookies"),
        ("Accept all cookies", "cookies"),
        ("Protesters outside parliament. Photograph: Jo Bloggs/Getty Images", "caption"),
        ("Rescue teams search the rubble in the old town. (Reuters)", "caption"),
        ("The skyline at dawn. (AP Photo/Kim Lee)", "caption"),
        ("Flood water in the square. Photo: Ann Smith", "caption"),
        ("Read more", "label"),
        ("Share on WhatsApp", "label"),
        ("Advertisement", "label"),
        ("Slideshow ( 5 images )", "label"),
        ("4 Min Read", "label"),
        ("Most popular", "label"),
        ("Topics", "label"),
        ("[Read: Why the bridge matters to the town]", "link"),
        ("www.example.com/news/bridge", "link"),
        ("By Marta Quill and Sam Reed", "byline"),
        ("Tue 7 May 2024 09.30 BST", "timestamp"),
        ("Published March 3, 2020 10:45 a.m. ET", "timestamp"),
        ("Sign up to our free newsletter and get the best stories in your inbox.", "appeal"),
    ],
)
def test_chrome_kinds(block, kind):
    assert chrome_kind(block) == kind


@pytest.mark.parametrize(
    "block",
    [
        "Share prices fell 3 percent on Tuesday after the announcement.",
        "Comments from the minister drew criticism from opposition parties.",
        "Related charges were filed against two other men in March.",
        "She said the commission had contributed to the report in its early stages, before withdrawing.",
        "The streaming company said it had added 2 million subscribers, and that subscription prices would rise.",
        "“Sign up for the scheme and your support will be matched by the government,” the minister said.",
        "Support for the measure grew after the company cut subscription prices.",
        "Anna Brightwater, the council leader, said the decision was “historic”.",
        "Her rÃ©sumÃ© is impressive: a self-made engineer who founded a firm and ran the city for a decade.",
    ],
)
def test_story_sentences_are_not_chrome(block):
    assert chrome_kind(block) is None


def test_donation_appeal_is_recognised():
    appeal = (
        "Your support helps us to tell the story. From climate to courts, our reporters are on the "
        "ground. Your donation allows us to keep sending journalists, and we choose not to put a "
        "paywall on our quality journalism. Support Now"
    )
    assert is_appeal(appeal)
    assert chrome_kind(appeal) == "appeal"


def test_quoted_speech_about_subscriptions_is_not_an_appeal():
    assert not is_appeal("“Your support and your subscription keep our journalism alive, and our newsletter too.")


def test_trailing_read_more_link_is_trimmed():
    assert trim_block("The bridge opens in 2027. Read more") == "The bridge opens in 2027."
    assert trim_block("Read more about it here") == "Read more about it here"


def _prose(n: int, start: int = 0) -> list[str]:
    return [
        f"Paragraph {i} of the story says something about the bridge and the vote." for i in range(start, start + n)
    ]


def test_story_is_the_longest_run_of_sentences():
    menu = ["Home", "News", "Sport", "Opinion", "What would you like to search for?"] + ["Link"] * 10
    footer = ["Privacy", "Terms", "Contact", "Help", "Jobs", "Apps", "Advertise", "Newsletters", "About", "Print"]
    blocks = menu + _prose(6) + footer + ["All prices are delayed by at least 15 minutes."]
    story = find_story(blocks)
    assert [blocks[i] for i in story.kept] == _prose(6)


def test_story_bridges_a_related_links_box_inside_it():
    related = ["Related", "Ferry operator warns of job losses", "Estuary birds 'at risk' from works", "See more"]
    assert len(related) <= MAX_GAP
    blocks = _prose(3) + related + _prose(3, 3)
    story = find_story(blocks)
    assert [blocks[i] for i in story.kept] == _prose(6)


def test_story_ends_at_the_credit_line():
    blocks = _prose(4) + ["Reporting by Jane Doe; Editing by John Roe", "Our Standards: The Trust Principles."]
    story = find_story(blocks)
    assert story.kept == [0, 1, 2, 3]


def test_long_unpunctuated_pull_quote_inside_the_story_is_kept():
    pull = (
        "So whilst all the focus may be on the vote, our concern as councillors is that we are not "
        "forgetting about the people who use the ferry every day Council leader Anna Brightwater"
    )
    blocks = _prose(2) + [pull] + _prose(2, 2)
    assert find_story(blocks).kept == [0, 1, 2, 3, 4]


def test_long_menu_line_is_not_prose():
    menu = " ".join(["News", "World", "UK", "Business", "Tech", "Science", "Health", "Sport", "Culture"] * 3)
    blocks = _prose(2) + [menu] + _prose(1, 2)
    assert find_story(blocks).kept == [0, 1, 3]


def test_lines_repeated_on_the_page_are_chrome():
    blocks = ["Skip this now."] + _prose(2) + ["Skip this now."] + _prose(2, 2) + ["Skip this now."]
    assert [blocks[i] for i in find_story(blocks).kept] == _prose(4)


def test_no_story_in_chrome_only():
    assert find_story(["Home", "News", "Share on Facebook", "© 2024 Example Ltd"]) is None


@pytest.mark.parametrize(
    "block, kind",
    [
        ("Image caption, The old ferry terminal at dusk", "caption"),
        ("The terminal at dusk. Credit...Lee Brand for The Courier", "caption"),
        ("Editor's note: This story has been updated with comment from the trust.", "note"),
        ("This article was amended on 8 May 2024 to correct the cost of the bridge.", "note"),
        ("(Updates with comment from the trust in paragraph 5)", "note"),
        ("— Anna Brightwater (@annab) March 3, 2020", "embed"),
        ("Sorry, the page you were looking for could not be found.", "error page"),
        ("Please enable JavaScript to view this site.", "error page"),
        ("Continue reading the main story", "label"),
    ],
)
def test_more_chrome_kinds(block, kind):
    assert chrome_kind(block) == kind


def test_editors_note_does_not_end_the_story():
    blocks = _prose(3) + ["Editor's note: This story has been updated."] + _prose(3, 3)
    assert len(find_story(blocks).kept) == 6


def test_a_paragraph_scraped_twice_is_kept_once():
    blocks = _prose(3) + _prose(1, 1) + _prose(1, 3)
    assert find_story(blocks).kept == [0, 1, 2, 4]


@pytest.mark.parametrize(
    "block, kind",
    [
        ("(Adds comment from the trust in paragraph 5)", "note"),
        ("(The figures were revised later.)", None),
    ],
)
def test_parenthetical_notes(block, kind):
    assert chrome_kind(block) == kind


def test_author_biography_is_dropped_only_after_the_story():
    bio = "Jane Doe is a reporter covering energy and climate for the Courier."
    assert is_author_bio(bio)
    assert not is_author_bio("Smith is a former reporter who said he was never paid.")
    blocks = _prose(2) + [bio] + _prose(2, 2) + [bio]
    assert find_story(blocks).kept == [0, 1, 2, 3, 4]


@pytest.mark.parametrize(
    "block, kind",
    [
        ("Click here to read the full report.", "label"),
        ("See also: how the ferry shaped the town", "label"),
        ("Read more:", "label"),
        ("The ferry at dawn. Photo: AP.", "caption"),
        ("___", "symbols"),
        ("Follow Jane Doe on Twitter at https://twitter.com/janedoe", "link"),
        ("Copyright 2019 The Associated Press. All rights reserved. This material may not be published.", "copyright"),
    ],
)
def test_chrome_that_ends_like_a_sentence(block, kind):
    assert chrome_kind(block) == kind


def test_short_attribution_before_a_quotation_is_story():
    blocks = _prose(2) + ["He said:", "“We will build it, and we will build it on time.”"] + _prose(1, 2)
    assert find_story(blocks).kept == [0, 1, 2, 3, 4]


def test_readers_comments_are_not_the_story():
    comments = ["Comments (42)", "user123", "This is a long and angry comment about the bridge and the council."] * 1
    more = [f"Comment {i} says the council has wasted money on the bridge for years." for i in range(8)]
    blocks = _prose(3) + comments + more
    assert chrome_kind("Comments (42)") == "comments"
    assert chrome_kind("Join the conversation") == "comments"
    assert find_story(blocks).kept == [0, 1, 2]
