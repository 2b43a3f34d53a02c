"""Turns a read Document into an Article: its quotations, who said each, the people it mentions,
and which speaker each paragraph reports.

The pipeline, each step a convention of news writing:

1. quoted stretches per paragraph (``marks``), chained across paragraphs when a quote
   stays open and the next paragraph reopens it (``quotations``);
2. pull quotes: a paragraph without marks that repeats a body quotation followed by
   the speaker's name and title (``quotations``);
3. the cast: people, their roles and honorifics (``names``, ``coreference``);
4. for every quote, the speech frame that owns it (``frames``, ``attribution``);
5. which speaker each paragraph reports (``reporting``).
"""

from __future__ import annotations

import dataclasses
import logging

from .attribution import Attributor, attribute_headlines, tie_pending_roles
from .coreference import Cast
from .marks import Span, find_spans, has_double_marks
from .model import Article, Document, Mention, Paragraph, Quote, Speaker
from .names import clean_role, is_name_token
from .quotations import (
    chain_spans,
    find_pull_quotes,
    is_headline,
    quotes_with_single_marks,
    span_text,
    speech_in_single_marks,
)
from .reporting import paragraph_reports

log = logging.getLogger(__name__)


def extract_knowledge(document: Document) -> Article:
    """Return the Article for ``document``: pull quotes, quotations, speakers and mentions."""
    paragraphs = list(document.paragraphs)
    texts = [p.text for p in paragraphs]
    order = [i for i, p in enumerate(paragraphs) if p.role == "body"]
    singles_everywhere = quotes_with_single_marks([texts[pos] for pos in order])
    title = (document.title or "").strip()
    spans: dict[int, list[Span]] = {}
    headlines: list[int] = []
    for pos in order:
        text = texts[pos]
        headline = is_headline(text) and (pos == order[0] or text.strip() == title)
        if headline:
            headlines.append(pos)
        singles = singles_everywhere or (not has_double_marks(text) and (headline or speech_in_single_marks(text, pos)))
        spans[pos] = find_spans(text, pos, singles=singles)
    chains = chain_spans(spans, texts, order)
    pulls = find_pull_quotes(texts, order, spans, chains)
    if pulls:  # a pull quote set between two paragraphs of one quotation does not end it
        chains = chain_spans(spans, texts, [pos for pos in order if pos not in pulls])
        pulls = find_pull_quotes(texts, order, spans, chains)
    body = [pos for pos in order if pos not in pulls]

    cast = Cast()
    cast.article_text = "\n".join(texts[pos] for pos in body)
    for pos in order:
        cast.learn(pulls[pos][1] if pos in pulls else texts[pos], pos)

    attributor = Attributor(cast, texts, spans)
    attributor.run(body)
    tie_pending_roles(attributor, cast)
    attribute_headlines(attributor, headlines, [pos for pos in body if pos not in headlines])

    quotes: list[tuple[tuple[int, int], Quote, int | None]] = []
    chain_quotes: dict[int, Quote] = {}
    for number, chain in enumerate(chains):
        found = [attributor.found.get((s.paragraph, s.start)) for s in chain]
        parts = [p for p in found if p is not None]
        if not parts or parts[0].drop:
            continue
        owner = next((p for p in parts if p.speaker), parts[0])
        quote = Quote(
            id="",
            text="\n".join(span_text(texts, s) for s in chain),
            paragraphs=[paragraphs[s.paragraph].index for s in chain],
            kind=parts[0].kind,  # type: ignore[arg-type]
            speaker=owner.speaker,
            cue=owner.cue,
        )
        chain_quotes[number] = quote
        quotes.append(((chain[0].paragraph, chain[0].start), quote, None))
    for pos, (words, _trailer, repeated) in pulls.items():
        body_quote = chain_quotes.get(repeated) if repeated is not None else None
        quote = Quote(
            id="",
            text=words,
            paragraphs=[paragraphs[pos].index],
            kind="pullquote",
            speaker=body_quote.speaker if body_quote else None,
        )
        quotes.append(((pos, 0), quote, repeated))
        paragraphs[pos] = dataclasses.replace(paragraphs[pos], role="pullquote")
    quotes.sort(key=lambda item: item[0])
    for n, (_, quote, _) in enumerate(quotes, start=1):
        quote.id = f"q{n}"
    for _, quote, repeats in quotes:
        if repeats is not None and repeats in chain_quotes:
            quote.repeats = chain_quotes[repeats].id

    final = [q for _, q, _ in quotes]
    speakers = _speakers(final, cast)
    mentions = _mentions(cast, {s.name for s in speakers}, paragraphs)
    log.debug("%s: %d quotations, %d speakers", document.id, len(final), len(speakers))
    article = Article(
        id=document.id,
        title=document.title,
        date=document.date,
        source=document.source,
        paragraphs=paragraphs,
        quotes=final,
        speakers=speakers,
        mentions=mentions,
    )
    article.paragraphs = [
        dataclasses.replace(p, reports=who) for p, who in zip(paragraphs, paragraph_reports(article), strict=True)
    ]
    return article


def _speakers(quotes: list[Quote], cast: Cast) -> list[Speaker]:
    names: list[str] = []
    for quote in quotes:
        if quote.speaker and quote.speaker not in names:
            names.append(quote.speaker)
    speakers = []
    for name in names:
        entity = cast.entity(name)
        role = clean_role(entity.role) if entity and entity.role else None
        aliases = [a for a in (entity.aliases if entity else []) if a != name]
        speakers.append(Speaker(name=name, role=role, aliases=aliases))
    return speakers


def _mentions(cast: Cast, speakers: set[str], paragraphs: list[Paragraph]) -> list[Mention]:
    mentions = []
    for person in cast.people.values():
        if person.name in speakers:
            continue
        if not all(is_name_token(w) or w.islower() for w in person.name.split()):
            continue
        mentions.append(
            Mention(
                name=person.name,
                role=clean_role(person.role) if person.role else None,
                paragraphs=sorted(paragraphs[p].index for p in person.paragraphs),
            )
        )
    return mentions


__all__ = [
    "extract_knowledge",
]
