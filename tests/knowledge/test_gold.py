"""The gold files as data: every annotated article (seed, dev text, dev HTML) meets the targets.

Targets: precision >= 0.90, recall >= 0.90, speaker accuracy >= 0.95 per
article and over the dev set. Also the ``onrecord quotes --json`` contract.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main
from knowledge import load_article
from knowledge.scoring import QuoteScore, score_quotes, score_quotes_file, text_matches
from tests.conftest import DEV_DIR, SEED_DIR, requires_shared
from tests.knowledge.targets import assert_meets_targets

SEED_GOLD = SEED_DIR / "independent-2025-02-19-healey-norway.quotes.json"


def gold_files() -> list[Path]:
    return sorted(DEV_DIR.glob("*.quotes.json")) if DEV_DIR.is_dir() else []


def cases() -> list[tuple[Path, bool]]:
    found = [(SEED_GOLD, False)] if SEED_GOLD.is_file() else []
    for gold in gold_files():
        found.append((gold, False))
        if gold.with_name(gold.name.replace(".quotes.json", ".html")).is_file():
            found.append((gold, True))
    return found


@requires_shared
@pytest.mark.parametrize(
    "gold, html", cases(), ids=lambda v: v.name if isinstance(v, Path) else ("html" if v else "txt")
)
def test_each_gold_article_meets_the_targets(gold, html):
    assert_meets_targets(score_quotes_file(gold, html=html), f"{gold.name} ({'html' if html else 'txt'})")


@requires_shared
@pytest.mark.parametrize("html", [False, True], ids=["txt", "html"])
def test_the_dev_set_as_a_whole_meets_the_targets(html):
    total = QuoteScore()
    for gold in gold_files():
        total = total + score_quotes_file(gold, html=html)
    assert total.gold_required > 0
    assert_meets_targets(total, "dev set")


@requires_shared
def test_text_and_html_give_the_same_quotations():
    for gold in gold_files():
        base = gold.name.replace(".quotes.json", "")
        from_text = load_article(gold.with_name(base + ".txt"))
        from_html = load_article(gold.with_name(base + ".html"))
        assert [(q.text, q.speaker) for q in from_text.quotes] == [(q.text, q.speaker) for q in from_html.quotes], base


def test_the_bundled_seed_article():
    """All 20 quoted stretches with the right speaker, both pull quotes, exactly three speakers."""
    article = load_article()  # the bundled copy inside the package
    assert [s.name for s in article.speakers] == ["John Healey", "Volodymyr Zelensky", "Donald Trump"]
    pulls = [q for q in article.quotes if q.kind == "pullquote"]
    assert len(pulls) == 2
    assert all(q.speaker == "John Healey" and q.repeats for q in pulls)
    assert all("Defence Secretary" not in q.text for q in pulls)
    assert sum(p.role == "pullquote" for p in article.paragraphs) == 2
    assert not any("Elon Musk" in q.text for q in article.quotes)
    assert {m.name for m in article.mentions} >= {"Tore Sandvik", "Vladimir Putin"}
    assert not {m.name for m in article.mentions} & {"John Healey", "Volodymyr Zelensky", "Donald Trump"}
    healey = article.speaker("John Healey")
    assert "Mr Healey" in healey.aliases
    assert "the defence secretary" in {a.lower() for a in healey.aliases}
    if SEED_GOLD.is_file():
        gold = json.loads(SEED_GOLD.read_text())
        score = score_quotes(article, gold)
        assert (score.matched, score.gold_required, score.speakers_right) == (20, 20, 20), score.summary()
        by_speaker: dict[str, int] = {}
        for entry in gold["quotes"]:
            if entry.get("optional"):
                continue
            owner = next(
                q.speaker for q in article.quotes if q.kind != "pullquote" and text_matches(q.text, entry["text"])
            )
            by_speaker[owner] = by_speaker.get(owner, 0) + 1
        assert by_speaker == {"John Healey": 17, "Volodymyr Zelensky": 1, "Donald Trump": 2}


def test_scorer_matching_rule():
    assert text_matches("“We’ll win,” he said", "we'll win,")
    assert text_matches("first part\nsecond part", "second part")  # merged multi-paragraph quote
    assert text_matches("a long enough", "a long enough piece")  # inside and at least half as long
    assert not text_matches("a", "a long enough piece of text")
    assert not text_matches("something else", "we'll win")


def test_scorer_counts_ignore_boilerplate_optional_and_accept():
    from knowledge.model import Article, Quote

    gold = {
        "speakers": {"Ann Lee": {}, "the Agency": {"accept": ["agency"]}},
        "quotes": [
            {"text": "we will win", "speaker": "Ann Lee"},
            {"text": "we did our best", "speaker": "the Agency"},
            {"text": "term", "speaker": None, "ignore": True},
            {"text": "related link words", "speaker": None, "boilerplate": True},
            {"text": "pulled out words", "speaker": "Ann Lee", "optional": True},
        ],
    }
    article = Article(
        id="x",
        title=None,
        date=None,
        source=None,
        paragraphs=[],
        quotes=[
            Quote("q1", "we will win", [0], "direct", speaker="Ann Lee"),
            Quote("q2", "we did our best", [1], "direct", speaker="Agency spokesperson"),
            Quote("q3", "term", [2], "partial", speaker=None),
            Quote("q4", "related link words", [3], "partial", speaker=None),
            Quote("q5", "pulled out words", [4], "pullquote", speaker="Bob Stone"),
        ],
    )
    score = score_quotes(article, gold)
    assert (score.predicted, score.correct_predictions) == (4, 2)  # the ignore match is left out
    assert (score.matched, score.gold_required, score.speakers_right) == (2, 2, 2)
    assert score.recall == 1.0 and score.precision == 0.5


REQUIRED_KEYS = {
    "article": {"id", "title", "date", "source", "paragraphs"},
    "speaker": {"name", "role", "aliases", "quotes"},
    "mention": {"name", "role"},
    "quote": {"id", "speaker", "text", "paragraphs", "kind", "cue"},
}


def test_quotes_json_contract(capsys):
    assert main(["quotes", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"article", "speakers", "mentions", "quotes"}
    assert set(data["article"]) == REQUIRED_KEYS["article"]
    assert data["article"]["date"] == "2025-02-19" and data["article"]["title"] is None
    for speaker in data["speakers"]:
        assert set(speaker) == REQUIRED_KEYS["speaker"] and speaker["quotes"] >= 1
    for mention in data["mentions"]:
        assert set(mention) == REQUIRED_KEYS["mention"]
    for quote in data["quotes"]:
        assert set(quote) == REQUIRED_KEYS["quote"]
        assert quote["kind"] in {"direct", "partial", "continued", "pullquote"}
        assert all(isinstance(i, int) for i in quote["paragraphs"])
    names = {s["name"] for s in data["speakers"]}
    assert all(q["speaker"] in names for q in data["quotes"] if q["speaker"])
    assert any("\n" in q["text"] and len(q["paragraphs"]) > 1 for q in data["quotes"])


def test_speakers_and_readable_listings(capsys):
    assert main(["speakers"]) == 0
    out = capsys.readouterr().out
    assert "John Healey" in out and "Tore Sandvik" in out
    assert main(["quotes"]) == 0
    out = capsys.readouterr().out
    assert "Three years ago" in out and "John Healey" in out


@pytest.mark.parametrize("content", [None, b"", b"\x00\x01\x02binary", b"<html><body><nav>Home</nav></body></html>"])
def test_bad_paths_exit_non_zero_with_one_line(tmp_path, capsys, content):
    path = tmp_path / ("missing.txt" if content is None else "bad.html" if content.startswith(b"<") else "bad.txt")
    if content is not None:
        path.write_bytes(content)
    for command in ("quotes", "speakers"):
        assert main([command, str(path), "--json"]) != 0
        captured = capsys.readouterr()
        assert captured.out == ""
        assert captured.err.count("\n") == 1 and "Traceback" not in captured.err


@requires_shared
@pytest.mark.parametrize(
    "gold, html", cases(), ids=lambda v: v.name if isinstance(v, Path) else ("html" if v else "txt")
)
def test_speakers_are_canonical_and_non_speakers_are_never_quoted(gold, html):
    """Named speakers appear under their full gold name; people the gold lists as never quoted
    are never speakers (they may be mentions)."""
    from knowledge.scoring import article_path_for

    data = json.loads(gold.read_text())
    article = load_article(article_path_for(gold, html=html))
    names = {s.name for s in article.speakers}
    for name, entry in data["speakers"].items():
        if "accept" not in entry:  # a named person, not an unnamed source
            assert name in names, (name, names)
    for name in data.get("non_speakers", []):
        assert name not in names and name.split()[-1] not in names, (name, names)


@requires_shared
@pytest.mark.parametrize(
    "gold, html", cases(), ids=lambda v: v.name if isinstance(v, Path) else ("html" if v else "txt")
)
def test_people_named_in_the_story_but_never_quoted_are_mentions(gold, html):
    from knowledge.scoring import article_path_for

    data = json.loads(gold.read_text())
    article = load_article(article_path_for(gold, html=html))
    story = "\n".join(p.text for p in article.paragraphs)
    mentioned = {m.name for m in article.mentions}
    for name in data.get("non_speakers", []):
        if name in story:
            assert name in mentioned, (name, sorted(mentioned))
