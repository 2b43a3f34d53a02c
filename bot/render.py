"""Turns answers into posts: a neutral model of what the bot says, within Discord's limits by construction.

Every surface draws the same ``Post``: the Discord bot turns it into embeds
(``bot.discord.sending``), the terminal harness into rich panels (``bot.cli.chat``).
Text in a post is final Discord markdown (verbatim words are escaped), so the limits
measured here are the limits Discord applies.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from retrieval import Answer, ArticleRef, ArticleSummary, Passage, SpeakerSummary

# Discord's limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits).
CONTENT_LIMIT = 2000
TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
FIELD_COUNT_LIMIT = 25
FOOTER_LIMIT = 2048
AUTHOR_LIMIT = 256
EMBED_TOTAL_LIMIT = 6000
EMBEDS_PER_MESSAGE = 10

PAGE_SIZE = 3  # passages per message
ELLIPSIS = "…"

Tone = Literal["quote", "passage", "notice", "info"]

# Characters Discord reads as markdown anywhere, and those that only matter at a line's start.
_MARKDOWN = re.compile(r"([\\*_~|`\[])|^([#>-])", re.MULTILINE)


@dataclass(frozen=True)
class Field:
    """A named block of text under a card's body."""

    name: str
    value: str


@dataclass(frozen=True)
class Card:
    """One embed: an author line, an optional title, a body, fields and a footer."""

    body: str = ""
    author: str | None = None
    title: str | None = None
    footer: str | None = None
    fields: tuple[Field, ...] = ()
    tone: Tone = "info"

    def size(self) -> int:
        """Return the characters Discord counts against the 6,000 per message."""
        return (
            len(self.body)
            + len(self.author or "")
            + len(self.title or "")
            + len(self.footer or "")
            + sum(len(f.name) + len(f.value) for f in self.fields)
        )


@dataclass(frozen=True)
class Post:
    """One message: optional content above up to ten cards.

    ``ephemeral`` posts are seen only by the person who asked (an error, a hint).
    """

    cards: tuple[Card, ...] = ()
    content: str | None = None
    ephemeral: bool = False

    def size(self) -> int:
        """Return the embed characters of the whole post (content not included, as Discord counts)."""
        return sum(card.size() for card in self.cards)


@dataclass(frozen=True)
class Pages:
    """The pages of one reply; the first is sent, the rest are reached with buttons."""

    posts: tuple[Post, ...] = field(default_factory=tuple)

    def __len__(self) -> int:
        return len(self.posts)

    def __getitem__(self, index: int) -> Post:
        return self.posts[index]


# --- text ---------------------------------------------------------------------------------


def escape(text: str) -> str:
    """Return ``text`` with Discord markdown characters escaped, so verbatim words show as written."""
    return _MARKDOWN.sub(lambda m: "\\" + (m.group(1) or m.group(2)), text)


def unescape(text: str) -> str:
    """Undo ``escape`` (for surfaces that draw plain text)."""
    return re.sub(r"\\(.)", r"\1", text)


def shorten(text: str, limit: int, *, tail: str = "") -> str:
    """Return ``text`` cut to at most ``limit`` characters at a word boundary, with an ellipsis.

    ``tail`` (e.g. a pointer to the paragraph) is appended after the ellipsis when
    the text is cut. Text already within the limit is returned unchanged.
    """
    if len(text) <= limit:
        return text
    room = limit - len(ELLIPSIS) - len(tail)
    if room <= 0:
        return (ELLIPSIS + tail)[:limit] if limit > 0 else ""
    cut = text[: room + 1]
    space = max(cut.rfind(" "), cut.rfind("\n"))
    # Cut at the last space unless that throws away most of the room (one very long word).
    cut = cut[:space] if space > room // 2 else text[:room]
    cut = cut.rstrip(" \n,;:–—-")
    if (len(cut) - len(cut.rstrip("\\"))) % 2:  # never leave half an escape
        cut = cut[:-1]
    return cut + ELLIPSIS + tail


def paragraph_label(paragraphs: Sequence[int]) -> str:
    """Return 0-based paragraph indices as readers count them: "¶ 8", "paragraphs 8–11", "paragraphs 3, 8"."""
    shown = sorted({p + 1 for p in paragraphs})
    if not shown:
        return ""
    if len(shown) == 1:
        return f"¶ {shown[0]}"
    if shown == list(range(shown[0], shown[-1] + 1)):
        return f"paragraphs {shown[0]}–{shown[-1]}"
    return "paragraphs " + ", ".join(str(p) for p in shown)


ARTICLE_NAME_LIMIT = 200  # an article's title in a footer or list; keeps room for the quotations


def article_line(article: ArticleRef | ArticleSummary) -> str:
    """Return "Title · date" (the id when there is no title), the title cut to ``ARTICLE_NAME_LIMIT``."""
    parts = [shorten(article.title or article.id, ARTICLE_NAME_LIMIT)]
    if article.date:
        parts.append(article.date)
    return " · ".join(parts)


def speaker_line(passage: Passage) -> str:
    """Return the author line: the speaker and their role, or what kind of passage it is.

    A paragraph (not a quotation) about what someone said is the article's words,
    so its author line says it is reported rather than quoted.
    """
    if passage.speaker:
        who = f"{passage.speaker}, {passage.role}" if passage.role else passage.speaker
        return who if passage.kind == "quote" else f"{who} (reported)"
    return "Unattributed quotation" if passage.kind == "quote" else "From the article"


def not_quoted_line(passage: Passage) -> str | None:
    """Return the line that tells a reader a passage's words are not quoted by name, else None.

    A paragraph shown for someone because it sets them beside quoted words the
    article credits to no one is the article's text: the words may be theirs, but
    the article does not say so, and the reader should not take them as quoted.
    """
    if not passage.beside or passage.speaker:
        return None
    return f"Not quoted by name: the article sets these words beside {passage.beside} without saying who said them"


# --- limits -------------------------------------------------------------------------------


def _share(lengths: Sequence[int], total: int) -> list[int]:
    """Split ``total`` characters over texts of these lengths: short ones keep all, long ones share the rest."""
    budgets = [0] * len(lengths)
    left = max(total, 0)
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    for position, i in enumerate(order):
        fair = left // (len(order) - position)
        budgets[i] = min(lengths[i], fair)
        left -= budgets[i]
    return budgets


def fit_card(card: Card) -> Card:
    """Return the card with every part within Discord's per-part limits."""
    fields = tuple(
        Field(shorten(f.name, FIELD_NAME_LIMIT) or "\u200b", shorten(f.value, FIELD_VALUE_LIMIT) or "\u200b")
        for f in card.fields[:FIELD_COUNT_LIMIT]
    )
    return replace(
        card,
        body=shorten(card.body, DESCRIPTION_LIMIT),
        author=shorten(card.author, AUTHOR_LIMIT) if card.author else None,
        title=shorten(card.title, TITLE_LIMIT) if card.title else None,
        footer=shorten(card.footer, FOOTER_LIMIT) if card.footer else None,
        fields=fields,
    )


def fit_post(post: Post) -> Post:
    """Return the post within every Discord limit: content, ten embeds, parts, and 6,000 in total.

    When the total is over, the bodies share what the other parts leave (short ones
    are kept whole); then, if still over, fields are dropped from the last card back.
    """
    content = shorten(post.content, CONTENT_LIMIT) if post.content else None
    cards = [fit_card(c) for c in post.cards[:EMBEDS_PER_MESSAGE]]
    if sum(c.size() for c in cards) > EMBED_TOTAL_LIMIT:
        others = sum(c.size() - len(c.body) for c in cards)
        budgets = _share([len(c.body) for c in cards], EMBED_TOTAL_LIMIT - others)
        cards = [replace(c, body=shorten(c.body, b)) for c, b in zip(cards, budgets, strict=True)]
    while sum(c.size() for c in cards) > EMBED_TOTAL_LIMIT:
        last = max(i for i, c in enumerate(cards) if c.fields or c.footer or c.body or c.title)
        card = cards[last]
        if card.fields:
            cards[last] = replace(card, fields=card.fields[:-1])
        else:
            cards[last] = replace(card, footer=None, title=None, body=shorten(card.body, max(len(card.body) // 2, 0)))
    return replace(post, content=content, cards=tuple(cards))


# --- passages ----------------------------------------------------------------------------


def passage_body(passage: Passage, limit: int = DESCRIPTION_LIMIT) -> str:
    """Return the passage as an embed body: verbatim, escaped, in quotation marks for a quotation.

    A passage longer than ``limit`` is cut at a word boundary with an ellipsis and a
    pointer to the paragraph where the cut falls, so a reader can find the rest.
    """
    pieces = [escape(p) for p in passage.text.split("\n") if p.strip()] or [escape(passage.text)]
    opener, closer = ("“", "”") if passage.kind == "quote" else ("", "")
    whole = opener + "\n\n".join(pieces) + closer
    if len(whole) <= limit:
        return whole
    numbers = list(passage.paragraphs)
    # Reserve room for the longest pointer, then find which paragraph the cut lands in.
    widest = f"{closer} (continues in ¶ {max(numbers, default=0) + 1})"
    cut = shorten(opener + "\n\n".join(pieces), max(limit - len(widest), len(ELLIPSIS) + 1))
    kept_breaks = cut.count("\n\n")
    if numbers:
        where = numbers[min(kept_breaks, len(numbers) - 1)] if len(numbers) == len(pieces) else numbers[0]
        pointer = f" (continues in ¶ {where + 1})"
    else:
        pointer = ""
    return cut + closer + pointer


def passage_footer(passage: Passage) -> str:
    """Return the source line: the article's title and date, then the paragraph numbers."""
    label = paragraph_label(passage.paragraphs)
    return article_line(passage.article) + (f" · {label}" if label else "")


def passage_cards(passages: Sequence[Passage]) -> tuple[Card, ...]:
    """Return one card per passage, bodies sized so that together they fit one message."""
    heads = [
        Card(
            author=shorten(speaker_line(p), AUTHOR_LIMIT),  # at most 256 + ~230 footer: bodies keep >= 1,500 each
            title=_title(not_quoted_line(p)),
            footer=shorten(passage_footer(p), FOOTER_LIMIT),
            tone="quote" if p.kind == "quote" else "passage",
        )
        for p in passages
    ]
    fulls = [passage_body(p) for p in passages]
    room = EMBED_TOTAL_LIMIT - sum(h.size() for h in heads)
    budgets = _share([len(b) for b in fulls], room)
    return tuple(
        replace(head, body=full if len(full) <= budget else passage_body(p, min(budget, DESCRIPTION_LIMIT)))
        for head, full, budget, p in zip(heads, fulls, budgets, passages, strict=True)
    )


def _title(line: str | None) -> str | None:
    return shorten(escape(line), TITLE_LIMIT) if line else None


def _page_posts(passages: Sequence[Passage], noun: str) -> Pages:
    chunks = [passages[i : i + PAGE_SIZE] for i in range(0, len(passages), PAGE_SIZE)]
    posts = []
    for number, chunk in enumerate(chunks):
        content = None
        if len(chunks) > 1:
            first = number * PAGE_SIZE + 1
            span = f"{first}–{first + len(chunk) - 1}" if len(chunk) > 1 else str(first)
            content = f"{noun} {span} of {len(passages)} · page {number + 1}/{len(chunks)}"
        posts.append(fit_post(Post(cards=passage_cards(chunk), content=content)))
    return Pages(tuple(posts))


def no_answer_post(answer: Answer) -> Post:
    """Return the honest reply when nothing on record answers: why, where the person is mentioned, who is close."""
    message = answer.message or "Nothing in the articles answers that closely enough to quote."
    fields = []
    for passage in answer.mentioned_in[:3]:
        label = paragraph_label(passage.paragraphs) or "the article"
        name = f"Mentioned in {label} · {article_line(passage.article)}"
        fields.append(Field(shorten(name, FIELD_NAME_LIMIT), passage_body(passage, FIELD_VALUE_LIMIT)))
    if answer.suggestions:
        names = ", ".join(escape(s) for s in answer.suggestions[:10])
        fields.append(Field("Closest speakers on record", names))
    card = Card(title="Nothing on record", body=escape(message), fields=tuple(fields), tone="notice")
    return fit_post(Post(cards=(card,)))


def answer_pages(answer: Answer, *, noun: str = "Passages") -> Pages:
    """Return the pages of an answer: ``PAGE_SIZE`` passages a page, or the no-answer reply."""
    if answer.no_answer or not answer.answers:
        return Pages((no_answer_post(answer),))
    return _page_posts(answer.answers, noun)


def quote_pages(answer: Answer) -> Pages:
    """Return the pages of a speaker's quotations (the same cards as an answer)."""
    return answer_pages(answer, noun="Quotations")


# --- listings ----------------------------------------------------------------------------


def _lines_within(lines: Sequence[str], limit: int, more: str) -> str:
    """Join as many lines as fit in ``limit``, then say how many were left out."""
    kept: list[str] = []
    used = 0
    for index, line in enumerate(lines):
        line = shorten(line, limit // 2)
        remaining = len(lines) - index - 1
        reserve = len(more.format(n=remaining + 1)) + 1 if remaining else 0
        if used + len(line) + 1 + reserve > limit:
            kept.append(more.format(n=len(lines) - index))
            break
        kept.append(line)
        used += len(line) + 1
    return "\n".join(kept)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _role_and_count(speaker: SpeakerSummary) -> str:
    """Return what follows a speaker's name in a listing: ", role · 3 quotations"."""
    role = f", {escape(speaker.role)}" if speaker.role else ""
    return f"{role} · {_count(speaker.quotes, 'quotation')}"


def speakers_post(speakers: Sequence[SpeakerSummary], article: ArticleSummary | None = None) -> Post:
    """Return who is quoted (in one article, or everywhere), with role and number of quotations."""
    where = f" in {escape(article_line(article))}" if article else ""
    if not speakers:
        card = Card(
            title=shorten("Nobody is quoted" + where, TITLE_LIMIT),
            body="No quotations are attributed to a named person.",
            tone="info",
        )
        return fit_post(Post(cards=(card,)))
    lines = [f"**{escape(s.name)}**{_role_and_count(s)}" for s in speakers]
    body = _lines_within(lines, DESCRIPTION_LIMIT, "… and {n} more")
    card = Card(
        title=shorten("Who is quoted" + where, TITLE_LIMIT),
        body=body,
        tone="info",
        footer="/quote speaker:<name> shows what they said",
    )
    return fit_post(Post(cards=(card,)))


def _article_summary(article: ArticleSummary) -> str:
    parts = [p for p in (article.source, article.date) if p]
    parts += [
        _count(article.paragraphs, "paragraph"),
        _count(article.quotes, "quotation"),
        _count(len(article.speakers), "speaker"),
    ]
    return " · ".join(escape(p) for p in parts)


def _quoted(article: ArticleSummary, shown: int = 5) -> str:
    if not article.speakers:
        return ""
    names = ", ".join(escape(n) for n in article.speakers[:shown])
    more = f" and {len(article.speakers) - shown} more" if len(article.speakers) > shown else ""
    return f"\nQuoted: {names}{more}"


def articles_post(articles: Sequence[ArticleSummary]) -> Post:
    """Return the articles in the knowledge base: title, date, source and counts."""
    if not articles:
        card = Card(
            title="No articles yet",
            body="The knowledge base is empty: ingest an article first (onrecord ingest PATH).",
            tone="notice",
        )
        return fit_post(Post(cards=(card,)))
    lines = [
        f"**{escape(shorten(a.title or a.id, ARTICLE_NAME_LIMIT))}**\n{_article_summary(a)}{_quoted(a)}"
        for a in articles
    ]
    body = _lines_within(lines, DESCRIPTION_LIMIT, "… and {n} more: type /article and pick from the list")
    card = Card(
        title=f"{_count(len(articles), 'article')} on record",
        body=body,
        tone="info",
        footer="/article article:<title> shows one article and who is quoted in it",
    )
    return fit_post(Post(cards=(card,)))


def article_post(article: ArticleSummary, speakers: Sequence[SpeakerSummary]) -> Post:
    """Return one article: its summary line and the people quoted in it."""
    lines = [_article_summary(article), ""]
    if speakers:
        lines.append("**Quoted:**")
        lines += [f"{escape(s.name)}{_role_and_count(s)}" for s in speakers]
    else:
        lines.append("Nobody is quoted by name.")
    body = _lines_within(lines, DESCRIPTION_LIMIT, "… and {n} more")
    card = Card(
        title=shorten(escape(article.title or article.id), TITLE_LIMIT),
        body=body,
        tone="info",
        footer=shorten(f"id: {article.id}", FOOTER_LIMIT),
    )
    return fit_post(Post(cards=(card,)))


HELP_TEXT = (
    "I answer questions about news articles with what people actually said: verbatim, "
    "with who said it and where in the article. I never paraphrase.\n\n"
    "**/ask** question: what did Healey say about talks?\n"
    "**/quote** speaker: a name (pick from the list), topic: optional\n"
    "**/speakers**: who is quoted, and how often\n"
    "**/article**: the articles I know, or one article's speakers\n"
    "**/article-add** file or url, **/article-remove** article: moderators add this server's own articles\n\n"
    "You can also mention me with a question. When nothing on record answers, I say so."
)


def help_post() -> Post:
    """Return what the bot does and how to ask, in a few lines."""
    return fit_post(Post(cards=(Card(title="onrecord", body=HELP_TEXT, tone="info"),)))


def notice_post(message: str, *, ephemeral: bool = True) -> Post:
    """Return a short message to the person who asked (an error, a hint, a cooldown)."""
    return fit_post(Post(content=message, ephemeral=ephemeral))
