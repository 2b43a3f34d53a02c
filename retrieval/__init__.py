"""Answers questions about articles with verbatim, attributed passages.

One public API serves every surface (the Discord bot, the terminal):

    >>> from retrieval import Answerer
    >>> answerer = Answerer.open()            # the bundled article
    >>> answer = answerer.ask("what did Healey say about talks?")
    >>> answer.answers[0].speaker
    'John Healey'
"""

from .answering import Answerer
from .records import Answer, ArticleRef, ArticleSummary, Passage, RetrievalError, SpeakerSummary

__all__ = [
    "Answer",
    "Answerer",
    "ArticleRef",
    "ArticleSummary",
    "Passage",
    "RetrievalError",
    "SpeakerSummary",
]
