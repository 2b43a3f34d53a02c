"""The mistakes a person can make on either surface, one class each; every message is one line that says what to do."""

from __future__ import annotations


class UserError(Exception):
    """A mistake the person can fix; the command line prints it as ``onrecord: <message>`` and exits 1."""


class BadInput(UserError):
    """A question, speaker, topic or article that cannot be answered as given (empty, overlong, unknown article)."""


class ChatInputError(BadInput):
    """A line typed into ``onrecord chat`` that is not a command the bot knows; the message says what is."""


class ConfigError(UserError):
    """A setting that cannot be used; the message names the variable and says what is expected."""


class StartError(UserError):
    """The bot could not come up (no or rejected token, refused intent, unreachable Discord)."""
