"""What each article says a person is: the descriptions beside their name, and the paragraph that introduces them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from knowledge import Article
from knowledge.name_forms import tokens
from knowledge.names import find_people

#: A description is cut before a relative clause: "an Army officer who serves on the
#: council" describes an officer, and "council" would make him whoever runs one.
_CLAUSE = re.compile(r"\s(?:who|whom|whose|which|that|where|when)\s.*$", re.IGNORECASE)
#: How many articles' findings are kept (each article is read for names once per process).
_KEPT = 4096


@dataclass
class Introduction:
    """What one article says about one person it names."""

    descriptions: list[str] = field(default_factory=list)  # roles beside the name, in article order
    first_named: int = 0  # the first paragraph that names them
    first_described: int | None = None  # the first paragraph that names them with a description

    @property
    def paragraph(self) -> int:
        """Return the paragraph that introduces them: the first to say what they are, else the first to name them."""
        return self.first_described if self.first_described is not None else self.first_named


_cache: dict[tuple[str, int], list[tuple[int, str, str | None]]] = {}


def named_in(article: Article) -> list[tuple[int, str, str | None]]:
    """Return ``(paragraph, name, description)`` for every person named in the article's body, in order."""
    key = (article.id, hash(tuple(p.text for p in article.paragraphs)))
    found = _cache.get(key)
    if found is None:
        found = [
            (paragraph.index, hit.name, _description(hit.role))
            for paragraph in article.paragraphs
            if paragraph.role == "body"
            for hit in find_people(paragraph.text)
        ]
        if len(_cache) >= _KEPT:
            _cache.pop(next(iter(_cache)))
        _cache[key] = found
    return found


def introductions(article: Article, forms_of: Mapping[str, Iterable[tuple[str, ...]]]) -> dict[str, Introduction]:
    """Return, per person of ``forms_of`` (canonical name -> name forms), what ``article`` says they are.

    A name found in the text is theirs when its words, or its last word, are one
    of their forms and of no one else's.
    """
    owner: dict[tuple[str, ...], set[str]] = {}
    for name, forms in forms_of.items():
        for form in forms:
            owner.setdefault(form, set()).add(name)
    out: dict[str, Introduction] = {}
    for paragraph, found, description in named_in(article):
        words = tuple(tokens(found))
        names = owner.get(words) or owner.get(words[-1:]) or set()
        if len(names) != 1:
            continue
        intro = out.get(next(iter(names)))
        if intro is None:
            intro = out[next(iter(names))] = Introduction(first_named=paragraph)
        if description and description not in intro.descriptions:
            intro.descriptions.append(description)
        if description and intro.first_described is None:
            intro.first_described = paragraph
    return out


def _description(role: str | None) -> str | None:
    if not role:
        return None
    cut = _CLAUSE.sub("", role).strip(" ,;")
    return cut or None
