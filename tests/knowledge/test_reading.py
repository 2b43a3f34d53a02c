"""Reading article files: bad input, text and HTML, boilerplate removal on the gold pages, metadata."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

import knowledge.reading as reading
from knowledge.model import KnowledgeError
from knowledge.reading import read_document, read_source, split_blocks
from tests.conftest import SEED_DIR, dev_articles, load_gold, requires_shared

SEED = SEED_DIR / "independent-2025-02-19-healey-norway.txt"


def norm(text: str) -> str:
    return " ".join(text.split())


def read(path: Path):
    content, is_html = read_source(path)
    return read_document(content, path.stem, html=is_html)


# --- bad input -------------------------------------------------------------------------------


def _one_line_error(path: Path) -> str:
    with pytest.raises(KnowledgeError) as caught:
        read_source(path)
    message = str(caught.value)
    assert "\n" not in message and str(path) in message
    return message


def test_missing_file(tmp_path):
    assert "no such file" in _one_line_error(tmp_path / "nope.txt")


def test_directory(tmp_path):
    assert "directory" in _one_line_error(tmp_path)


@pytest.mark.parametrize("content", [b"", b"   \n\n\t  \n"])
def test_empty_or_whitespace_file(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert "empty" in _one_line_error(path)


@pytest.mark.parametrize(
    "content",
    [
        b"some text\x00\x01\x02 with NUL bytes",
        bytes(range(1, 32)) * 50 + b"a few letters",
        b"\x89PNG\r\n\x1a\nrest of an image",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
    ],
)
def test_binary_file(tmp_path, content):
    path = tmp_path / "article.txt"
    path.write_bytes(content)
    message = _one_line_error(path)
    assert "not an article" in message


def test_oversized_file(tmp_path, monkeypatch):
    monkeypatch.setattr(reading, "MAX_FILE_BYTES", 1000)
    path = tmp_path / "big.txt"
    path.write_text("The council voted on Tuesday.\n" * 100)
    assert "too large" in _one_line_error(path)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read anything")
def test_unreadable_file(tmp_path):
    path = tmp_path / "locked.txt"
    path.write_text("The council voted on Tuesday.")
    path.chmod(0)
    try:
        assert "cannot read" in _one_line_error(path)
    finally:
        path.chmod(0o644)


def test_html_page_without_an_article():
    page = "<html><head><title>Home</title></head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></body></html>"
    with pytest.raises(KnowledgeError, match="no article text"):
        read_document(page, "home", html=True)


def test_text_that_is_all_chrome():
    chrome = "Home\nNews\nSport\nShare on Facebook\nAdvertisement\n© 2024 Example Media Ltd. All rights reserved."
    with pytest.raises(KnowledgeError, match="no article text"):
        read_document(chrome, "chrome")


# --- decoding ---------------------------------------------------------------------------------

STORY = "“We will build it,” the council leader said on Tuesday."


def test_utf8_with_byte_order_mark(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + STORY.encode())
    assert read_source(path) == (STORY, False)


def test_utf16_with_byte_order_mark(tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_bytes(STORY.encode("utf-16"))
    assert read_source(path)[0] == STORY


def test_legacy_windows_1252_text(tmp_path):
    path = tmp_path / "legacy.txt"
    path.write_bytes(STORY.encode("cp1252"))
    assert read_source(path)[0] == STORY


def test_html_declared_charset(tmp_path):
    text = "Мэр сказал, что мост построят."
    path = tmp_path / "page.html"
    path.write_bytes(
        f'<html><head><meta charset="windows-1251"></head><body><p>{text}</p></body></html>'.encode("cp1251")
    )
    content, is_html = read_source(path)
    assert is_html and text in content


def test_html_is_recognised_by_content_and_by_suffix(tmp_path):
    sniffed = tmp_path / "saved.txt"
    sniffed.write_text("<!DOCTYPE html><html><body><p>Hi.</p></body></html>")
    suffixed = tmp_path / "page.htm"
    suffixed.write_text("<p>The council voted.</p>")
    plain = tmp_path / "story.txt"
    plain.write_text("The council voted, 5 < 7 members said.")
    assert read_source(sniffed)[1] and read_source(suffixed)[1] and not read_source(plain)[1]


# --- splitting and whitespace -----------------------------------------------------------------


def test_single_newline_paragraphs():
    blocks = split_blocks("First one here.\nSecond one here.\nThird one here.\n\nFourth one here.\n")
    assert blocks == [(0, "First one here."), (1, "Second one here."), (2, "Third one here."), (3, "Fourth one here.")]


def test_blank_line_paragraphs_join_hard_wrapped_lines():
    text = "The council voted on Tuesday to build\na new bridge.\n\nWork starts next spring.\n\nIt will take three years.\n"
    assert split_blocks(text) == [
        (0, "The council voted on Tuesday to build a new bridge."),
        (1, "Work starts next spring."),
        (2, "It will take three years."),
    ]


def test_odd_spaces_are_normalised_the_same_in_text_and_html():
    text = "The\u00a0council\u2009voted  on Tuesday\u200b to build a bridge, the leader said."
    from_text = read_document(text, "t", html=False).paragraphs[0].text
    page = f"<html><body><article><p>{text}</p><p>{STORY}</p></article></body></html>"
    from_html = read_document(page, "h", html=True).paragraphs[0].text
    assert from_text == from_html == "The council voted on Tuesday to build a bridge, the leader said."


# --- the bundled article ----------------------------------------------------------------------


@requires_shared
def test_seed_article():
    document = read(SEED)
    texts = [p.text for p in document.paragraphs]
    assert document.date == "2025-02-19"
    assert document.title is None
    assert texts[0].startswith("Talks between the US and Russia")
    assert len(texts) == 20  # the 21 lines less the date-and-appeal line
    assert not any("Your support" in t or "Read more" in t for t in texts)
    # the two pull quotes stay (recognising them is the quotation finder's job)
    assert sum(t.endswith("Defence Secretary John Healey") for t in texts) == 2
    assert all(p.role == "body" for p in document.paragraphs)
    assert [p.index for p in document.paragraphs] == list(range(len(texts)))


@requires_shared
def test_seed_source_index_is_the_gold_paragraph_number():
    document = read(SEED)
    by_source = {p.source_index: p.text for p in document.paragraphs}
    gold = load_gold(SEED)
    for quote in gold["quotes"]:
        assert norm(quote["text"]) in norm(by_source[quote["paragraph"]])


@requires_shared
@pytest.mark.parametrize("separator", ["\n", "\n\n"])
def test_appeal_as_its_own_paragraph_is_dropped(separator):
    first, rest = SEED.read_text().split("\n", 1)
    date_end = first.index("Your support")
    content = first[:date_end] + separator + first[date_end:] + separator + rest
    document = read_document(content, "seed")
    assert document.date == "2025-02-19"
    assert document.paragraphs[0].text.startswith("Talks between")
    assert len(document.paragraphs) == 20


# --- the dev pages, as text and as HTML ---------------------------------------------------------


def _gold_paragraphs(path: Path) -> tuple[dict[int, str], list[dict], dict]:
    """Return the .txt blocks (by gold paragraph number), the gold quotes, and the gold file."""
    gold = load_gold(path)
    blocks = dict(split_blocks(path.read_text()))
    return blocks, gold["quotes"], gold


def _quote_paragraphs(quotes: list[dict]) -> set[int]:
    """Gold paragraph numbers of the story's quotations (not chrome, not optional headline quotes)."""
    story = {q["paragraph"] for q in quotes if not q.get("boilerplate") and not q.get("optional")}
    return story


DEV = [pytest.param(p, id=p.stem[:2]) for p in dev_articles()]


@requires_shared
@pytest.mark.parametrize("fmt", ["txt", "html"])
@pytest.mark.parametrize("path", DEV)
def test_dev_quote_paragraphs_kept_and_chrome_gone(path, fmt):
    blocks, quotes, gold = _gold_paragraphs(path)
    document = read(path.with_suffix("." + fmt))
    texts = [norm(p.text) for p in document.paragraphs]
    for number in _quote_paragraphs(quotes):
        assert norm(blocks[number]) in texts, f"paragraph {number} missing"
    for quote in quotes:
        if quote.get("boilerplate"):
            assert not any(norm(quote["text"]) in t for t in texts)
    for marker in gold.get("boilerplate_markers", []):
        assert not any(marker.lower() in t.lower() for t in texts), marker


@requires_shared
@pytest.mark.parametrize("path", DEV)
def test_dev_text_source_index_is_the_gold_paragraph_number(path):
    blocks, quotes, _ = _gold_paragraphs(path)
    by_source = {p.source_index: p.text for p in read(path).paragraphs}
    for number in _quote_paragraphs(quotes):
        assert by_source[number] == blocks[number]


@requires_shared
@pytest.mark.parametrize("path", DEV)
def test_dev_text_and_html_agree(path):
    """The quote-bearing paragraphs come out of the text and the page with the same text and index."""
    blocks, quotes, _ = _gold_paragraphs(path)
    from_text = {norm(p.text): p.index for p in read(path).paragraphs}
    from_html = {norm(p.text): p.index for p in read(path.with_suffix(".html")).paragraphs}
    for number in _quote_paragraphs(quotes):
        text = norm(blocks[number])
        assert from_text[text] == from_html[text]


@requires_shared
@pytest.mark.parametrize("path", DEV)
def test_dev_short_story_paragraphs_are_kept(path):
    """Every sentence-shaped block between the story's first and last quotation survives."""
    blocks, quotes, _ = _gold_paragraphs(path)
    numbers = _quote_paragraphs(quotes)
    kept = {p.source_index for p in read(path).paragraphs}
    for number in range(min(numbers), max(numbers) + 1):
        text = blocks[number]
        if re.search(r"[.!?][”\"’]?$", text) and not re.search(r"(?i)\(reuters\)$|contributed to this", text):
            assert number in kept, text


@requires_shared
@pytest.mark.parametrize("path", DEV)
def test_dev_metadata_agrees_between_text_and_html(path):
    from_text = read(path)
    from_html = read(path.with_suffix(".html"))
    assert from_html.title and from_html.source
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", from_html.date)
    # the text carries a title and a date only when it is a whole scraped page; then they agree
    if from_text.title is not None:
        assert from_text.title == from_html.title
    if from_text.date is not None:
        assert from_text.date == from_html.date
    whole_page = len(split_blocks(path.read_text())) > len(from_text.paragraphs) + 10
    if not whole_page:
        assert from_text.title is None


# --- a made-up outlet ---------------------------------------------------------------------------

STORY_PARAGRAPHS = [
    "The harbour council voted on Tuesday to build a new bridge across the estuary, ending a decade of argument over how to replace the ageing ferry service.",
    "Council leader Anna Brightwater said the decision was “the most important this council has made in a generation”.",
    "“We have listened to every objection, and we have answered them,” she told reporters outside the town hall. “Now we build.”",
    "Opponents, led by the Estuary Trust, said the bridge would harm wading birds and questioned the cost, put at £48m.",
    "“This is a sad day for the estuary,” said the trust’s director, Tom Ashby. “We will study the decision and consider our options.”",
    "Work is expected to start next spring and take three years, the council said.",
    "“I almost cried,” Brightwater said.",
]

SCRAPED_PAGE = [
    "We use cookies to improve your experience. By continuing you accept our cookie policy.",
    "Accept all cookies",
    "Home",
    "News",
    "Sport",
    "Business",
    "Opinion",
    "Subscribe",
    "Sign in",
    "Local news",
    "Harbour council approves bridge plan",
    "Estuary crossing to replace ferry after decade of argument",
    "By Marta Quill",
    "Tue 7 May 2024 09.30 BST",
    "Share on Facebook",
    "Share on X",
    "The old ferry terminal at dusk. Photograph: Lee Brand/Valley Courier",
    *STORY_PARAGRAPHS[:3],
    "Related",
    "Ferry operator warns of job losses",
    "Estuary birds 'at risk' from works",
    "[Read: How the ferry shaped the town]",
    *STORY_PARAGRAPHS[3:5],
    "Advertisement",
    "Slideshow ( 4 images )",
    "A crane on the estuary shore on Monday. (Valley Courier)",
    *STORY_PARAGRAPHS[5:],
    "Additional reporting by Sam Reed; Editing by Kay Moss",
    "Sign up to our free daily newsletter and get the top stories delivered to your inbox.",
    "Topics",
    "Transport",
    "Local government",
    "Share on Facebook",
    "Share on X",
    "Privacy policy",
    "Terms",
    "Contact us",
    "© 2024 Valley Courier Media Ltd. All rights reserved.",
]


@pytest.mark.parametrize("separator", ["\n", "\n\n"])
def test_made_up_outlet_scraped_text(separator):
    document = read_document(separator.join(SCRAPED_PAGE), "courier")
    assert [p.text for p in document.paragraphs] == STORY_PARAGRAPHS
    assert document.title == "Harbour council approves bridge plan"
    assert document.date == "2024-05-07"
    assert document.source == "Valley Courier Media Ltd"
    sources = [p.source_index for p in document.paragraphs]
    assert [SCRAPED_PAGE[i] for i in sources] == STORY_PARAGRAPHS


def test_made_up_outlet_without_credit_line_still_ends_at_the_story():
    page = [b for b in SCRAPED_PAGE if not b.startswith("Additional reporting")]
    document = read_document("\n".join(page), "courier")
    assert [p.text for p in document.paragraphs] == STORY_PARAGRAPHS


def test_donation_appeal_before_the_story_is_dropped():
    appeal = (
        "Your support helps us to tell the story Read more Support Now Our reporters are on the ground "
        "in every town. Your donation allows us to keep sending journalists, and we choose not to put "
        "our quality journalism behind a paywall. Read more"
    )
    document = read_document("\n".join([appeal, *STORY_PARAGRAPHS]), "appeal")
    assert [p.text for p in document.paragraphs] == STORY_PARAGRAPHS


def test_agency_dateline_gives_the_source():
    lede = "LISBON (Courier Wire) - The harbour council voted on Tuesday to build a new bridge, officials said."
    document = read_document("\n".join([lede, *STORY_PARAGRAPHS[1:]]), "wire")
    assert document.source == "Courier Wire"
    assert document.title is None and document.date is None


def test_subheads_inside_the_story_are_dropped():
    content = "\n\n".join([*STORY_PARAGRAPHS[:3], "OPPONENTS REACT", *STORY_PARAGRAPHS[3:]])
    assert [p.text for p in read_document(content, "subheads").paragraphs] == STORY_PARAGRAPHS


def test_date_label_on_its_own_line():
    document = read_document("date 2024-05-07\n" + "\n".join(STORY_PARAGRAPHS), "dated")
    assert document.date == "2024-05-07"
    assert [p.text for p in document.paragraphs] == STORY_PARAGRAPHS


def test_no_date_or_title_is_invented():
    document = read_document("\n\n".join(STORY_PARAGRAPHS), "bare")
    assert (document.title, document.date, document.source) == (None, None, None)


MADE_UP_PAGE = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Harbour council approves bridge plan | The Valley Courier</title>
<meta property="og:site_name" content="The Valley Courier">
<meta property="og:title" content="Harbour council approves bridge plan">
<meta property="article:published_time" content="2024-05-07T09:30:00Z">
</head><body>
<div id="cookie-banner"><p>We use cookies to improve your experience. By continuing you accept our cookie policy.</p></div>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<main><article>
<h1>Harbour council approves bridge plan</h1>
<p class="byline">By Marta Quill</p><time datetime="2024-05-07">7 May 2024</time>
<figure><img src="b.jpg"><figcaption>The old ferry terminal at dusk. Photograph: Lee Brand/Valley Courier</figcaption></figure>
{"".join(f"<p>{p}</p>" for p in STORY_PARAGRAPHS[:3])}
<aside class="related"><h3>Related</h3><ul><li><a href="/a">Ferry operator warns of job losses</a></li></ul></aside>
<p>[Read: How the ferry shaped the town]</p>
{"".join(f"<p>{p}</p>" for p in STORY_PARAGRAPHS[3:5])}
<div class="ad">Advertisement</div>
{"".join(f"<p>{p}</p>" for p in STORY_PARAGRAPHS[5:])}
<p>Additional reporting by Sam Reed; Editing by Kay Moss</p>
<div class="newsletter"><p>Sign up to our free daily newsletter and get the top stories delivered to your inbox.</p></div>
</article></main>
<footer><p>© 2024 Valley Courier Media Ltd. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body></html>"""


def test_made_up_outlet_html_page(tmp_path):
    path = tmp_path / "courier.html"
    path.write_text(MADE_UP_PAGE)
    document = read(path)
    assert [p.text for p in document.paragraphs] == STORY_PARAGRAPHS
    assert document.title == "Harbour council approves bridge plan"
    assert document.date == "2024-05-07"
    assert document.source == "The Valley Courier"


def test_html_and_text_of_the_made_up_outlet_agree(tmp_path):
    from_html = read_document(MADE_UP_PAGE, "h", html=True)
    from_text = read_document("\n".join(SCRAPED_PAGE), "t", html=False)
    assert [(p.index, p.text) for p in from_html.paragraphs] == [(p.index, p.text) for p in from_text.paragraphs]


def test_html_line_breaks_split_paragraphs():
    body = "<br><br>".join(STORY_PARAGRAPHS)
    page = f"<html><head><title>Bridge</title></head><body><article><div>{body}</div></article></body></html>"
    assert [p.text for p in read_document(page, "br", html=True).paragraphs] == STORY_PARAGRAPHS


def test_gold_files_parse():
    """Guard the data-driven tests above against an empty parametrisation."""
    if not dev_articles():
        pytest.skip("no gold data")
    assert all(json.loads(p.with_suffix(".quotes.json").read_text())["quotes"] for p in dev_articles())


@pytest.mark.parametrize(
    "page",
    [
        "<html><head><title>Not found</title></head><body><main><h1>Page not found</h1>"
        "<p>Sorry, the page you were looking for could not be found.</p></main></body></html>",
        "<html><head><title>App</title></head><body><noscript>Please enable JavaScript to view this site."
        "</noscript><div id='root'></div></body></html>",
        "<html><head><title>Bridge plan approved</title></head><body><h1>Bridge plan approved</h1></body></html>",
    ],
    ids=["not-found", "javascript-only", "headline-only"],
)
def test_html_pages_that_are_not_articles(page):
    with pytest.raises(KnowledgeError, match="no article text"):
        read_document(page, "page", html=True)


def test_headline_before_standfirst_and_byline_is_the_title():
    content = "\n".join(
        [
            "Harbour council approves bridge plan",
            "The £48m crossing will replace the ferry after a decade of argument.",
            "By Marta Quill",
            "7 May 2024",
            *STORY_PARAGRAPHS,
        ]
    )
    document = read_document(content, "standfirst")
    assert document.title == "Harbour council approves bridge plan"
    assert document.date == "2024-05-07"
    assert [p.text for p in document.paragraphs][1:] == STORY_PARAGRAPHS


def test_chrome_inside_the_story_does_not_cut_it_short():
    content = "\n".join(
        [
            *STORY_PARAGRAPHS[:2],
            "— Anna Brightwater (@annab) May 7, 2024",
            "Editor's note: This story has been updated with comment from the trust.",
            "(Updates with comment from the trust)",
            "Image caption, The old ferry terminal at dusk",
            *STORY_PARAGRAPHS[2:],
        ]
    )
    assert [p.text for p in read_document(content, "inside").paragraphs] == STORY_PARAGRAPHS


def test_headline_that_ends_like_a_sentence_is_the_title_not_a_paragraph():
    content = "\n".join(
        ["Is the new bridge worth £48m to the town?", "By Marta Quill", "7 May 2024", *STORY_PARAGRAPHS]
    )
    document = read_document(content, "question")
    assert document.title == "Is the new bridge worth £48m to the town?"
    assert [p.text for p in document.paragraphs] == STORY_PARAGRAPHS
    assert [p.index for p in document.paragraphs] == list(range(len(STORY_PARAGRAPHS)))


def test_title_found_past_share_buttons_between_headline_and_byline():
    content = "\n".join(
        [
            "Home",
            "Local news",
            "Harbour council approves bridge plan",
            "Share on Facebook",
            "Share on X",
            "Copy link",
            "Advertisement",
            "By Marta Quill",
            *STORY_PARAGRAPHS,
        ]
    )
    assert read_document(content, "share").title == "Harbour council approves bridge plan"


def test_html_blockquote_paragraphs_stay_separate():
    quote = "".join(f"<p>{p}</p>" for p in STORY_PARAGRAPHS[2:5])
    page = (
        "<html><head><title>Bridge</title></head><body><article>"
        + "".join(f"<p>{p}</p>" for p in STORY_PARAGRAPHS[:2])
        + f"<blockquote>{quote}</blockquote>"
        + "".join(f"<p>{p}</p>" for p in STORY_PARAGRAPHS[5:])
        + "</article></body></html>"
    )
    assert [p.text for p in read_document(page, "quote", html=True).paragraphs] == STORY_PARAGRAPHS


def test_labelled_metadata_lines_before_the_story():
    content = "\n".join(
        [
            "Title: Harbour council approves bridge plan",
            "Source: Valley Courier",
            "Date: May 7, 2024",
            *STORY_PARAGRAPHS,
        ]
    )
    document = read_document(content, "labelled")
    assert (document.title, document.source, document.date) == (
        "Harbour council approves bridge plan",
        "Valley Courier",
        "2024-05-07",
    )
    assert [p.text for p in document.paragraphs] == STORY_PARAGRAPHS
