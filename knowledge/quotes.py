"""Finds the quotations in an article's paragraphs and attributes each to a speaker."""

from __future__ import annotations

from .model import Article, Document


def extract_knowledge(document: Document) -> Article:
    """Return the Article for ``document``: pull quotes, quotations, speakers and mentions."""
    raise NotImplementedError
