"""Log levels for the long-running commands: the bot's own setting, and quiet libraries unless debugging."""

from __future__ import annotations

import logging


def apply_log_level(log_level: str, *, verbose: bool = False) -> None:
    """Set the root logger to ``log_level`` (a name such as ``"INFO"``; at least INFO with ``verbose``)."""
    level = getattr(logging, log_level)
    if verbose:
        level = min(level, logging.INFO)
    logging.getLogger().setLevel(level)
    quiet_libraries(level)


def quiet_libraries(level: int) -> None:
    """Show discord.py's and bm25s's INFO chatter (connecting, index building) only at DEBUG; warnings always."""
    # bm25s sets its own logger to DEBUG when imported; import it first so that the level set here sticks.
    try:
        import bm25s  # noqa: F401
    except ImportError:
        pass
    library_level = level if level <= logging.DEBUG else max(level, logging.WARNING)
    for name in ("discord", "bm25s"):
        logging.getLogger(name).setLevel(library_level)
