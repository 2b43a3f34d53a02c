"""Keeps secrets and people's words out of the bot's log: chatty loggers held at INFO, interaction tokens redacted.

At DEBUG discord.py dumps every gateway payload (message text, interaction tokens)
and every request URL (interaction callbacks and webhooks carry the interaction
token in their path); some of those URLs also appear in its rate-limit WARNINGs.
The answering API logs how it understood each question, words included, at DEBUG:
fine at a terminal, not for what Discord users type.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Iterator

# Loggers that hold tokens or people's words below INFO, and those of them that can log a URL above it.
HELD_AT_INFO = ("discord", "retrieval", "knowledge")
DISCORD_LOGGERS = ("discord", "discord.http", "discord.gateway", "discord.webhook.async_", "discord.client")

# /interactions/<id>/<token>/callback and /webhooks/<application id>/<token>/...
_TOKEN_IN_PATH = re.compile(r"(/(?:interactions|webhooks)/\d+/)[A-Za-z0-9_.\-]+")


def redact(text: str) -> str:
    """Return ``text`` with every interaction or webhook token in a URL path replaced by ``<token>``."""
    return _TOKEN_IN_PATH.sub(r"\1<token>", text)


class RedactTokens(logging.Filter):
    """Rewrites a record's message with its interaction tokens redacted (the record is kept)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


@contextlib.contextmanager
def private_discord_logs() -> Iterator[None]:
    """For the block: the ``HELD_AT_INFO`` loggers at INFO or above whatever the root level, and ``RedactTokens`` on discord.py's.

    A logger's filter sees only the records logged to that logger by name, so each
    of discord.py's module loggers that can log a URL gets its own.
    """
    redactor = RedactTokens()
    held = [(logger, logger.level) for logger in map(logging.getLogger, HELD_AT_INFO)]
    for logger, _ in held:
        if logger.getEffectiveLevel() < logging.INFO:
            logger.setLevel(logging.INFO)
    filtered = [logging.getLogger(name) for name in DISCORD_LOGGERS]
    for logger in filtered:
        logger.addFilter(redactor)
    try:
        yield
    finally:
        for logger, level in held:
            logger.setLevel(level)
        for logger in filtered:
            logger.removeFilter(redactor)
